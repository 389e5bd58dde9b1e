import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SourceRuntime, startWithSource } from './incident-source-runtime.js';

const SECRET = 'ZTJlIHBhZ2VyZHV0eSBzaWduaW5nIHNlY3JldCwgYXMgUGFnZXJEdXR5IGdpdmVzIG9uZQ==';
let runtime: SourceRuntime;

/** A v3 webhook event about the website's incident, signed as PagerDuty signs it. */
function delivery(id: string, eventType: string, occurredAt: string) {
  const body = JSON.stringify({
    event: {
      id,
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: occurredAt,
      agent: null,
      client: null,
      data: {
        id: 'Q2E2EWEB',
        type: 'incident',
        status: eventType.slice('incident.'.length),
        title: 'Website is down',
        service: { id: 'PWEB01', summary: 'Website', type: 'service_reference' },
      },
    },
  });
  const signature = `v1=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
  return { body, headers: { 'X-PagerDuty-Signature': signature } };
}

describe('PagerDuty as a source of the local runtime', () => {
  beforeAll(async () => {
    runtime = await startWithSource(
      {
        name: 'oncall',
        secret: SECRET,
        yaml: `  oncall:
    type: pagerduty
    rules:
      - when: { data: { service: { summary: Website } } }
        record: { commitment: website-availability }
`,
      },
      'sla-pagerduty-',
    );
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it('takes the website down when an incident triggers and up when it resolves', async () => {
    expect((await runtime.availability()).used).toBe(0);
    const triggered = delivery('01E2ETRIGGER', 'incident.triggered', '2026-11-18T15:00:00Z');
    expect(await runtime.post('/sources/oncall', triggered.body, triggered.headers)).toEqual({
      status: 200,
      body: { recorded: 1, duplicates: 0, ignored: 0, rejected: [] },
    });
    // Open since 10:00 with the clock at 10:40: the outage counts up to now.
    expect((await runtime.availability()).used).toBeGreaterThan(0);

    const resolved = delivery('01E2ERESOLVE', 'incident.resolved', '2026-11-18T15:25:00Z');
    expect(await runtime.post('/sources/oncall', resolved.body, resolved.headers)).toMatchObject({
      status: 200,
      body: { recorded: 1 },
    });
    expect((await runtime.availability()).used).toBeCloseTo(25, 5);

    const forged = delivery('01E2EFORGED', 'incident.triggered', '2026-11-18T15:30:00Z');
    forged.headers['X-PagerDuty-Signature'] = `v1=${'0'.repeat(64)}`;
    expect((await runtime.post('/sources/oncall', forged.body, forged.headers)).status).toBe(401);
    expect(await runtime.sourceCounts('oncall')).toMatchObject({ recorded: 2, refused: 1 });
  });
});
