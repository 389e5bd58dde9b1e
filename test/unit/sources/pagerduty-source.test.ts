import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SourceDefinition } from '../../../shared/domain/sources/config-sources.js';
import { pagerdutySecrets, pagerdutySource } from '../../../shared/sources/pagerduty.js';

const NOW = [Date.parse('2026-11-18T15:00:00Z')];

/**
 * The vector of PagerDuty's own Go client (go-pagerduty, webhookv3/webhookv3_test.go): a v3
 * webhook body, the secret it was signed with and the signature PagerDuty computed.
 */
const PUBLISHED = {
  secret: 'lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK',
  signature: 'v1=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd',
  mismatch: 'v1=7020c8a7ec668a9b7012bc3dd82e483394b038f4230acc6785efbf2a7d8bcaf5',
  body: '{"event":{"id":"01BWDWL3NYY7LUFPZCC28QUCMK","event_type":"incident.priority_updated","resource_type":"incident","occurred_at":"2021-04-26T17:36:27.458Z","agent":{"html_url":"https://acme.pagerduty.com/users/PLH1HKV","id":"PLH1HKV","self":"https://api.pagerduty.com/users/PLH1HKV","summary":"Tenex Engineer","type":"user_reference"},"client":null,"data":{"id":"PGR0VU2","type":"incident","self":"https://api.pagerduty.com/incidents/PGR0VU2","html_url":"https://acme.pagerduty.com/incidents/PGR0VU2","number":2,"status":"triggered","title":"A little bump in the road","service":{"html_url":"https://acme.pagerduty.com/services/PF9KMXH","id":"PF9KMXH","self":"https://api.pagerduty.com/services/PF9KMXH","summary":"API Service","type":"service_reference"},"assignees":[{"html_url":"https://acme.pagerduty.com/users/PTUXL6G","id":"PTUXL6G","self":"https://api.pagerduty.com/users/PTUXL6G","summary":"User 123","type":"user_reference"}],"escalation_policy":{"html_url":"https://acme.pagerduty.com/escalation_policies/PUS0KTE","id":"PUS0KTE","self":"https://api.pagerduty.com/escalation_policies/PUS0KTE","summary":"Default","type":"escalation_policy_reference"},"teams":[{"html_url":"https://acme.pagerduty.com/teams/PFCVPS0","id":"PFCVPS0","self":"https://api.pagerduty.com/teams/PFCVPS0","summary":"Engineering","type":"team_reference"}],"priority":{"html_url":"https://acme.pagerduty.com/account/incident_priorities","id":"PSO75BM","self":"https://api.pagerduty.com/priorities/PSO75BM","summary":"P1","type":"priority_reference"},"urgency":"high","conference_bridge":{"conference_number":1000,"conference_url":"https://example.com"},"resolve_reason":null}}}',
};

const request = (signature: string | undefined, body = PUBLISHED.body) => ({
  headers: signature === undefined ? {} : { 'X-PagerDuty-Signature': signature },
  body: Buffer.from(body, 'utf8'),
});
const verify = (signature: string | undefined, secret = PUBLISHED.secret, body?: string) =>
  pagerdutySource.verify(request(signature, body), secret, NOW);
