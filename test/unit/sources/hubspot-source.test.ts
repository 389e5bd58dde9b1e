import { Signature } from '@hubspot/api-client/lib/src/utils/signature.js';
import { describe, expect, it } from 'vitest';
import type { SourceDefinition } from '../../../shared/domain/sources/config-sources.js';
import { hubspotSource } from '../../../shared/sources/hubspot.js';
import { calledUri, decodeSignedUri } from '../../../shared/sources/hubspot-signature.js';
import type { DeliveryRequest } from '../../../shared/sources/source-type.js';

const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const PUBLIC_URL = 'https://abc123.execute-api.us-east-1.amazonaws.com/sources/crm';

const SOURCE: SourceDefinition = {
  name: 'crm',
  type: 'hubspot',
  rules: [
    {
      when: { propertyName: 'lifecyclestage', propertyValue: 'marketingqualifiedlead' },
      record: { commitment: 'marketing-qualified-leads' },
    },
    {
      when: { propertyName: 'lifecyclestage', propertyValue: 'marketingqualifiedlead' },
      record: { commitment: 'sales-lead-follow-up', phase: 'start' },
    },
    {
      when: { propertyName: 'hs_lead_status', propertyValue: 'CONNECTED' },
      record: { commitment: 'sales-lead-follow-up', phase: 'stop' },
    },
  ],
};

const change = (objectId: number, propertyName: string, propertyValue: string, occurredAt: number) => ({
  eventId: 100,
  subscriptionId: 2001,
  portalId: 62515,
  appId: 54321,
  occurredAt,
  subscriptionType: 'contact.propertyChange',
  attemptNumber: 0,
  objectId,
  propertyName,
  propertyValue,
  changeSource: 'CRM',
});

const BATCH = JSON.stringify([
  change(123, 'lifecyclestage', 'marketingqualifiedlead', Date.parse('2026-11-18T14:00:00Z')),
  change(123, 'hs_lead_status', 'CONNECTED', Date.parse('2026-11-18T14:30:00Z')),
  change(456, 'firstname', 'Ada', Date.parse('2026-11-18T14:31:00Z')),
]);

/** Signed by HubSpot's own Node client, for the URI HubSpot signs (with its escapes decoded). */
function hubspotSigned(body: string, signedUrl: string, timestamp: number, secret = SECRET): string {
  return Signature.getSignature('POST', 'v3', {
    clientSecret: secret,
    requestBody: body,
    url: signedUrl,
    timestamp,
    signature: '',
  });
}

/** What API Gateway hands the function for a POST to `PUBLIC_URL` (or another path and host). */
function received(
  body: string,
  signature: string,
  timestamp: number,
  at: { host?: string; path?: string; query?: string } = {},
): DeliveryRequest {
  return {
    headers: {
      Host: at.host ?? 'abc123.execute-api.us-east-1.amazonaws.com',
      'X-Forwarded-Proto': 'https',
      'X-HubSpot-Signature-v3': signature,
      'X-HubSpot-Request-Timestamp': String(timestamp),
    },
    body: Buffer.from(body),
    method: 'POST',
    rawPath: at.path ?? '/sources/crm',
    rawQueryString: at.query ?? '',
  };
}

/** HubSpot's client's verdict for the same request, read as ours is (its refusal of a stale one is a throw). */
function clientSays(body: string, signature: string, url: string, timestamp: number): boolean {
  try {
    return Signature.isValid({
      signatureVersion: 'v3',
      method: 'POST',
      clientSecret: SECRET,
      requestBody: body,
      url,
      timestamp,
      signature,
    });
  } catch {
    return false;
  }
}

