import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { makeHandler as makeApiHandler } from '../../functions/api/handler.js';
import { makeHandler } from '../../functions/sources/handler.js';
import { localContext } from '../../local/lambda-bridge.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import { createDynamoSourceStats } from '../../shared/adapters/dynamodb/source-stats.js';
import { applyConfig } from '../../shared/app/commitments.js';
import { testRequestContext } from '../support/api-gateway-event.js';
import { EXAMPLE_CONFIG, useApp } from './app-context.js';

const LEADS = 'marketing-qualified-leads';
const SECRET = `whsec_${Buffer.from('a secret of thirty-two bytes!!!!').toString('base64')}`;
const CONFIG = `${EXAMPLE_CONFIG}
sources:
  scripts:
    type: webhook
  crm:
    type: webhook
    rules:
      - when: { stage: mql }
        record: { commitment: ${LEADS} }
  unkeyed:
    type: webhook
`;

const app = await useApp('2026-11-01T00:30:00-04:00');
await applyConfig(app.deps, { text: CONFIG, dryRun: false });
app.clock.set('2026-11-18T10:00:00-05:00');
const sourceStats = createDynamoSourceStats(createDocumentClient(app.table.client), app.table.tableName);
const secrets: Record<string, string> = { scripts: SECRET, crm: SECRET };
const handler = makeHandler({
  ...app.deps,
  sourceStats,
  secretOf: async (name) => secrets[name],
  log: { error: (message, error) => console.error(message, error) },
});
const api = makeApiHandler({
  ...app.deps,
  sourceStats,
  publisher: { publish: async () => undefined },
  log: { error: (message, error) => console.error(message, error) },
});

async function invoke(
  fn: typeof handler,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
) {
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers,
    pathParameters: path.startsWith('/sources/') ? { name: path.slice('/sources/'.length) } : undefined,
    requestContext: testRequestContext(method, path, app.clock.now()),
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  };
  const result = (await fn(event, localContext('sla-sources'))) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode ?? 200, body: result.body ? JSON.parse(result.body) : undefined };
}

/** A delivery signed by the Standard Webhooks reference implementation. */
function signed(msgId: string, payload: unknown, options: { secret?: string; at?: number } = {}) {
  const body = JSON.stringify(payload);
  const at = new Date(options.at ?? app.clock.now());
  return {
    headers: {
      'content-type': 'application/json',
      'webhook-id': msgId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(options.secret ?? SECRET).sign(msgId, at, body),
    },
    body,
  };
}

const deliver = (source: string, d: { headers: Record<string, string>; body: string }) =>
  invoke(handler, 'POST', `/sources/${source}`, d.headers, d.body);

const leadsActual = async () => {
  const status = await app.call('GET', `/v1/commitments/${LEADS}/status?period=2026-11`);
  return status.body.actual as number;
};

const leadEvents = { commitment: LEADS, events: [{ at: '2026-11-17T12:00:00-05:00' }, { id: 'lead-7' }] };

