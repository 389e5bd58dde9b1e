import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getStatus } from '../../shared/app/status.js';
import { EXAMPLE_CONFIG } from './app-context.js';
import { useSourceApp } from './source-app.js';

const SITE = 'website-availability';
// Any duration commitment of the example does: it times triggered-to-acknowledged here.
const ACK = 'sales-lead-follow-up';
const SECRET = 'c2VjcmV0IG9mIHRoZSBvbi1jYWxsIHN1YnNjcmlwdGlvbiwgNjQgY2hhcmFjdGVycw==';
const OLD_SECRET = 'b2xkIHNlY3JldCBvZiB0aGUgc3Vic2NyaXB0aW9uLCBiZWluZyByb3RhdGVkIG91dA==';
const CONFIG = `${EXAMPLE_CONFIG}
sources:
  oncall:
    type: pagerduty
    rules:
      - when: { data: { service: { summary: Website } } }
        record: { commitment: ${SITE} }
      - when: { event_type: incident.triggered, data: { service: { summary: Website } } }
        record: { commitment: ${ACK}, phase: start }
      - when: { event_type: incident.acknowledged, data: { service: { summary: Website } } }
        record: { commitment: ${ACK}, phase: stop }
  rotating:
    type: pagerduty
    rules:
      - when: { data: { service: { summary: Website } } }
        record: { commitment: ${ACK}, phase: start }
`;

// The tracker is mid-rotation for `rotating`: both secrets are configured, one a line.
const secrets: Record<string, string> = { oncall: SECRET, rotating: `${OLD_SECRET}\n${SECRET}` };
const sources = await useSourceApp('2026-11-01T00:30:00-04:00', secrets, CONFIG);
const { app } = sources;
app.clock.set('2026-11-18T11:00:00-05:00');

const sign = (secret: string, body: string) =>
  `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** A v3 webhook event about an incident of a service, as PagerDuty posts it. */
function incidentEvent(
  id: string,
  eventType: string,
  at: string,
  service = 'Website',
  incident = 'Q0WEBDOWN1',
) {
  return JSON.stringify({
    event: {
      id,
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: at,
      agent: null,
      client: null,
      data: {
        id: incident,
        type: 'incident',
        self: `https://api.pagerduty.com/incidents/${incident}`,
        number: 42,
        status: eventType.slice('incident.'.length),
        title: `${service} is down`,
        service: { id: 'PSVC001', summary: service, type: 'service_reference' },
        urgency: 'high',
      },
    },
  });
}

const deliver = (body: string, signature?: string, source = 'oncall') =>
  sources.deliver(source, signature === undefined ? {} : { 'x-pagerduty-signature': signature }, body);

const triggered = incidentEvent('01TRIGGERED', 'incident.triggered', '2026-11-18T15:00:00.000Z');
const acknowledged = incidentEvent('01ACKED', 'incident.acknowledged', '2026-11-18T15:10:00.000Z');
const resolved = incidentEvent('01RESOLVED', 'incident.resolved', '2026-11-18T15:30:00.000Z');
const downtime = async () => (await getStatus(app.deps, SITE)).budget?.used ?? 0;

