import { sign } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import { useSourceApp } from './source-app.js';

const SECRET = 'the repository webhook secret';
const REVIEW = 'code-review-turnaround';
const { app, deliver, listed, openSubjects } = await useSourceApp('2026-11-01T00:30:00-04:00', {
  code: SECRET,
});
app.clock.set('2026-11-18T10:00:00-05:00');

const repository = { id: 1296269, full_name: 'acme/shop', owner: { login: 'acme' } };
const pullRequest = (updatedAt: string, state = 'open') => ({
  number: 7,
  state,
  title: 'Faster checkout',
  created_at: '2026-11-18T14:50:00Z',
  updated_at: updatedAt,
});
const opened = { action: 'opened', number: 7, pull_request: pullRequest('2026-11-18T14:50:00Z'), repository };
const reviewed = {
  action: 'submitted',
  review: { id: 80, state: 'approved', submitted_at: '2026-11-18T17:20:00Z' },
  pull_request: pullRequest('2026-11-18T17:20:00Z'),
  repository,
};

/** Signed by @octokit/webhooks-methods, as a GitHub webhook sender signs. */
async function post(
  event: string,
  delivery: string,
  payload: unknown,
  options: { secret?: string; body?: string } = {},
) {
  const body = JSON.stringify(payload);
  return deliver(
    'code',
    {
      'x-github-event': event,
      'x-github-delivery': delivery,
      'x-hub-signature-256': await sign(options.secret ?? SECRET, body),
      'user-agent': 'GitHub-Hookshot/044aadd',
    },
    options.body ?? body,
  );
}

describe('POST /sources/{name} with a github source', () => {
  it('records an opened pull request as the start of its review timer, its subject owner/repo#number', async () => {
    expect(await post('pull_request', '72d3162e-0001', opened)).toEqual({
      status: 200,
      body: { recorded: 1, duplicates: 0, ignored: 0, rejected: [] },
    });
    expect(await app.deps.events.getEvent(REVIEW, 'code:72d3162e-0001')).toMatchObject({
      at: Date.parse('2026-11-18T14:50:00Z'),
      by: 'source:code',
      body: { subject: 'acme/shop#7', phase: 'start' },
    });
    expect(await openSubjects(REVIEW)).toEqual(['acme/shop#7']);
  });

  it('counts a redelivery (the same X-GitHub-Delivery) once', async () => {
    expect(await post('pull_request', '72d3162e-0001', opened)).toEqual({
      status: 200,
      body: { recorded: 0, duplicates: 1, ignored: 0, rejected: [] },
    });
  });

  it('refuses a forged or tampered delivery with 401 and records nothing', async () => {
    const forged = await post('pull_request_review', 'forged-1', reviewed, { secret: 'guessed' });
    const tampered = await post('pull_request', 'forged-2', opened, { body: JSON.stringify(reviewed) });
    expect([forged.status, tampered.status]).toEqual([401, 401]);
    expect(await app.deps.events.getEvent(REVIEW, 'code:forged-1')).toBeUndefined();
    expect(await app.deps.events.getEvent(REVIEW, 'code:forged-2')).toBeUndefined();
    expect(await openSubjects(REVIEW)).toEqual(['acme/shop#7']);
  });

  it('acknowledges an event no rule matches (a push, a ping) with 200, as ignored', async () => {
    const push = { ref: 'refs/heads/main', after: 'c0ffee', repository };
    expect(await post('push', '72d3162e-0002', push)).toEqual({
      status: 200,
      body: { recorded: 0, duplicates: 0, ignored: 1, rejected: [] },
    });
    expect(
      (await post('ping', '72d3162e-0003', { zen: 'Design for failure.', hook_id: 1 })).body,
    ).toMatchObject({
      ignored: 1,
    });
  });

  it('stops the review timer when a review is submitted', async () => {
    app.clock.set('2026-11-18T12:21:00-05:00');
    expect((await post('pull_request_review', '72d3162e-0004', reviewed)).body).toEqual({
      recorded: 1,
      duplicates: 0,
      ignored: 0,
      rejected: [],
    });
    expect(await openSubjects(REVIEW)).toEqual([]);
  });

  it('counts all of it on GET /v1/sources', async () => {
    expect(await listed('code')).toEqual({
      name: 'code',
      type: 'github',
      lastDeliveryAt: '2026-11-18T17:21:00Z',
      recorded: 2,
      duplicates: 1,
      ignored: 2,
      refused: 2,
      rejected: 0,
      lastRefusal: {
        at: expect.stringMatching(/Z$/),
        reason: 'the X-Hub-Signature-256 signature does not match the body',
      },
    });
  });
});