describe('the HubSpot signature v3 verifier, against @hubspot/api-client', () => {
  // HubSpot's client judges freshness by the real clock, so these deliveries are signed now.
  const now = Date.now();

  it('accepts a batch HubSpot signed, as HubSpot’s client does', () => {
    const signature = hubspotSigned(BATCH, PUBLIC_URL, now);
    expect(clientSays(BATCH, signature, PUBLIC_URL, now)).toBe(true);
    expect(hubspotSource.verify(received(BATCH, signature, now), SECRET, [now], SOURCE)).toEqual({
      ok: true,
      deliveryId: String(now),
    });
  });

  it('refuses a tampered body, as HubSpot’s client does', () => {
    const signature = hubspotSigned(BATCH, PUBLIC_URL, now);
    const tampered = BATCH.replace('CONNECTED', 'ATTEMPTED');
    expect(clientSays(tampered, signature, PUBLIC_URL, now)).toBe(false);
    const verdict = hubspotSource.verify(received(tampered, signature, now), SECRET, [now], SOURCE);
    expect(verdict).toEqual({ ok: false, reason: `the signature does not match a POST to ${PUBLIC_URL}` });
  });

  it('refuses a timestamp more than 5 minutes old, as HubSpot’s client does', () => {
    const then = now - 5 * 60_000 - 1_000;
    const signature = hubspotSigned(BATCH, PUBLIC_URL, then);
    expect(clientSays(BATCH, signature, PUBLIC_URL, then)).toBe(false);
    expect(hubspotSource.verify(received(BATCH, signature, then), SECRET, [now], SOURCE)).toEqual({
      ok: false,
      reason: 'X-HubSpot-Request-Timestamp is more than 5 minutes old',
    });
    // Within the window both accept it.
    const recent = now - 4 * 60_000;
    const fine = hubspotSigned(BATCH, PUBLIC_URL, recent);
    expect(clientSays(BATCH, fine, PUBLIC_URL, recent)).toBe(true);
    expect(hubspotSource.verify(received(BATCH, fine, recent), SECRET, [now], SOURCE).ok).toBe(true);
  });

  it('refuses a delivery signed for another URI, as HubSpot’s client does', () => {
    const elsewhere = 'https://abc123.execute-api.us-east-1.amazonaws.com/sources/other';
    const signature = hubspotSigned(BATCH, elsewhere, now);
    expect(clientSays(BATCH, signature, PUBLIC_URL, now)).toBe(false);
    expect(hubspotSource.verify(received(BATCH, signature, now), SECRET, [now], SOURCE).ok).toBe(false);
    const otherHost = received(BATCH, hubspotSigned(BATCH, PUBLIC_URL, now), now, {
      host: 'evil.example.com',
    });
    expect(hubspotSource.verify(otherHost, SECRET, [now], SOURCE).ok).toBe(false);
  });

  it('refuses another app’s secret, a garbled timestamp and a delivery without the headers', () => {
    const foreign = hubspotSigned(BATCH, PUBLIC_URL, now, 'another-client-secret');
    expect(hubspotSource.verify(received(BATCH, foreign, now), SECRET, [now], SOURCE).ok).toBe(false);
    const garbled = received(BATCH, hubspotSigned(BATCH, PUBLIC_URL, now), now);
    garbled.headers['X-HubSpot-Request-Timestamp'] = `${now / 1000}`;
    expect(hubspotSource.verify(garbled, SECRET, [now], SOURCE)).toMatchObject({
      ok: false,
      reason: 'X-HubSpot-Request-Timestamp must be Unix milliseconds',
    });
    const unsigned = { headers: { Host: 'x' }, body: Buffer.from(BATCH), rawPath: '/sources/crm' };
    expect(hubspotSource.verify(unsigned, SECRET, [now], SOURCE)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('X-HubSpot-Signature-v3'),
    });
  });

  it('decodes the escapes HubSpot decodes before signing, and no others', () => {
    const query = 'token=a%3Ab%2Fc%40d%21%24%27%28%29%2a%2C%3B%3F&space=a%20b';
    const decoded = `${PUBLIC_URL}?token=a:b/c@d!$'()*,;?&space=a%20b`;
    expect(decodeSignedUri(`${PUBLIC_URL}?${query}`)).toBe(decoded);
    const signature = hubspotSigned(BATCH, decoded, now);
    expect(clientSays(BATCH, signature, decoded, now)).toBe(true);
    expect(hubspotSource.verify(received(BATCH, signature, now, { query }), SECRET, [now], SOURCE).ok).toBe(
      true,
    );
  });

  it('rebuilds the URI behind a proxy or custom domain, or takes the source’s url', () => {
    const proxied: DeliveryRequest = {
      headers: {
        host: 'abc123.execute-api.us-east-1.amazonaws.com',
        'x-forwarded-host': 'sla.example.com, cdn.internal',
        'x-forwarded-proto': 'https,http',
      },
      body: Buffer.from(''),
      rawPath: '/sources/crm',
      rawQueryString: 'a=1',
    };
    expect(calledUri(proxied, {})).toBe('https://sla.example.com/sources/crm?a=1');
    expect(
      calledUri({ headers: { host: '127.0.0.1:3000' }, body: Buffer.from(''), rawPath: '/sources/crm' }, {}),
    ).toBe('http://127.0.0.1:3000/sources/crm');
    const custom = 'https://sla.example.com/hooks/crm';
    expect(calledUri(proxied, { url: custom })).toBe(custom);
    const signature = hubspotSigned(BATCH, custom, now);
    const source = { ...SOURCE, url: custom };
    expect(hubspotSource.verify(received(BATCH, signature, now), SECRET, [now], source).ok).toBe(true);
    expect(hubspotSource.verify(received(BATCH, signature, now), SECRET, [now], SOURCE).ok).toBe(false);
  });
});