const sign = (secret: string, body = PUBLISHED.body) =>
  `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('the PagerDuty v3 signature', () => {
  it("accepts PagerDuty's published example and refuses its mismatching one", () => {
    expect(verify(PUBLISHED.signature)).toEqual({ ok: true, deliveryId: '' });
    expect(verify(PUBLISHED.mismatch)).toEqual({
      ok: false,
      reason: 'no X-PagerDuty-Signature signature matches the secret',
    });
  });

  it('accepts any one of several comma-separated signatures, in any position, hex in either case', () => {
    expect(verify(`${PUBLISHED.mismatch},${PUBLISHED.signature}`).ok).toBe(true);
    expect(verify(`${PUBLISHED.signature}, ${PUBLISHED.mismatch}`).ok).toBe(true);
    expect(verify(`v0=abc,${PUBLISHED.signature.toUpperCase().replace('V1=', 'v1=')}`).ok).toBe(true);
    expect(verify(`${PUBLISHED.mismatch},${sign('another secret')}`).ok).toBe(false);
  });

  it('checks against each of several configured secrets, separated by commas or new lines', () => {
    expect(pagerdutySecrets('first+/=\nsecond, third')).toEqual(['first+/=', 'second', 'third']);
    expect(verify(PUBLISHED.signature, `the old secret\n${PUBLISHED.secret}`).ok).toBe(true);
    expect(verify(PUBLISHED.signature, `${PUBLISHED.secret},the next secret`).ok).toBe(true);
    expect(verify(PUBLISHED.signature, 'the old secret\nthe next secret').ok).toBe(false);
  });

  it('refuses a missing header, no v1 signature, too many signatures and a changed body', () => {
    expect(verify(undefined)).toEqual({ ok: false, reason: 'no X-PagerDuty-Signature header' });
    expect(verify('v2=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd')).toEqual({
      ok: false,
      reason: 'X-PagerDuty-Signature holds no v1=<64 hex digits> signature',
    });
    expect(verify(`${PUBLISHED.signature.slice(0, -1)}`).ok).toBe(false);
    expect(verify(Array(11).fill(PUBLISHED.signature).join(','))).toEqual({
      ok: false,
      reason: 'X-PagerDuty-Signature holds 11 signatures; at most 10 are read',
    });
    expect(verify(PUBLISHED.signature, PUBLISHED.secret, PUBLISHED.body.replace('P1', 'P2')).ok).toBe(false);
  });
});

const source: SourceDefinition = {
  name: 'oncall',
  type: 'pagerduty',
  rules: [
    { when: { data: { service: { summary: 'API Service' } } }, record: { commitment: 'api-up' } },
    {
      when: { event_type: 'incident.acknowledged' },
      record: { commitment: 'ack-within-15m', phase: 'stop' },
    },
  ],
};
const withType = (eventType: string) =>
  JSON.parse(PUBLISHED.body.replace('incident.priority_updated', eventType));

describe('the PagerDuty payload mapping', () => {
  it('records triggered as down and resolved as up, the incident being the PagerDuty incident', () => {
    expect(pagerdutySource.map(withType('incident.triggered'), source, '')).toEqual({
      batches: [
        {
          commitment: 'api-up',
          events: [
            {
              id: 'oncall:01BWDWL3NYY7LUFPZCC28QUCMK',
              at: '2021-04-26T17:36:27.458Z',
              phase: 'down',
              incident: 'PGR0VU2',
            },
          ],
          origins: [0],
        },
      ],
      ignored: 0,
    });
    expect(pagerdutySource.map(withType('incident.resolved'), source, '')).toMatchObject({
      batches: [{ events: [{ phase: 'up', incident: 'PGR0VU2' }] }],
    });
  });

  it("gives a rule's phase to what it matches, the incident then being the duration's subject", () => {
    expect(pagerdutySource.map(withType('incident.acknowledged'), source, '')).toEqual({
      batches: [
        {
          commitment: 'ack-within-15m',
          events: [
            {
              id: 'oncall:01BWDWL3NYY7LUFPZCC28QUCMK',
              at: '2021-04-26T17:36:27.458Z',
              phase: 'stop',
              subject: 'PGR0VU2',
            },
          ],
          origins: [0],
        },
      ],
      ignored: 0,
    });
  });

  it('ignores what no rule gives a phase, and events of no incident', () => {
    expect(pagerdutySource.map(JSON.parse(PUBLISHED.body), source, '')).toEqual({ batches: [], ignored: 1 });
    const note = {
      event: {
        id: '01NOTE',
        event_type: 'incident.annotated',
        occurred_at: '2026-11-18T15:00:00Z',
        data: { id: 'NOTE1', type: 'incident_note', incident: { id: 'PGR0VU2', type: 'incident_reference' } },
      },
    };
    const annotated = {
      ...source,
      rules: [{ when: { event_type: 'incident.annotated' }, record: { commitment: 'x', phase: 'stop' } }],
    };
    expect(pagerdutySource.map(note, annotated, '')).toMatchObject({
      batches: [{ events: [{ subject: 'PGR0VU2' }] }],
    });
    expect(pagerdutySource.map({ event: { ...note.event, data: { type: 'ping' } } }, annotated, '')).toEqual({
      batches: [],
      ignored: 1,
    });
  });

  it('names the field of a malformed payload', () => {
    expect(pagerdutySource.map({ event: { id: '', event_type: 'incident.triggered' } }, source, '')).toEqual({
      errors: expect.arrayContaining([
        { path: 'event.id', message: 'must not be empty' },
        expect.objectContaining({ path: 'event.occurred_at' }),
      ]),
    });
    expect(pagerdutySource.map('{}', source, '')).toEqual({
      errors: [{ path: '', message: 'must be a PagerDuty v3 webhook payload: {"event": {...}}' }],
    });
  });
});