describe('POST /sources/{name} with a webhook source', () => {
  it('records a delivery signed by the standardwebhooks package, authored by the source', async () => {
    const before = await leadsActual();
    const response = await deliver('scripts', signed('msg_1', leadEvents));
    expect(response).toEqual({
      status: 200,
      body: { recorded: 2, duplicates: 0, ignored: 0, rejected: [] },
    });
    expect(await leadsActual()).toBe(before + 2);
    expect(await app.deps.events.getEvent(LEADS, 'scripts:lead-7')).toMatchObject({
      by: 'source:scripts',
      via: 'source',
    });
    expect(await app.deps.events.getEvent(LEADS, 'scripts:msg_1:0')).toBeDefined();
  });

  it('counts a retried delivery once, even signed again at another time', async () => {
    const before = await leadsActual();
    app.clock.advance(60_000);
    const retry = await deliver('scripts', signed('msg_1', leadEvents));
    expect(retry.body).toEqual({ recorded: 0, duplicates: 2, ignored: 0, rejected: [] });
    expect(await leadsActual()).toBe(before);
  });

  it('refuses forged, stale, future and unsigned deliveries with 401 and records nothing', async () => {
    const before = await leadsActual();
    const fresh = { commitment: LEADS, events: [{ id: 'never' }] };
    const forged = signed('msg_f', fresh, {
      secret: `whsec_${Buffer.from('another secret entirely, 32 byte').toString('base64')}`,
    });
    const stale = signed('msg_s', fresh, { at: app.clock.now() - 6 * 60_000 });
    const future = signed('msg_u', fresh, { at: app.clock.now() + 6 * 60_000 });
    const tampered = {
      ...signed('msg_t', fresh),
      body: JSON.stringify({ ...fresh, events: [{ id: 'x' }, { id: 'y' }] }),
    };
    const { 'webhook-signature': _, ...unsignedHeaders } = signed('msg_n', fresh).headers;
    const answers = [
      await deliver('scripts', forged),
      await deliver('scripts', stale),
      await deliver('scripts', future),
      await deliver('scripts', tampered),
      await deliver('scripts', { headers: unsignedHeaders, body: JSON.stringify(fresh) }),
    ];
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    expect(answers[1]?.body.detail).toContain('more than 5 minutes old');
    expect(answers[4]?.body.detail).toContain('webhook-signature');
    expect(await leadsActual()).toBe(before);
    expect(await app.deps.events.getEvent(LEADS, 'scripts:never')).toBeUndefined();
  });

  it('accepts any one of several signatures, as during a secret rotation', async () => {
    const d = signed('msg_r', { commitment: LEADS, events: [{ id: 'rotated' }] });
    const old = new Webhook(`whsec_${Buffer.from('the old secret, 32 bytes long!!!').toString('base64')}`);
    const oldSignature = old.sign('msg_r', new Date(app.clock.now()), d.body);
    d.headers['webhook-signature'] = `${oldSignature} ${d.headers['webhook-signature']}`;
    expect((await deliver('scripts', d)).body.recorded).toBe(1);
  });

  it('answers 404 for an unknown source, 400 naming the field for a malformed body, 413 for a large one', async () => {
    const unknown = await deliver('nobody', signed('msg_x', leadEvents));
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain("no source 'nobody'");
    const malformed = await deliver('scripts', signed('msg_m', { commitment: LEADS, event: [] }));
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['events', 'event']),
    );
    const notJson = signed('msg_j', {});
    const bad = { ...notJson, body: '{oops' };
    bad.headers['webhook-signature'] = new Webhook(SECRET).sign('msg_j', new Date(app.clock.now()), bad.body);
    expect((await deliver('scripts', bad)).status).toBe(400);
    const noSuchCommitment = await deliver('scripts', signed('msg_c', { commitment: 'nope', events: [{}] }));
    expect(noSuchCommitment.status).toBe(400);
    expect(noSuchCommitment.body.errors[0]).toMatchObject({ path: 'events[0].commitment' });
    const huge = signed('msg_h', { commitment: LEADS, events: [{ id: 'x', note: 'n'.repeat(1024 * 1024) }] });
    expect((await deliver('scripts', huge)).status).toBe(413);
  });

  it('refuses every delivery to a source that has no secret, and says so', async () => {
    const response = await deliver('unkeyed', signed('msg_k', leadEvents));
    expect(response.status).toBe(401);
    expect(response.body.detail).toContain("no secret is set for source 'unkeyed'");
  });

  it('answers 2xx for items no rule matches, counts them as ignored, and records the matching ones', async () => {
    const response = await deliver(
      'crm',
      signed('msg_i', {
        commitment: 'anything',
        events: [
          { id: 'c1', stage: 'lead' },
          { id: 'c2', stage: 'mql' },
        ],
      }),
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ recorded: 1, ignored: 1 });
    expect(await app.deps.events.getEvent(LEADS, 'crm:c2')).toBeDefined();
    const none = await deliver(
      'crm',
      signed('msg_i2', { commitment: LEADS, events: [{ id: 'c3', stage: 'lead' }] }),
    );
    expect(none).toEqual({ status: 200, body: { recorded: 0, duplicates: 0, ignored: 1, rejected: [] } });
  });

  it('lists each source with its counts and last refusal on GET /v1/sources', async () => {
    const listed = await invoke(api, 'GET', '/v1/sources', {});
    expect(listed.status).toBe(200);
    const byName = Object.fromEntries(listed.body.sources.map((s: { name: string }) => [s.name, s]));
    expect(byName.scripts).toEqual({
      name: 'scripts',
      type: 'webhook',
      lastDeliveryAt: expect.stringMatching(/^2026-11-18T15:0\dZ?/),
      recorded: 3,
      duplicates: 2,
      ignored: 0,
      refused: 5,
      // a malformed body, one that is not JSON, one event for no commitment and a body too large
      rejected: 4,
      lastRefusal: {
        at: expect.stringMatching(/Z$/),
        reason: 'the webhook-id, webhook-timestamp and webhook-signature headers are required'.replace(
          /^/,
          'unsigned: ',
        ),
      },
    });
    expect(byName.crm).toMatchObject({ recorded: 1, ignored: 2, refused: 0, lastRefusal: null });
    expect(byName.unkeyed).toMatchObject({ recorded: 0, refused: 1, lastDeliveryAt: null });
  });
});
