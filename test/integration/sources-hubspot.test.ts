import { Signature } from '@hubspot/api-client/lib/src/utils/signature.js';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/sources/handler.js';
import { localContext } from '../../local/lambda-bridge.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import { createDynamoSourceStats } from '../../shared/adapters/dynamodb/source-stats.js';
import { testRequestContext } from '../support/api-gateway-event.js';
import { EXAMPLE_CONFIG, useApp } from './app-context.js';

const LEADS = 'marketing-qualified-leads';
const FOLLOW_UP = 'sales-lead-follow-up';
const SECRET = 'b6c6f5a0-hubspot-app-client-secret';
const RULES = `
    rules:
      - when: { propertyName: lifecyclestage, propertyValue: marketingqualifiedlead }
        record: { commitment: ${LEADS} }
      - when: { propertyName: lifecyclestage, propertyValue: marketingqualifiedlead }
        record: { commitment: ${FOLLOW_UP}, phase: start }
      - when: { propertyName: hs_lead_status, propertyValue: CONNECTED }
        record: { commitment: ${FOLLOW_UP}, phase: stop }`;
const CONFIG = `${EXAMPLE_CONFIG}
sources:
  crm:
    type: hubspot${RULES}
  crm-eu:
    type: hubspot
    url: https://hooks.example.com/sla/crm-eu?via=hubspot${RULES}
`;

/** Where HubSpot is told to send: a custom domain in front of the API. */
const PUBLIC_URL = 'https://sla.example.com/sources/crm';

const app = await useApp('2026-11-01T00:30:00-04:00', CONFIG);
app.clock.set('2026-11-18T10:00:00-05:00');
const handler = makeHandler({
  ...app.deps,
  sourceStats: createDynamoSourceStats(createDocumentClient(app.table.client), app.table.tableName),
  secretOf: async (name) => (name.startsWith('crm') ? SECRET : undefined),
  log: { error: (message, error) => console.error(message, error) },
});

const change = (objectId: number, propertyName: string, propertyValue: string, attemptNumber = 0) => ({
  eventId: 1,
  subscriptionId: 77,
  portalId: 62515,
  appId: 54321,
  occurredAt: Date.parse('2026-11-18T09:00:00-05:00'),
  subscriptionType: 'contact.propertyChange',
  attemptNumber,
  objectId,
  propertyName,
  propertyValue,
  changeSource: 'CRM',
});

/** POSTs as API Gateway hands a request that came through the custom domain, signed by HubSpot's client. */
async function deliver(
  payload: unknown,
  options: { signedUrl?: string; at?: number; body?: string; source?: string } = {},
) {
  const body = JSON.stringify(payload);
  const timestamp = options.at ?? app.clock.now();
  const signature = Signature.getSignature('POST', 'v3', {
    clientSecret: SECRET,
    requestBody: body,
    url: options.signedUrl ?? PUBLIC_URL,
    timestamp,
    signature: '',
  });
  const path = `/sources/${options.source ?? 'crm'}`;
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {
      host: 'abc123.execute-api.us-east-1.amazonaws.com',
      'x-forwarded-host': 'sla.example.com',
      'x-forwarded-proto': 'https',
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': String(timestamp),
    },
    pathParameters: { name: options.source ?? 'crm' },
    requestContext: testRequestContext('POST', path, app.clock.now()),
    body: options.body ?? body,
    isBase64Encoded: false,
  };
  const result = (await handler(event, localContext('sla-sources'))) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode ?? 200, body: result.body ? JSON.parse(result.body) : undefined };
}

const leadsActual = async () =>
  (await app.call('GET', `/v1/commitments/${LEADS}/status?period=2026-11`)).body.actual as number;

const MQL_ID = 'hubspot:62515:123:lifecyclestage:marketingqualifiedlead';
const batch = (attempt = 0) => [
  change(123, 'lifecyclestage', 'marketingqualifiedlead', attempt),
  change(123, 'hs_lead_status', 'CONNECTED', attempt),
  change(456, 'firstname', 'Ada', attempt),
];

