import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/sources/handler.js';
import { localContext } from '../../local/lambda-bridge.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import { createDynamoSourceStats } from '../../shared/adapters/dynamodb/source-stats.js';
import { applyConfig } from '../../shared/app/commitments.js';
import { getStatus } from '../../shared/app/status.js';
import { testRequestContext } from '../support/api-gateway-event.js';
import { EXAMPLE_CONFIG, useApp } from './app-context.js';

const SITE = 'website-availability';
const TOKEN = 'the monitoring bearer token';
const CONFIG = `${EXAMPLE_CONFIG}
sources:
  monitoring:
    type: alertmanager
    rules:
      - when: { labels: { alertname: WebsiteDown } }
        record: { commitment: ${SITE} }
`;

const app = await useApp('2026-11-01T00:30:00-04:00');
await applyConfig(app.deps, { text: CONFIG, dryRun: false });
app.clock.set('2026-11-18T11:00:00-05:00');
const sourceStats = createDynamoSourceStats(createDocumentClient(app.table.client), app.table.tableName);
const handler = makeHandler({
  ...app.deps,
  sourceStats,
  secretOf: async (name) => (name === 'monitoring' ? TOKEN : undefined),
  log: { error: (message, error) => console.error(message, error) },
});

function group(status: 'firing' | 'resolved', alertname = 'WebsiteDown', version = '4') {
  return JSON.stringify({
    version,
    groupKey: `{}:{alertname="${alertname}"}`,
    status,
    receiver: 'sla',
    groupLabels: { alertname },
    commonLabels: { alertname },
    alerts: [
      {
        status,
        labels: { alertname, site: 'www' },
        annotations: {},
        startsAt: '2026-11-18T10:00:00-05:00',
        endsAt: status === 'resolved' ? '2026-11-18T10:30:00-05:00' : '2026-11-18T11:05:00-05:00',
        generatorURL: '',
        fingerprint: alertname === 'WebsiteDown' ? 'a1b2c3d4e5f60718' : '0f0f0f0f0f0f0f0f',
      },
    ],
  });
}

async function deliver(body: string, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) {
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/sources/monitoring',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...headers },
    pathParameters: { name: 'monitoring' },
    requestContext: testRequestContext('POST', '/sources/monitoring', app.clock.now()),
    body,
    isBase64Encoded: false,
  };
  const result = (await handler(event, localContext('sla-sources'))) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode ?? 200, body: result.body ? JSON.parse(result.body) : undefined };
}

const statsOf = async () => (await sourceStats.get(['monitoring'])).get('monitoring')?.counts;
const downtime = async () => (await getStatus(app.deps, SITE)).budget?.used ?? 0;

describe('an alertmanager source over DynamoDB Local', () => {
  it('refuses a delivery without the bearer token, or with another, recording nothing', async () => {
    expect(await deliver(group('firing'), {})).toMatchObject({ status: 401 });
    expect(await deliver(group('firing'), { authorization: 'Bearer not the token' })).toMatchObject({
      status: 401,
      body: { detail: expect.stringContaining('the bearer token does not match') },
    });
    expect(await app.deps.events.getOutage(SITE, 'a1b2c3d4e5f60718')).toBeUndefined();
    expect(await statsOf()).toMatchObject({ refused: 2, recorded: 0 });
  });

  it('records a firing group once however often it is re-sent, then its resolution', async () => {
    expect(await deliver(group('firing'))).toEqual({
      status: 200,
      body: { recorded: 1, duplicates: 0, ignored: 0, rejected: [] },
    });
    expect(await deliver(group('firing'))).toEqual({
      status: 200,
      body: { recorded: 0, duplicates: 1, ignored: 0, rejected: [] },
    });
    expect(await deliver(group('resolved'))).toMatchObject({ status: 200, body: { recorded: 1 } });
    expect(await deliver(group('resolved'))).toMatchObject({ status: 200, body: { duplicates: 1 } });
    expect(await downtime()).toBeCloseTo(30, 5);
  });

  it('acknowledges an alert no rule matches as ignored, and refuses another payload version', async () => {
    expect(await deliver(group('firing', 'DiskFull'))).toEqual({
      status: 200,
      body: { recorded: 0, duplicates: 0, ignored: 1, rejected: [] },
    });
    const other = await deliver(group('firing', 'WebsiteDown', '3'));
    expect(other.status).toBe(400);
    expect(other.body.detail).toMatch(/^Nothing was recorded: version must be "4"/);
    expect(await downtime()).toBeCloseTo(30, 5);
    expect(await statsOf()).toMatchObject({
      recorded: 2,
      duplicates: 2,
      ignored: 1,
      refused: 2,
      rejected: 1,
    });
  });
});