describe('HubSpot subscription events as events', () => {
  const mapped = () => hubspotSource.map(JSON.parse(BATCH), SOURCE, 'ignored');

  it('records an MQL once per contact, starts its follow-up and stops it when connected', () => {
    expect(mapped()).toEqual({
      ignored: 1,
      batches: [
        {
          commitment: 'marketing-qualified-leads',
          events: [
            { id: 'hubspot:62515:123:lifecyclestage:marketingqualifiedlead', at: '2026-11-18T14:00:00.000Z' },
          ],
          origins: [0],
        },
        {
          commitment: 'sales-lead-follow-up',
          events: [
            {
              id: 'hubspot:62515:123:lifecyclestage:marketingqualifiedlead',
              at: '2026-11-18T14:00:00.000Z',
              phase: 'start',
              subject: '123',
            },
            {
              id: 'hubspot:62515:123:hs_lead_status:CONNECTED',
              at: '2026-11-18T14:30:00.000Z',
              phase: 'stop',
              subject: '123',
            },
          ],
          origins: [0, 1],
        },
      ],
    });
  });

  it('gives a retried or repeated change the same ids, whatever HubSpot’s eventId and attempt', () => {
    const retried = JSON.parse(BATCH).map((item: Record<string, unknown>) => ({
      ...item,
      eventId: 999,
      attemptNumber: 3,
    }));
    expect(hubspotSource.map(retried, SOURCE, 'other')).toEqual(mapped());
  });

  it('keeps ids within the id limit when a value is long', () => {
    const long = [change(7, 'lifecyclestage', 'marketingqualifiedlead', 0)];
    const source = {
      ...SOURCE,
      rules: [{ when: { objectId: 7 }, record: { commitment: 'marketing-qualified-leads' } }],
    };
    long[0] = { ...long[0], propertyName: 'notes', propertyValue: 'x'.repeat(500) } as (typeof long)[0];
    const result = hubspotSource.map(long, source, '');
    if ('errors' in result) throw new Error('unexpected');
    const id = result.batches[0]?.events[0]?.id as string;
    expect(id).toMatch(/^hubspot:62515:7:sha256:[0-9a-f]{64}$/);
  });

  it('acknowledges a batch no rule matches, and names the field of a malformed one', () => {
    expect(hubspotSource.map([{ subscriptionType: 'contact.creation', objectId: 1 }], SOURCE, '')).toEqual({
      batches: [],
      ignored: 1,
    });
    expect(hubspotSource.map({ not: 'a batch' }, SOURCE, '')).toEqual({
      errors: [{ path: '', message: 'must be a JSON array of HubSpot subscription events' }],
    });
    const broken = [{ propertyName: 'hs_lead_status', propertyValue: 'CONNECTED', objectId: 'x' }];
    expect(hubspotSource.map(broken, SOURCE, '')).toEqual({
      errors: [
        { path: '[0].portalId', message: 'must be the portal id, a whole number' },
        { path: '[0].objectId', message: 'must be the object id, a whole number' },
        { path: '[0].occurredAt', message: 'must be Unix milliseconds, a whole number' },
      ],
    });
  });
});