describe('a pagerduty source over DynamoDB Local', () => {
  it('refuses unsigned, forged, tampered and wrongly signed deliveries with 401, recording nothing', async () => {
    const forgedTwice = `${sign('not the secret', triggered)},${sign(OLD_SECRET, triggered)}`;
    const answers = [
      await deliver(triggered),
      await deliver(triggered, sign('not the secret', triggered)),
      await deliver(triggered, sign(SECRET, resolved)),
      await deliver(triggered, forgedTwice),
      await deliver(triggered, `v0=${sign(SECRET, triggered).slice(3)}`),
    ];
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    expect(answers[0]?.body.detail).toContain('no X-PagerDuty-Signature header');
    expect(answers[3]?.body.detail).toContain('no X-PagerDuty-Signature signature matches the secret');
    expect(answers[4]?.body.detail).toContain('holds no v1=<64 hex digits> signature');
    expect(await app.deps.events.getOutage(SITE, 'Q0WEBDOWN1')).toBeUndefined();
    expect(await sources.listed('oncall')).toMatchObject({ refused: 5, recorded: 0 });
  });

  it('records a triggered incident as down and as a start, once however often it is retried', async () => {
    expect(await deliver(triggered, sign(SECRET, triggered))).toEqual({
      status: 200,
      body: { recorded: 2, duplicates: 0, ignored: 0, rejected: [] },
    });
    expect(await deliver(triggered, sign(SECRET, triggered))).toEqual({
      status: 200,
      body: { recorded: 0, duplicates: 2, ignored: 0, rejected: [] },
    });
    expect(await app.deps.events.getEvent(SITE, 'oncall:01TRIGGERED')).toMatchObject({
      body: { phase: 'down', incident: 'Q0WEBDOWN1' },
      by: 'source:oncall',
    });
    expect(await app.deps.events.getEvent(ACK, 'oncall:01TRIGGERED')).toMatchObject({
      body: { phase: 'start', subject: 'Q0WEBDOWN1' },
    });
  });

  it('accepts a delivery with two signatures when one matches, as PagerDuty signs during a rotation', async () => {
    const rotated = `${sign(OLD_SECRET, acknowledged)},${sign(SECRET, acknowledged)}`;
    expect(await deliver(acknowledged, rotated)).toMatchObject({ status: 200, body: { recorded: 1 } });
    expect(await app.deps.events.getEvent(ACK, 'oncall:01ACKED')).toMatchObject({
      body: { phase: 'stop', subject: 'Q0WEBDOWN1' },
    });
    // The acknowledgement is no outage event: the availability rule has no phase for it.
    expect(await app.deps.events.getEvent(SITE, 'oncall:01ACKED')).toBeUndefined();
  });

  it('accepts a signature made with any of the secrets configured while the tracker rotates', async () => {
    const other = incidentEvent(
      '01OTHER',
      'incident.triggered',
      '2026-11-18T15:01:00.000Z',
      'Website',
      'Q0WEB2',
    );
    expect(await deliver(other, sign(OLD_SECRET, other), 'rotating')).toMatchObject({
      status: 200,
      body: { recorded: 1 },
    });
    expect(await deliver(other, sign(SECRET, other), 'rotating')).toMatchObject({
      status: 200,
      body: { duplicates: 1 },
    });
    expect(await deliver(other, sign('neither secret', other), 'rotating')).toMatchObject({ status: 401 });
  });

  it('acknowledges an incident no rule matches, and a ping, as ignored', async () => {
    const elsewhere = incidentEvent('01BILLING', 'incident.triggered', '2026-11-18T15:05:00.000Z', 'Billing');
    expect(await deliver(elsewhere, sign(SECRET, elsewhere))).toEqual({
      status: 200,
      body: { recorded: 0, duplicates: 0, ignored: 1, rejected: [] },
    });
    const ping = JSON.stringify({
      event: {
        id: '01PING',
        event_type: 'pagey.ping',
        resource_type: 'pagey',
        occurred_at: '2026-11-18T15:06:00.000Z',
        agent: null,
        client: null,
        data: { message: 'Hello from your friend Pagey!', type: 'ping' },
      },
    });
    expect(await deliver(ping, sign(SECRET, ping))).toMatchObject({ status: 200, body: { ignored: 1 } });
    const malformed = JSON.stringify({ event: { id: '01BAD', event_type: 'incident.triggered' } });
    const refused = await deliver(malformed, sign(SECRET, malformed));
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'event.occurred_at' })]);
  });

  it('ends the outage when the incident is resolved', async () => {
    expect(await deliver(resolved, sign(SECRET, resolved))).toMatchObject({
      status: 200,
      body: { recorded: 1 },
    });
    expect(await downtime()).toBeCloseTo(30, 5);
  });

  it('counts all of it on GET /v1/sources', async () => {
    expect(await sources.listed('oncall')).toMatchObject({
      type: 'pagerduty',
      recorded: 4,
      duplicates: 2,
      ignored: 2,
      refused: 5,
      rejected: 1,
      lastRefusal: { reason: 'X-PagerDuty-Signature holds no v1=<64 hex digits> signature' },
    });
  });
});
