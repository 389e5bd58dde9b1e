import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeClockHandler } from '../../local/clock-route.js';
import { LocalClock } from '../../local/local-clock.js';
import { LocalScheduler } from '../../local/scheduler.js';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { testRequestContext } from '../support/api-gateway-event.js';
import { EXAMPLE_CONFIG, useApp } from './app-context.js';

/** The one form every instant in API JSON takes. */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** An ISO date-time anywhere inside a string (an offset, milliseconds or a bare instant in prose). */
const EMBEDDED_DATE_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * The example, agreed from 1 October though applied on the 5th: the scenario's October events
 * count, and one from 30 September is refused with the local time the commitments took effect.
 */
const AGREED_FROM_OCTOBER = EXAMPLE_CONFIG.replace(
  /(\n {2}- id: [a-z-]+[^\n]*\n)/g,
  '$1    effectiveFrom: 2026-10-01\n',
);
if (AGREED_FROM_OCTOBER.split('effectiveFrom: 2026-10-01').length !== 4) {
  throw new Error('the example no longer has the three commitments this scenario uses');
}
const app = await useApp('2026-10-05T09:00:00-04:00', AGREED_FROM_OCTOBER);
const LEADS = '/v1/commitments/marketing-qualified-leads';
const FOLLOW_UP = '/v1/commitments/sales-lead-follow-up';
const WEBSITE = '/v1/commitments/website-availability';

/** Every answer of the scenario, by the request that produced it. */
const answers: Array<{ request: string; status: number; body: unknown }> = [];

async function call(method: string, path: string, body?: unknown, rawBody?: string) {
  const answer = await app.call(method, path, {
    ...(body === undefined ? {} : { body }),
    ...(rawBody === undefined ? {} : { rawBody, contentType: 'application/yaml' }),
  });
  answers.push({ request: `${method} ${path}`, status: answer.status, body: answer.body });
  return answer;
}

// The local runtime's clock route, answering with the company's zone as the runtime wires it.
const localClock = new LocalClock(Date.parse('2026-11-20T09:00:00-05:00'), () => 0);
const clockHandler = makeClockHandler(
  localClock,
  new LocalScheduler(localClock, [], () => undefined),
  () => undefined,
  async () => 'America/New_York',
);

async function callClock(method: string, body?: unknown) {
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/local/clock',
    rawQueryString: '',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    requestContext: testRequestContext(method, '/local/clock', localClock.now()),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2;
  const result = (await clockHandler(event)) as APIGatewayProxyStructuredResultV2;
  const parsed = JSON.parse(result.body ?? '{}');
  answers.push({ request: `${method} /local/clock`, status: result.statusCode ?? 200, body: parsed });
  return { status: result.statusCode ?? 200, body: parsed };
}

/** Every string in a JSON value, with the path that leads to it. */
function strings(value: unknown, path = ''): Array<{ path: string; text: string }> {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  }
  return [];
}

