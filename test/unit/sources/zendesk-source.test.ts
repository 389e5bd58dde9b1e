import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SourceDefinition } from '../../../shared/domain/sources/config-sources.js';
import { zendeskSource } from '../../../shared/sources/zendesk.js';

/** The signing secret Zendesk documents for its test deliveries (base64 of "this_secret_is_for_testing_only"). */
const ZENDESK_TEST_SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';
const SENT_AT = '2026-11-18T15:00:00Z';
const NOW = [Date.parse(SENT_AT) + 20_000];
const TIMER = 'support-ticket-resolution';
const source: SourceDefinition = {
  name: 'helpdesk',
  type: 'zendesk',
  rules: [
    { when: { type: 'zen:event-type:ticket.created' }, record: { commitment: TIMER, phase: 'start' } },
    {
      when: { type: 'zen:event-type:ticket.status_changed', event: { current: 'SOLVED' } },
      record: { commitment: TIMER, phase: 'stop' },
    },
  ],
};

/** Zendesk's documented scheme, written out here rather than taken from the code under test. */
const documentedSignature = (secret: string, timestamp: string, body: string) =>
  createHmac('sha256', secret)
    .update(timestamp + body)
    .digest('base64');

function event(type: string, extra: Record<string, unknown> = {}) {
  return {
    type: `zen:event-type:ticket.${type}`,
    account_id: 22129848,
    id: `01J${type.toUpperCase().replace(/[^A-Z]/g, '')}EVENT`,
    time: '2026-11-18T14:59:58.123456789Z',
    zendesk_event_version: '2022-11-06',
    subject: 'zen:ticket:5158',
    detail: { id: '5158', status: 'OPEN', requester_id: '900', via: { channel: 'web' } },
    event: {},
    ...extra,
  };
}

function delivery(body: string, headers: Record<string, string> = {}) {
  return {
    headers: {
      'X-Zendesk-Webhook-Signature': documentedSignature(ZENDESK_TEST_SECRET, SENT_AT, body),
      'X-Zendesk-Webhook-Signature-Timestamp': SENT_AT,
      ...headers,
    },
    body: Buffer.from(body),
  };
}

