import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cachedSecret, SECRET_MAX_AGE_MS } from '../../../shared/adapters/secrets.js';

// Powertools Parameters ages its cache by the system clock, so the tests move that clock.
const secretsManager = mockClient(SecretsManagerClient);
const START = Date.parse('2026-11-27T12:00:00Z');
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
  secretsManager.reset();
});

describe('a secret read from Secrets Manager', () => {
  it('is read once within its maximum age and read again after it, so a rotation is picked up', async () => {
    secretsManager
      .on(GetSecretValueCommand, { SecretId: 'arn:webhook' })
      .resolvesOnce({ SecretString: 'first' })
      .resolvesOnce({ SecretString: 'rotated' });
    const secret = cachedSecret(new SecretsManagerClient({}), 'arn:webhook', { maxAgeMs: 60_000 });

    expect(await secret()).toBe('first');
    vi.setSystemTime(START + 60_000 - 1);
    expect(await secret()).toBe('first');
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);

    vi.setSystemTime(START + 60_000 + 1);
    expect(await secret()).toBe('rotated');
    expect(await secret()).toBe('rotated');
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('is not cached when the read fails: the next call reads again', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .rejectsOnce(new Error('ThrottlingException'))
      .resolvesOnce({ SecretBinary: new Uint8Array([1, 2]) })
      .resolves({ SecretString: 'value' });
    const secret = cachedSecret(new SecretsManagerClient({}), 'arn:slack');

    await expect(secret()).rejects.toThrow('ThrottlingException');
    await expect(secret()).rejects.toThrow('secret arn:slack has no string value');
    expect(await secret()).toBe('value');
    expect(await secret()).toBe('value');
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(3);
  });

  it('is kept 5 minutes when no maximum age is given', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: 'a' })
      .resolves({ SecretString: 'b' });
    const secret = cachedSecret(new SecretsManagerClient({}), 'arn:slack');
    expect(await secret()).toBe('a');
    vi.setSystemTime(START + SECRET_MAX_AGE_MS);
    expect(await secret()).toBe('a');
    vi.setSystemTime(START + SECRET_MAX_AGE_MS + 1);
    expect(await secret()).toBe('b');
  });
});