describe('a month of API traffic', () => {
  it('runs the scenario: events, a closed period, alerts, reactions, excusals, amendments, digest', async () => {
    expect((await call('GET', '/health')).status).toBe(200);
    // October: leads, a lead timer and an outage.
    const october = await call('POST', `${LEADS}/events`, {
      events: [{ id: 'oct-1', at: '2026-10-02T10:00:00-04:00', value: 30 }],
    });
    expect(october.body).toMatchObject({ accepted: 1 });
    await call('POST', `${FOLLOW_UP}/events`, {
      events: [{ id: 't1', at: '2026-10-02T10:00:00-04:00', subject: 'lead-1', phase: 'start' }],
    });
    await call('POST', `${WEBSITE}/events`, {
      events: [
        { id: 'd1', at: '2026-10-02T10:00:00-04:00', incident: 'i1', phase: 'down' },
        { id: 'u1', at: '2026-10-02T10:30:00-04:00', incident: 'i1', phase: 'up' },
      ],
    });
    // November: October closes.
    app.clock.set('2026-11-02T09:00:00.250-05:00');
    expect((await call('POST', '/v1/evaluations', {})).body.closed.length).toBeGreaterThan(0);
    await call('GET', `${LEADS}/history`);
    await call('GET', `${LEADS}/status?period=2026-10`);
    // Wednesday 18 November, 10:00: 40 leads, at risk.
    app.clock.set('2026-11-18T10:00:00.567-05:00');
    const rejected = await call('POST', `${LEADS}/events`, {
      events: [
        { id: 'nov-1', at: '2026-11-17T11:00:00-05:00', value: 40 },
        { id: 'late', at: '2026-10-30T11:00:00-04:00', value: 1 },
        { id: 'early', at: '2026-09-30T11:00:00-04:00', value: 1 },
        { id: 'future', at: '2026-11-19T11:00:00-05:00', value: 1 },
      ],
    });
    expect(rejected.body.accepted).toBe(1);
    expect(rejected.body.rejected).toHaveLength(3);
    await call('POST', `${FOLLOW_UP}/events`, {
      events: [{ id: 't0', at: '2026-11-10T10:00:00-05:00', subject: 'lead-1', phase: 'pause' }],
    });
    await call('POST', '/v1/evaluations', { at: '2026-11-18T10:00:00-05:00' });
    expect((await call('POST', `${LEADS}/ack`, { by: 'U1', note: 'on it' })).status).toBe(200);
    expect(
      (await call('POST', `${LEADS}/snooze`, { by: 'U1', until: '2026-11-18T14:00:00-05:00' })).status,
    ).toBe(200);
    expect(
      await call('POST', `${LEADS}/excusals`, {
        from: '2026-11-16T09:00:00-05:00',
        to: '2026-11-17T18:00:00-05:00',
        causedBy: 'sales',
        reason: 'CRM import down',
      }),
    ).toMatchObject({ status: 201 });
    await call('GET', LEADS);
    await call('GET', `${LEADS}/status`);
    await call('GET', '/v1/commitments');
    await call('GET', '/v1/status');
    await call('GET', '/v1/digest?week=2026-W46');
    await call('GET', '/v1/digest');
    await call('POST', '/v1/config:apply?dryRun=true', undefined, AGREED_FROM_OCTOBER);
    const amended = await call('PUT', LEADS, {
      title: 'Marketing delivers qualified leads to Sales',
      provider: 'marketing',
      consumer: 'sales',
      measure: 'total',
      unit: 'leads',
      period: 'month',
      target: 120,
      calendar: 'business',
    });
    expect(amended).toMatchObject({ status: 200 });
    // Mistakes get problem+json answers, which are walked too.
    await call('GET', `${LEADS}/status?period=2027-01`);
    await call('POST', `${LEADS}/excusals`, {
      from: '2026-10-20T09:00:00-04:00',
      to: '2026-10-21T09:00:00-04:00',
      causedBy: 'sales',
      reason: 'too late',
    });
    await callClock('GET');
    await callClock('POST', { advance: 'PT1H' });
    await callClock('POST', { to: '2026-11-01T00:00:00-04:00' });
    await call('DELETE', WEBSITE);
    expect(answers.length).toBeGreaterThan(25);
  });

  it('writes every instant in UTC with Z, to the second, in every answer', () => {
    const instants = answers.flatMap(({ request, body }) =>
      strings(body)
        .filter(({ text }) => EMBEDDED_DATE_TIME.test(text) && text.length <= 40)
        .map((s) => ({ request, ...s })),
    );
    // The walk saw the instants it is about.
    const paths = new Set(instants.map((i) => i.path.replace(/\[\d+\]/g, '[]')));
    for (const expected of [
      'evaluatedAt',
      'statuses[].evaluatedAt',
      'commitments[].evaluation.evaluatedAt',
      'results[].closedAt',
      'results[].evaluation.evaluatedAt',
      'at',
      'acknowledgedAt',
      'snoozedUntil',
      'excusal.from',
      'excusal.to',
      'effectiveFrom',
      'versions[].effectiveFrom',
      'createdAt',
      'updatedAt',
      'generatedAt',
      'asOf',
      'now',
      'from',
      'to',
    ]) {
      expect(paths, expected).toContain(expected);
    }
    const wrong = instants.filter(({ text }) => !UTC_INSTANT.test(text));
    expect(wrong).toEqual([]);
  });

  it('shows people no raw instant in any message or text', () => {
    const prose = answers.flatMap(({ request, body }) =>
      strings(body)
        .filter(({ text }) => !UTC_INSTANT.test(text) && EMBEDDED_DATE_TIME.test(text))
        .map((s) => ({ request, ...s })),
    );
    expect(prose).toEqual([]);
  });

  it('names local time with its abbreviation when it refuses an event', () => {
    const refusal = answers.find(
      (a) => a.request === `POST ${LEADS}/events` && (a.body as { rejected?: unknown[] }).rejected?.length,
    );
    const messages = strings(refusal?.body)
      .filter((s) => s.path.endsWith('message'))
      .map((s) => s.text);
    expect(messages).toContain(
      'is before the commitment took effect on Thu Oct 1, 2026, 00:00 EDT; only events from then on are counted',
    );
    expect(messages).toContain(
      'is in the future (Thu Nov 19, 2026, 11:00 EST); events must not be more than 5 minutes ahead of now',
    );
    const clockRefusal = answers.find((a) => a.request === 'POST /local/clock' && a.status === 400);
    expect(JSON.stringify(clockRefusal?.body)).toContain('is before the clock (Fri Nov 20, 2026, 10:00 EST)');
  });
});

