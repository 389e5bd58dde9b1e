import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useSourceApp } from './source-app.js';

const SECRET = 'the jira admin webhook secret';
const FIX = 'bug-fix-time';
const { app, deliver, listed, openSubjects } = await useSourceApp('2026-11-01T00:30:00-04:00', {
  issues: SECRET,
});
app.clock.set('2026-11-18T10:00:00-05:00');

const issue = {
  id: '10042',
  key: 'SUP-42',
  fields: { issuetype: { name: 'Bug' }, summary: 'Checkout fails' },
};
const created = {
  timestamp: Date.parse('2026-11-18T09:30:00-05:00'),
  webhookEvent: 'jira:issue_created',
  issue_event_type_name: 'issue_created',
  user: { accountId: '5b10a2844c20165700ede21g' },
  issue,
};
const done = {
  timestamp: Date.parse('2026-11-19T11:30:00-05:00'),
  webhookEvent: 'jira:issue_updated',
  issue_event_type_name: 'issue_generic',
  issue,
  changelog: {
    id: '10400',
    items: [{ field: 'status', fieldtype: 'jira', fromString: 'In Progress', toString: 'Done' }],
  },
};

/** Signed as Jira signs an admin webhook with a secret, with the delivery's identifier beside it. */
function post(payload: unknown, identifier: string, options: { secret?: string; body?: string } = {}) {
  const body = JSON.stringify(payload);
  const signature = createHmac('sha256', options.secret ?? SECRET)
    .update(body)
    .digest('hex');
  return deliver(
    'issues',
    {
      'x-hub-signature': `sha256=${signature}`,
      'x-atlassian-webhook-identifier': identifier,
      'x-atlassian-webhook-flow': 'Primary',
    },
    options.body ?? body,
  );
}

describe('POST /sources/{name} with a jira source', () => {
  it('records a created bug as the start of its timer, its subject the issue key', async () => {
    expect(await post(created, '0a1b-created')).toEqual({
      status: 200,
      body: { recorded: 1, duplicates: 0, ignored: 0, rejected: [] },
    });
    expect(await app.deps.events.getEvent(FIX, 'issues:0a1b-created')).toMatchObject({
      at: Date.parse('2026-11-18T09:30:00-05:00'),
      by: 'source:issues',
      body: { subject: 'SUP-42', phase: 'start' },
    });
    expect(await openSubjects(FIX)).toEqual(['SUP-42']);
  });

  it('counts a retry with the same X-Atlassian-Webhook-Identifier once', async () => {
    expect(await post(created, '0a1b-created')).toEqual({
      status: 200,
      body: { recorded: 0, duplicates: 1, ignored: 0, rejected: [] },
    });
  });

  it('refuses a forged or tampered delivery with 401 and records nothing', async () => {
    const forged = await post(done, 'forged-1', { secret: 'guessed' });
    const tampered = await post(created, 'forged-2', { body: JSON.stringify(done) });
    expect([forged.status, tampered.status]).toEqual([401, 401]);
    expect(forged.body.detail).toContain('the X-Hub-Signature signature does not match the body');
    expect(await app.deps.events.getEvent(FIX, 'issues:forged-1')).toBeUndefined();
    expect(await app.deps.events.getEvent(FIX, 'issues:forged-2')).toBeUndefined();
    expect(await openSubjects(FIX)).toEqual(['SUP-42']);
  });

  it('acknowledges a change no rule matches with 200, as ignored', async () => {
    const reassigned = {
      ...done,
      changelog: { id: '10401', items: [{ field: 'assignee', toString: 'Ada' }] },
    };
    expect(await post(reassigned, '0a1b-assigned')).toEqual({
      status: 200,
      body: { recorded: 0, duplicates: 0, ignored: 1, rejected: [] },
    });
  });

  it('stops the bug’s timer when its status moves to Done', async () => {
    app.clock.set('2026-11-19T11:31:00-05:00');
    expect((await post(done, '0a1b-done')).body).toEqual({
      recorded: 1,
      duplicates: 0,
      ignored: 0,
      rejected: [],
    });
    expect(await openSubjects(FIX)).toEqual([]);
  });

  it('counts all of it on GET /v1/sources', async () => {
    expect(await listed('issues')).toEqual({
      name: 'issues',
      type: 'jira',
      lastDeliveryAt: '2026-11-19T16:31:00Z',
      recorded: 2,
      duplicates: 1,
      ignored: 1,
      refused: 2,
      rejected: 0,
      lastRefusal: {
        at: expect.stringMatching(/Z$/),
        reason: 'the X-Hub-Signature signature does not match the body',
      },
    });
  });
});
