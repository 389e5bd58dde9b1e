import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedSecret, SECRET_MAX_AGE_MS } from '../../../shared/adapters/secrets.js';

const secretsManager = mockClient(SecretsManagerClient);
afterEach(() => secretsManager.reset());

describe('a secret read from Secrets Manager', () => {
  it('is read once within its maximum age and read again after it, so a rotation is picked up', async () => {
    let now = 1_000_000;
    secretsManager
      .on(GetSecretValueCommand, { SecretId: 'arn:webhook' })
      .resolvesOnce({ SecretString: 'first' })
      .resolvesOnce({ SecretString: 'rotated' });
    const secret = cachedSecret(new SecretsManagerClient({}), 'arn:webhook', { now: () => now });

    expect(await Promise.all([secret(), secret()])).toEqual(['first', 'first']);
    now += SECRET_MAX_AGE_MS - 1;
    expect(await secret()).toBe('first');
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);

    now += 1;
    expect(await secret()).toBe('rotated');
    expect(await secret()).toBe('rotated');
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('is not cached when the read fails: the next call reads again', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .rejectsOnce(new Error('ThrottlingException'))
      .resolvesOnce({})
      .resolves({ SecretString: 'value' });
    const secret = cachedSecret(new SecretsManagerClient({}), 'arn:slack', { now: () => 0 });

    await expect(secret()).rejects.toThrow('ThrottlingException');
    await expect(secret()).rejects.toThrow('secret arn:slack has no string value');
    expect(await secret()).toBe('value');
    expect(await secret()).toBe('value');
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(3);
  });

  it('is kept 5 minutes when no maximum age is given', async () => {
    let now = 0;
    secretsManager
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: 'a' })
      .resolves({ SecretString: 'b' });
    const secret = cachedSecret(new SecretsManagerClient({}), 'arn:slack', { now: () => now });
    expect(await secret()).toBe('a');
    now = 299_999;
    expect(await secret()).toBe('a');
    now = 300_000;
    expect(await secret()).toBe('b');
  });
});