describe('list routes', () => {
  it("carry the commitment's id at the top level of each item, next to the fields they had", async () => {
    const commitments = (await app.call('GET', '/v1/commitments')).body.commitments;
    const statuses = (await app.call('GET', '/v1/status')).body.statuses;
    for (const list of [commitments, statuses]) {
      expect(list.length).toBeGreaterThanOrEqual(2);
      for (const item of list) {
        expect(item.id).toBe(item.commitmentId ?? item.evaluation.commitmentId);
      }
    }
    expect(commitments[0]).toMatchObject({
      id: 'marketing-qualified-leads',
      title: 'Marketing delivers qualified leads to Sales',
      provider: 'marketing',
      consumer: 'sales',
      timezone: 'America/New_York',
      evaluation: { commitmentId: 'marketing-qualified-leads', period: '2026-11' },
    });
    expect(statuses[0]).toMatchObject({
      id: 'marketing-qualified-leads',
      commitmentId: 'marketing-qualified-leads',
      title: 'Marketing delivers qualified leads to Sales',
      provider: 'marketing',
      timezone: 'America/New_York',
    });
  });
});

describe('results stored before instants were written in UTC', () => {
  it('read back in the one form', async () => {
    const evaluation = { commitmentId: 'marketing-qualified-leads', period: '2026-08', measure: 'total' };
    await app.table.doc.send(
      new PutCommand({
        TableName: app.table.tableName,
        Item: {
          ...keys.result('marketing-qualified-leads', '2026-08'),
          type: 'result',
          commitmentId: 'marketing-qualified-leads',
          period: '2026-08',
          version: 1,
          status: 'met',
          actual: 100,
          target: 100,
          attainment: 1,
          credit: 0,
          closedAt: '2026-09-01T01:00:00.000-04:00',
          evaluation: { ...evaluation, evaluatedAt: '2026-09-01T00:00:00-04:00' },
        },
      }),
    );
    const results = (await app.call('GET', `${LEADS}/history`)).body.results;
    expect(results.find((r: { period: string }) => r.period === '2026-08')).toMatchObject({
      closedAt: '2026-09-01T05:00:00Z',
      evaluation: { evaluatedAt: '2026-09-01T04:00:00Z' },
    });
  });
});
