import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, Checksum, Provider, SourceData } from '@smithy/types';
import { UsageError } from './errors.js';
import type { RequestSigner } from './http-client.js';

/** API Gateway's signing name for IAM-authorized routes. */
export const SIGNING_SERVICE = 'execute-api';

/** SHA-256 and HMAC-SHA-256 for the signer, from node:crypto (no extra dependency). */
export class NodeSha256 implements Checksum {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }

  update(data: Uint8Array): void {
    this.hash.update(data);
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    const key =
      typeof this.secret === 'string'
        ? this.secret
        : ArrayBuffer.isView(this.secret)
          ? new Uint8Array(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength)
          : new Uint8Array(this.secret);
    return createHmac('sha256', key);
  }
}

/** Sign when the API is on AWS (or when asked to, e.g. for a custom domain in front of it). */
export function shouldSign(apiUrl: URL, forced: boolean): boolean {
  return forced || apiUrl.hostname.endsWith('.amazonaws.com');
}

/** The region of `https://abc.execute-api.eu-west-1.amazonaws.com/prod`, else AWS_REGION. */
export function signingRegion(apiUrl: URL, env: Record<string, string | undefined>): string {
  const fromHost = /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(apiUrl.hostname)?.[1];
  const region = fromHost ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) {
    throw new UsageError(
      `cannot tell the AWS region of ${apiUrl.origin}: set AWS_REGION (e.g. AWS_REGION=eu-west-1) to sign requests`,
    );
  }
  return region;
}

export interface SignerOptions {
  region: string;
  credentials: AwsCredentialIdentity | Provider<AwsCredentialIdentity>;
  /** Fixed signing time, for tests. */
  signingDate?: Date;
}

/** A SigV4 signer (service `execute-api`) for the API client. */
export function createSigV4Signer(options: SignerOptions): RequestSigner {
  const signer = new SignatureV4({
    service: SIGNING_SERVICE,
    region: options.region,
    credentials: options.credentials,
    sha256: NodeSha256,
  });
  return async ({ method, url, headers, body }) => {
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) query[name] = value;
    const signed = await signer.sign(
      {
        method,
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname,
        query,
        headers: { ...headers, host: url.host },
        body,
      },
      options.signingDate ? { signingDate: options.signingDate } : {},
    );
    // fetch sets `host` itself, from the same URL that was signed.
    const { host: _host, ...rest } = signed.headers;
    return rest;
  };
}

/** The standard AWS credential chain (env, SSO, profiles, instance roles), loaded only when signing. */
export async function defaultCredentials(): Promise<Provider<AwsCredentialIdentity>> {
  const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
  return defaultProvider();
}
