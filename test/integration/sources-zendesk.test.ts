import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useSourceApp } from './source-app.js';

/** Zendesk's documented signing secret for test deliveries; a real webhook has its own. */
const SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';
const TIMER = 'support-ticket-resolution';
const { app, deliver, listed, openSubjects } = await useSourceApp('2026-11-01T00:30:00-04:00', {
  helpdesk: SECRET,
});
app.clock.set('2026-11-18T10:00:00-05:00');

function ticketEvent(id: string, type: string, time: string, event: Record<string, unknown> = {}) {
  return {
    type: `zen:event-type:ticket.${type}`,
    account_id: 22129848,
    id,
    time,
    zendesk_event_version: '2022-11-06',
    subject: 'zen:ticket:5158',
    detail: { id: '5158', status: 'OPEN', subject: 'Cannot log in', via: { channel: 'web' } },
    event,
  };
}

/** Signed as Zendesk signs: base64 HMAC-SHA256 of the timestamp and the body, at the runtime's clock. */
function post(payload: unknown, options: { secret?: string; sentAt?: number; body?: string } = {}) {
  const body = JSON.stringify(payload);
  const timestamp = new Date(options.sentAt ?? app.clock.now()).toISOString().replace('.000Z', 'Z');
  const signature = createHmac('sha256', options.secret ?? SECRET)
    .update(timestamp + body)
    .digest('base64');
  return deliver(
    'helpdesk',
    { 'x-zendesk-webhook-signature': signature, 'x-zendesk-webhook-signature-timestamp': timestamp },
    options.body ?? body,
  );
}

const created = ticketEvent('01JCREATED5158', 'created', '2026-11-18T14:58:00Z', {
  current: { status: 'OPEN' },
});
const solved = ticketEvent('01JSOLVED5158', 'status_changed', '2026-11-18T19:00:00Z', {
  previous: 'OPEN',
  current: 'SOLVED',
});

describe('POST /sources/{name} with a zendesk source', () => {
  it('records a created ticket as the start of its timer, authored by the source', async () => {
    expect(await post(created)).toEqual({
      status: 200,
      body: { recorded: 1, duplicates: 0, ignored: 0, rejected: [] },
    });
    expect(await app.deps.events.getEvent(TIMER, 'helpdesk:01JCREATED5158')).toMatchObject({
      at: Date.parse('2026-11-18T14:58:00Z'),
      by: 'source:helpdesk',
      via: 'source',
      body: { subject: '5158', phase: 'start' },
    });
    expect(await openSubjects(TIMER)).toEqual(['5158']);
  });

  it('counts Zendesk’s retry of the event once, even signed again a minute later', async () => {
    app.clock.advance(60_000);
    expect(await post(created)).toEqual({
      status: 200,
      body: { recorded: 0, duplicates: 1, ignored: 0, rejected: [] },
    });
  });

  it('refuses a forged, tampered or stale delivery with 401 and records nothing', async () => {
    const never = ticketEvent('01JFORGED', 'created', '2026-11-18T15:00:00Z');
    const forged = await post(never, { secret: 'not the webhook secret' });
    const tampered = await post(created, { body: JSON.stringify(never) });
    const stale = await post(never, { sentAt: app.clock.now() - 5 * 60_000 - 1000 });
    expect([forged.status, tampered.status, stale.status]).toEqual([401, 401, 401]);
    expect(forged.body.detail).toBe('The delivery was refused: the signature does not match.');
    expect(stale.body.detail).toContain('more than 5 minutes old');
    expect(await app.deps.events.getEvent(TIMER, 'helpdesk:01JFORGED')).toBeUndefined();
  });

  it('acknowledges an event no rule matches with 200, as ignored', async () => {
    const pending = ticketEvent('01JPENDING', 'status_changed', '2026-11-18T16:00:00Z', {
      previous: 'OPEN',
      current: 'PENDING',
    });
    expect(await post(pending)).toEqual({
      status: 200,
      body: { recorded: 0, duplicates: 0, ignored: 1, rejected: [] },
    });
    expect(await openSubjects(TIMER)).toEqual(['5158']);
  });

  it('stops the ticket’s timer when it is solved', async () => {
    app.clock.set('2026-11-18T14:05:00-05:00');
    expect((await post(solved)).body).toEqual({ recorded: 1, duplicates: 0, ignored: 0, rejected: [] });
    expect(await openSubjects(TIMER)).toEqual([]);
    expect(await app.deps.events.getEvent(TIMER, 'helpdesk:01JSOLVED5158')).toMatchObject({
      body: { subject: '5158', phase: 'stop' },
    });
  });

  it('counts all of it on GET /v1/sources', async () => {
    expect(await listed('helpdesk')).toEqual({
      name: 'helpdesk',
      type: 'zendesk',
      lastDeliveryAt: '2026-11-18T19:05:00Z',
      recorded: 2,
      duplicates: 1,
      ignored: 1,
      refused: 3,
      rejected: 0,
      lastRefusal: {
        at: expect.stringMatching(/Z$/),
        reason: expect.stringContaining('more than 5 minutes old'),
      },
    });
  });
});
