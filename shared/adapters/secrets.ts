import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** How long a fetched secret is used before it is read again, so a rotated secret is picked up. */
export const SECRET_MAX_AGE_MS = 5 * 60_000;

export interface CachedSecretOptions {
  maxAgeMs?: number;
  /** Milliseconds since the epoch; injected so tests can age the cache. */
  now?: () => number;
}

/**
 * A secret read from Secrets Manager and kept for `maxAgeMs`; callers that ask while a read is in
 * flight share it. A failed read is not kept: the next call reads again.
 */
export function cachedSecret(
  client: SecretsManagerClient,
  secretId: string,
  { maxAgeMs = SECRET_MAX_AGE_MS, now = Date.now }: CachedSecretOptions = {},
): () => Promise<string> {
  let cached: { value: Promise<string>; fetchedAt: number } | undefined;
  return () => {
    if (cached && now() - cached.fetchedAt < maxAgeMs) return cached.value;
    const value = client.send(new GetSecretValueCommand({ SecretId: secretId })).then((out) => {
      if (out.SecretString === undefined) throw new Error(`secret ${secretId} has no string value`);
      return out.SecretString;
    });
    const entry = { value, fetchedAt: now() };
    cached = entry;
    value.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return value;
  };
}
