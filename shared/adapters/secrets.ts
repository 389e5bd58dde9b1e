import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * A secret fetched once per container and cached (a failed fetch is retried on the next call).
 * Lambda containers live minutes to hours, so a rotated secret is picked up by new containers.
 */
export function cachedSecret(client: SecretsManagerClient, secretId: string): () => Promise<string> {
  let value: Promise<string> | undefined;
  return () => {
    value ??= client.send(new GetSecretValueCommand({ SecretId: secretId })).then(
      (out) => {
        if (out.SecretString === undefined) throw new Error(`secret ${secretId} has no string value`);
        return out.SecretString;
      },
      (error) => {
        value = undefined;
        throw error;
      },
    );
    return value;
  };
}