describe('the Zendesk webhook signature', () => {
  const body = JSON.stringify(event('created'));

  it('verifies a delivery signed with Zendesk’s documented test secret as its docs describe', () => {
    expect(zendeskSource.verify(delivery(body), ZENDESK_TEST_SECRET, NOW)).toMatchObject({ ok: true });
    // Header names arrive in any case.
    const lower = delivery(body);
    const headers = Object.fromEntries(Object.entries(lower.headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(zendeskSource.verify({ ...lower, headers }, ZENDESK_TEST_SECRET, NOW).ok).toBe(true);
  });

  // An older Zendesk page printed a worked example whose signature is over the body then the
  // timestamp, against its own formula; the current page and its Node example put the timestamp
  // first, as this does, so that order is refused here rather than used as a vector.
  it('refuses a tampered body, another secret, the parts signed in the other order and no headers', () => {
    const tampered = { ...delivery(body), body: Buffer.from(body.replace('5158', '5159')) };
    const otherOrder = delivery(body, {
      'X-Zendesk-Webhook-Signature': createHmac('sha256', ZENDESK_TEST_SECRET)
        .update(body + SENT_AT)
        .digest('base64'),
    });
    for (const [request, secret] of [
      [tampered, ZENDESK_TEST_SECRET],
      [delivery(body), 'another webhook signing secret'],
      [otherOrder, ZENDESK_TEST_SECRET],
    ] as const) {
      expect(zendeskSource.verify(request, secret, NOW)).toEqual({
        ok: false,
        reason: 'the signature does not match',
      });
    }
    expect(zendeskSource.verify({ headers: {}, body: Buffer.from(body) }, ZENDESK_TEST_SECRET, NOW)).toEqual({
      ok: false,
      reason:
        'unsigned: the X-Zendesk-Webhook-Signature and X-Zendesk-Webhook-Signature-Timestamp headers are required',
    });
  });

  it('refuses a timestamp more than 5 minutes from the clock, or one that is not an instant', () => {
    const at = (iso: string) =>
      delivery(body, {
        'X-Zendesk-Webhook-Signature-Timestamp': iso,
        'X-Zendesk-Webhook-Signature': documentedSignature(ZENDESK_TEST_SECRET, iso, body),
      });
    const now = [Date.parse(SENT_AT)];
    expect(zendeskSource.verify(at('2026-11-18T14:55:01Z'), ZENDESK_TEST_SECRET, now).ok).toBe(true);
    expect(zendeskSource.verify(at('2026-11-18T14:54:59Z'), ZENDESK_TEST_SECRET, now)).toEqual({
      ok: false,
      reason: 'X-Zendesk-Webhook-Signature-Timestamp is more than 5 minutes old',
    });
    expect(zendeskSource.verify(at('2026-11-18T15:05:01Z'), ZENDESK_TEST_SECRET, now)).toMatchObject({
      reason: expect.stringContaining('more than 5 minutes ahead'),
    });
    // Either clock reading may vouch for it, as a simulated local clock allows.
    expect(
      zendeskSource.verify(at('2026-11-18T14:54:59Z'), ZENDESK_TEST_SECRET, [0, Date.parse(SENT_AT)]).ok,
    ).toBe(false);
    expect(
      zendeskSource.verify(at('2026-11-18T14:54:59Z'), ZENDESK_TEST_SECRET, [0, Date.parse(SENT_AT) - 60_000])
        .ok,
    ).toBe(true);
    for (const garbled of ['1763478000', 'yesterday', '2026-11-18 15:00:00']) {
      expect(zendeskSource.verify(at(garbled), ZENDESK_TEST_SECRET, now)).toMatchObject({
        ok: false,
        reason: expect.stringContaining('must be an ISO-8601 instant'),
      });
    }
  });
});

describe('Zendesk ticket events as events', () => {
  it('starts the ticket’s timer when it is created and stops it when it is solved', () => {
    expect(zendeskSource.map(event('created'), source, '')).toEqual({
      batches: [
        {
          commitment: TIMER,
          events: [
            {
              id: 'helpdesk:01JCREATEDEVENT',
              at: '2026-11-18T14:59:58.123456789Z',
              phase: 'start',
              subject: '5158',
            },
          ],
          origins: [0],
        },
      ],
      ignored: 0,
    });
    const solved = event('status_changed', { event: { previous: 'OPEN', current: 'SOLVED' } });
    expect(zendeskSource.map(solved, source, '')).toMatchObject({
      batches: [{ events: [{ id: 'helpdesk:01JSTATUSCHANGEDEVENT', phase: 'stop', subject: '5158' }] }],
    });
  });

  it('takes the ticket from subject when detail has no id, or the field a rule names', () => {
    const { detail: _, ...bare } = event('created');
    expect(zendeskSource.map(bare, source, '')).toMatchObject({
      batches: [{ events: [{ subject: '5158' }] }],
    });
    const byRequester: SourceDefinition = {
      ...source,
      rules: [{ when: {}, record: { commitment: TIMER, phase: 'start', subject: 'detail.requester_id' } }],
    };
    expect(zendeskSource.map(event('created'), byRequester, '')).toMatchObject({
      batches: [{ events: [{ subject: '900' }] }],
    });
  });

  it('ignores events no rule matches, whatever their shape, and names what a matched one lacks', () => {
    const pending = event('status_changed', { event: { previous: 'OPEN', current: 'PENDING' } });
    expect(zendeskSource.map(pending, source, '')).toEqual({ batches: [], ignored: 1 });
    expect(zendeskSource.map({ type: 'zen:event-type:user.created' }, source, '')).toEqual({
      batches: [],
      ignored: 1,
    });
    const { id: _, ...unnamed } = event('created');
    expect(zendeskSource.map({ ...unnamed, time: 1763478000 }, source, '')).toEqual({
      errors: [
        { path: 'id', message: expect.stringContaining("must be the event's id") },
        { path: 'time', message: 'must be an ISO-8601 date-time, as Zendesk sends it' },
      ],
    });
    expect(zendeskSource.map([event('created')], source, '')).toEqual({
      errors: [{ path: '', message: 'must be a JSON object, a Zendesk event' }],
    });
  });
});
