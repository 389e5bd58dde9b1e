import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CodedError } from '../domain/coded-error.js';

/** How long a fetched secret is used before it is read again, so a rotated secret is picked up. */
export const SECRET_MAX_AGE_MS = 5 * 60_000;

export class SecretValueError extends CodedError {
  readonly code = 'SECRET_INVALID';
}

/**
 * A secret read from Secrets Manager through Powertools Parameters, which keeps it for
 * `maxAgeMs` and reads it again after that. A failed read is not kept: the next call reads again.
 * The secrets this system keeps are text (the Slack app's JSON, the webhook's signing key), so a
 * binary secret is a setup mistake and says so.
 */
export function cachedSecret(
  client: SecretsManagerClient,
  secretId: string,
  { maxAgeMs = SECRET_MAX_AGE_MS }: { maxAgeMs?: number } = {},
): () => Promise<string> {
  const provider = new SecretsProvider({ awsSdkV3Client: client });
  // Powertools keeps whatever it read; a value we refuse is read afresh next time instead.
  let refused = false;
  return async () => {
    const value = await provider.get(secretId, { maxAge: maxAgeMs / 1000, forceFetch: refused });
    refused = typeof value !== 'string';
    if (typeof value !== 'string') throw new SecretValueError(`secret ${secretId} has no string value`);
    return value;
  };
}
