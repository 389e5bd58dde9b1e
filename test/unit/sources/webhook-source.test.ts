import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { freshness } from '../../../shared/http/hmac-signature.js';
import {
  sourceSecretEnvName,
  sourceSecretsFromEnv,
  sourceSecretsFromMap,
} from '../../../shared/sources/source-secrets.js';
import { webhookSource } from '../../../shared/sources/webhook.js';

const SECRET = `whsec_${Buffer.from('thirty-two bytes of secret here!').toString('base64')}`;
const NOW = Date.parse('2026-11-18T15:00:00Z');

function request(id: string, body: string, signature: string, at = NOW) {
  return {
    headers: { 'Webhook-Id': id, 'Webhook-Timestamp': String(at / 1000), 'Webhook-Signature': signature },
    body: Buffer.from(body),
  };
}

describe('the Standard Webhooks verifier', () => {
  const sign = (id: string, body: string, at = NOW, secret = SECRET) =>
    new Webhook(secret).sign(id, new Date(at), body);

  it('accepts what the reference implementation signs, whatever the header case', () => {
    expect(webhookSource.verify(request('msg_1', '{}', sign('msg_1', '{}')), SECRET, [NOW])).toEqual({
      ok: true,
      deliveryId: 'msg_1',
    });
  });

  it('accepts the secret without its whsec_ prefix, as the reference implementation does', () => {
    const bare = SECRET.slice('whsec_'.length);
    expect(webhookSource.verify(request('msg_1', '{}', sign('msg_1', '{}')), bare, [NOW]).ok).toBe(true);
  });

  it('binds the signature to the id, the timestamp and the body', () => {
    const signature = sign('msg_1', '{}');
    expect(webhookSource.verify(request('msg_2', '{}', signature), SECRET, [NOW]).ok).toBe(false);
    expect(webhookSource.verify(request('msg_1', '{ }', signature), SECRET, [NOW]).ok).toBe(false);
    expect(webhookSource.verify(request('msg_1', '{}', signature, NOW + 1000), SECRET, [NOW]).ok).toBe(false);
  });

  it('ignores signatures of other versions and malformed entries', () => {
    const v1 = sign('msg_1', '{}');
    const v2 = `v2,${v1.slice(3)}`;
    expect(webhookSource.verify(request('msg_1', '{}', v2), SECRET, [NOW])).toEqual({
      ok: false,
      reason: 'no signature matches',
    });
    expect(webhookSource.verify(request('msg_1', '{}', `garbage ${v1}`), SECRET, [NOW]).ok).toBe(true);
  });

  it('judges the 5-minute window against any of the clock readings', () => {
    const at = NOW - 10 * 60_000;
    const signed = request('msg_1', '{}', sign('msg_1', '{}', at), at);
    expect(webhookSource.verify(signed, SECRET, [NOW])).toEqual({
      ok: false,
      reason: 'webhook-timestamp is more than 5 minutes old',
    });
    // A simulated runtime clock far from real time still accepts what was signed in real time.
    expect(webhookSource.verify(signed, SECRET, [NOW, at + 60_000]).ok).toBe(true);
  });

  it('refuses a timestamp that is not Unix seconds, and an over-long id', () => {
    const wrong = { ...request('msg_1', '{}', sign('msg_1', '{}')) };
    wrong.headers['Webhook-Timestamp'] = '2026-11-18T15:00:00Z';
    expect(webhookSource.verify(wrong, SECRET, [NOW])).toMatchObject({
      reason: 'webhook-timestamp must be Unix seconds',
    });
    const id = 'm'.repeat(101);
    expect(webhookSource.verify(request(id, '{}', sign(id, '{}')), SECRET, [NOW]).ok).toBe(false);
  });
});

describe('the replay window', () => {
  it('is 5 minutes either way, inclusive', () => {
    expect(freshness(NOW / 1000 - 300, NOW)).toBe('fresh');
    expect(freshness(NOW / 1000 - 301, NOW)).toBe('stale');
    expect(freshness(NOW / 1000 + 300, NOW)).toBe('fresh');
    expect(freshness(NOW / 1000 + 301, NOW)).toBe('future');
  });
});

describe('source secrets', () => {
  it('names the variable by the source, upper-cased with - as _', () => {
    expect(sourceSecretEnvName('crm-eu')).toBe('SLA_SOURCE_CRM_EU_SECRET');
  });

  it('reads the variable, an empty one counting as unset', async () => {
    const secretOf = sourceSecretsFromEnv({ SLA_SOURCE_CRM_EU_SECRET: 'whsec_x', SLA_SOURCE_OPS_SECRET: '' });
    expect(await secretOf('crm-eu')).toBe('whsec_x');
    expect(await secretOf('ops')).toBeUndefined();
  });

  it('reads one map by source name, and refuses a secret that is not a JSON object', async () => {
    const secretOf = sourceSecretsFromMap(async () => '{"crm":"whsec_a","ops":7}');
    expect(await secretOf('crm')).toBe('whsec_a');
    expect(await secretOf('ops')).toBeUndefined();
    expect(await secretOf('other')).toBeUndefined();
    await expect(sourceSecretsFromMap(async () => 'whsec_plain')('crm')).rejects.toThrow(/JSON object/);
  });
});