describe('POST /sources/{name} with a hubspot source', () => {
  it('records a signed batch: one lead per contact, its follow-up started and stopped, the rest ignored', async () => {
    const before = await leadsActual();
    const response = await deliver(batch());
    expect(response).toEqual({ status: 200, body: { recorded: 3, duplicates: 0, ignored: 1, rejected: [] } });
    expect(await leadsActual()).toBe(before + 1);
    expect(await app.deps.events.getEvent(LEADS, MQL_ID)).toMatchObject({ by: 'source:crm', via: 'source' });
    // Each event is dated when the change happened in HubSpot, not when it arrived.
    expect(await app.deps.events.getEvent(FOLLOW_UP, MQL_ID)).toMatchObject({
      at: Date.parse('2026-11-18T09:00:00-05:00'),
      body: { subject: '123', phase: 'start' },
    });
    expect(
      await app.deps.events.getEvent(FOLLOW_UP, 'hubspot:62515:123:hs_lead_status:CONNECTED'),
    ).toMatchObject({ body: { subject: '123', phase: 'stop' } });
  });

  it('counts HubSpot’s retry of the batch once, as duplicates, even signed again later', async () => {
    const before = await leadsActual();
    const again = await deliver(batch());
    app.clock.advance(60_000);
    const retried = await deliver(batch(1));
    for (const response of [again, retried]) {
      expect(response).toEqual({
        status: 200,
        body: { recorded: 0, duplicates: 3, ignored: 1, rejected: [] },
      });
    }
    expect(await leadsActual()).toBe(before);
  });

  it('counts the same change twice in one batch once', async () => {
    const twice = [
      change(555, 'lifecyclestage', 'marketingqualifiedlead'),
      change(555, 'lifecyclestage', 'marketingqualifiedlead'),
    ];
    twice[1] = {
      ...twice[1],
      eventId: 2,
      occurredAt: (twice[0]?.occurredAt ?? 0) + 1000,
    } as (typeof twice)[0];
    const response = await deliver(twice);
    expect(response.body).toEqual({ recorded: 2, duplicates: 2, ignored: 0, rejected: [] });
  });

  it('refuses a tampered body, a stale timestamp and a signature for another URI with 401', async () => {
    const before = await leadsActual();
    const fresh = [change(789, 'lifecyclestage', 'marketingqualifiedlead')];
    const tampered = await deliver(fresh, {
      body: JSON.stringify([change(790, 'lifecyclestage', 'marketingqualifiedlead')]),
    });
    const stale = await deliver(fresh, { at: app.clock.now() - 5 * 60_000 - 1 });
    const elsewhere = await deliver(fresh, {
      signedUrl: 'https://abc123.execute-api.us-east-1.amazonaws.com/sources/crm',
    });
    expect([tampered.status, stale.status, elsewhere.status]).toEqual([401, 401, 401]);
    expect(stale.body.detail).toContain('more than 5 minutes old');
    expect(elsewhere.body.detail).toContain(`a POST to ${PUBLIC_URL}`);
    expect(await leadsActual()).toBe(before);
    expect(
      await app.deps.events.getEvent(LEADS, 'hubspot:62515:789:lifecyclestage:marketingqualifiedlead'),
    ).toBeUndefined();
  });

  it('verifies against the source’s url when one is configured', async () => {
    const url = 'https://hooks.example.com/sla/crm-eu?via=hubspot';
    const lead = [change(321, 'lifecyclestage', 'marketingqualifiedlead')];
    expect((await deliver(lead, { source: 'crm-eu' })).status).toBe(401);
    const response = await deliver(lead, { source: 'crm-eu', signedUrl: url });
    expect(response.body).toEqual({ recorded: 2, duplicates: 0, ignored: 0, rejected: [] });
  });

  it('acknowledges a batch no rule matches, and answers 400 naming the field of a malformed one', async () => {
    const none = await deliver([change(456, 'lastname', 'Lovelace')]);
    expect(none).toEqual({ status: 200, body: { recorded: 0, duplicates: 0, ignored: 1, rejected: [] } });
    const { objectId: _, ...noObject } = change(1, 'hs_lead_status', 'CONNECTED');
    const malformed = await deliver([noObject]);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([
      { path: '[0].objectId', message: 'must be the object id, a whole number' },
    ]);
  });
});
