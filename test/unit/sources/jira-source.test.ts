import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SourceDefinition } from '../../../shared/domain/sources/config-sources.js';
import { jiraSource } from '../../../shared/sources/jira.js';

const SECRET = 'the jira admin webhook secret';
const NOW = [Date.parse('2026-11-18T15:00:00Z')];
const FIX = 'bug-fix-time';
const source: SourceDefinition = {
  name: 'issues',
  type: 'jira',
  rules: [
    {
      when: { webhookEvent: 'jira:issue_created', issue: { fields: { issuetype: { name: 'Bug' } } } },
      record: { commitment: FIX, phase: 'start' },
    },
    {
      when: {
        webhookEvent: 'jira:issue_updated',
        changelog: { items: { field: 'status', toString: 'Done' } },
      },
      record: { commitment: FIX, phase: 'stop' },
    },
  ],
};

/** Jira's scheme, written out here: the WebSub form of an HMAC-SHA256 of the body, in hex. */
const signed = (body: string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const request = (body: string, headers: Record<string, string>) => ({ headers, body: Buffer.from(body) });

function issueEvent(webhookEvent: string, extra: Record<string, unknown> = {}) {
  return {
    timestamp: Date.parse('2026-11-18T14:00:00Z'),
    webhookEvent,
    issue_event_type_name: webhookEvent === 'jira:issue_created' ? 'issue_created' : 'issue_generic',
    user: { accountId: '5b10a2844c20165700ede21g', displayName: 'Ada' },
    issue: {
      id: '10042',
      key: 'SUP-42',
      fields: { issuetype: { name: 'Bug' }, status: { name: 'To Do' }, summary: 'Checkout fails' },
    },
    ...extra,
  };
}

describe('the Jira webhook signature (X-Hub-Signature)', () => {
  const body = JSON.stringify(issueEvent('jira:issue_created'));

  it('accepts a signed delivery, named by X-Atlassian-Webhook-Identifier', () => {
    const headers = { 'X-Hub-Signature': signed(body), 'X-Atlassian-Webhook-Identifier': '4711-abc' };
    expect(jiraSource.verify(request(body, headers), SECRET, NOW)).toEqual({
      ok: true,
      deliveryId: '4711-abc',
    });
  });

  it('names a delivery without an identifier by the digest of its body, which its retries resend', () => {
    const digest = createHash('sha256').update(body).digest('hex');
    expect(jiraSource.verify(request(body, { 'x-hub-signature': signed(body) }), SECRET, NOW)).toEqual({
      ok: true,
      deliveryId: `sha256:${digest}`,
    });
  });

  it('refuses another secret, a tampered body, a missing or malformed header', () => {
    const headers = { 'x-hub-signature': signed(body) };
    expect(jiraSource.verify(request(body, { 'x-hub-signature': signed(body, 'x') }), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'the X-Hub-Signature signature does not match the body',
    });
    expect(jiraSource.verify(request(`${body} `, headers), SECRET, NOW).ok).toBe(false);
    expect(jiraSource.verify(request(body, {}), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'unsigned: the X-Hub-Signature header is required',
    });
    const sha1 = `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}`;
    expect(jiraSource.verify(request(body, { 'x-hub-signature': sha1 }), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'X-Hub-Signature must be sha256= and 64 hex digits',
    });
  });
});

describe('Jira issue events as events', () => {
  it('starts a bug’s timer when it is created, and stops it when its status moves to Done', () => {
    expect(jiraSource.map(issueEvent('jira:issue_created'), source, 'id-1')).toEqual({
      batches: [
        {
          commitment: FIX,
          events: [{ id: 'issues:id-1', at: '2026-11-18T14:00:00.000Z', phase: 'start', subject: 'SUP-42' }],
          origins: [0],
        },
      ],
      ignored: 0,
    });
    const done = issueEvent('jira:issue_updated', {
      changelog: {
        id: '10400',
        items: [
          { field: 'assignee', fieldtype: 'jira', fromString: null, toString: 'Ada' },
          {
            field: 'status',
            fieldtype: 'jira',
            from: '3',
            fromString: 'In Progress',
            to: '10001',
            toString: 'Done',
          },
        ],
      },
    });
    expect(jiraSource.map(done, source, 'id-2')).toMatchObject({
      batches: [{ events: [{ id: 'issues:id-2', phase: 'stop', subject: 'SUP-42' }] }],
    });
  });

  it('ignores other changes and other issue types, and names the subject by the id without a key', () => {
    const reassigned = issueEvent('jira:issue_updated', {
      changelog: { items: [{ field: 'assignee', toString: 'Done' }] },
    });
    expect(jiraSource.map(reassigned, source, 'x')).toEqual({ batches: [], ignored: 1 });
    const story = issueEvent('jira:issue_created', {
      issue: { id: '1', key: 'SUP-1', fields: { issuetype: { name: 'Story' } } },
    });
    expect(jiraSource.map(story, source, 'x')).toEqual({ batches: [], ignored: 1 });
    const keyless = issueEvent('jira:issue_created', {
      issue: { id: 10050, fields: { issuetype: { name: 'Bug' } } },
    });
    expect(jiraSource.map(keyless, source, 'x')).toMatchObject({
      batches: [{ events: [{ subject: '10050' }] }],
    });
  });

  it('names a matched event’s bad timestamp, and a body that is not an object', () => {
    expect(
      jiraSource.map(issueEvent('jira:issue_created', { timestamp: '2026-11-18' }), source, 'x'),
    ).toEqual({
      errors: [{ path: 'timestamp', message: 'must be Unix milliseconds, a whole number' }],
    });
    expect(jiraSource.map(issueEvent('jira:issue_deleted', { timestamp: 'never' }), source, 'x')).toEqual({
      batches: [],
      ignored: 1,
    });
    expect(jiraSource.map(null, source, 'x')).toEqual({
      errors: [{ path: '', message: 'must be a JSON object, a Jira event' }],
    });
  });
});
