import { sign } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import type { SourceDefinition } from '../../../shared/domain/sources/config-sources.js';
import { hmacSha256 } from '../../../shared/http/hmac-signature.js';
import { githubSource } from '../../../shared/sources/github.js';

const NOW = [Date.parse('2026-11-18T15:00:00Z')];
const REVIEW = 'code-review-turnaround';
const source: SourceDefinition = {
  name: 'code',
  type: 'github',
  rules: [
    { when: { event: 'pull_request', action: 'opened' }, record: { commitment: REVIEW, phase: 'start' } },
    {
      when: { event: 'pull_request_review', action: 'submitted' },
      record: { commitment: REVIEW, phase: 'stop' },
    },
  ],
};

const request = (body: string, headers: Record<string, string>) => ({ headers, body: Buffer.from(body) });

describe('the GitHub webhook signature (X-Hub-Signature-256)', () => {
  it('holds GitHub’s documented test vector, and accepts it', () => {
    // From GitHub's "Validating webhook deliveries": this secret and payload give this signature.
    const secret = "It's a Secret to Everybody";
    const expected = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(`sha256=${hmacSha256(secret, [Buffer.from('Hello, World!')]).toString('hex')}`).toBe(expected);
    expect(
      githubSource.verify(
        request('Hello, World!', { 'X-Hub-Signature-256': expected, 'X-GitHub-Delivery': 'd-1' }),
        secret,
        NOW,
      ),
    ).toEqual({ ok: true, deliveryId: 'd-1' });
    expect(
      githubSource.verify(
        request('Hello, World!', { 'x-hub-signature-256': expected }),
        'another secret',
        NOW,
      ),
    ).toEqual({ ok: false, reason: 'the X-Hub-Signature-256 signature does not match the body' });
  });

  it('accepts what @octokit/webhooks-methods signs, and refuses it tampered', async () => {
    const secret = 'the repository webhook secret';
    const body = JSON.stringify({ action: 'opened', number: 7 });
    const signature = await sign(secret, body);
    const headers = { 'x-hub-signature-256': signature, 'x-github-delivery': '72d3162e-cc78-11e3-81ab' };
    expect(githubSource.verify(request(body, headers), secret, NOW)).toEqual({
      ok: true,
      deliveryId: '72d3162e-cc78-11e3-81ab',
    });
    expect(githubSource.verify(request(body.replace('7', '8'), headers), secret, NOW).ok).toBe(false);
  });

  it('refuses a missing or malformed signature header and an overlong delivery id', async () => {
    const secret = 'the repository webhook secret';
    const body = '{}';
    const signature = await sign(secret, body);
    expect(githubSource.verify(request(body, {}), secret, NOW)).toEqual({
      ok: false,
      reason: 'unsigned: the X-Hub-Signature-256 header is required',
    });
    for (const garbled of [signature.slice('sha256='.length), `sha1=${'0'.repeat(40)}`, `${signature}00`]) {
      expect(githubSource.verify(request(body, { 'x-hub-signature-256': garbled }), secret, NOW)).toEqual({
        ok: false,
        reason: 'X-Hub-Signature-256 must be sha256= and 64 hex digits',
      });
    }
    expect(
      githubSource.verify(
        request(body, { 'x-hub-signature-256': signature, 'x-github-delivery': 'd'.repeat(101) }),
        secret,
        NOW,
      ),
    ).toEqual({ ok: false, reason: 'X-GitHub-Delivery is longer than 100 characters' });
  });
});

function pullRequest(action: string, extra: Record<string, unknown> = {}) {
  return {
    action,
    number: 42,
    pull_request: {
      number: 42,
      state: 'open',
      updated_at: '2026-11-18T14:30:00Z',
      labels: [{ name: 'bug' }],
    },
    repository: { full_name: 'acme/shop' },
    sender: { login: 'octocat' },
    ...extra,
  };
}

describe('GitHub events as events', () => {
  const headers = (event: string) => ({ 'X-GitHub-Event': event });

  it('matches the event header as `event`, and times the pull request as owner/repo#number', () => {
    expect(githubSource.map(pullRequest('opened'), source, 'guid-1', headers('pull_request'))).toEqual({
      batches: [
        {
          commitment: REVIEW,
          events: [
            { id: 'code:guid-1', at: '2026-11-18T14:30:00Z', phase: 'start', subject: 'acme/shop#42' },
          ],
          origins: [0],
        },
      ],
      ignored: 0,
    });
    // A review is dated when it was submitted, whatever else changed the pull request since.
    const review = pullRequest('submitted', {
      review: { state: 'approved', submitted_at: '2026-11-18T14:40:00Z' },
    });
    expect(githubSource.map(review, source, 'guid-2', headers('pull_request_review'))).toMatchObject({
      batches: [
        {
          events: [{ id: 'code:guid-2', at: '2026-11-18T14:40:00Z', phase: 'stop', subject: 'acme/shop#42' }],
        },
      ],
    });
  });

  it('names an issue the same way, and matches a label among a list of them', () => {
    const issues: SourceDefinition = {
      ...source,
      rules: [
        {
          when: { event: 'issues', action: 'labeled', issue: { labels: { name: 'incident' } } },
          record: { commitment: REVIEW, phase: 'start' },
        },
      ],
    };
    const labeled = {
      action: 'labeled',
      issue: {
        number: 9,
        updated_at: '2026-11-18T14:00:00Z',
        labels: [{ name: 'p1' }, { name: 'incident' }],
      },
      repository: { full_name: 'acme/shop' },
    };
    expect(githubSource.map(labeled, issues, 'g', headers('issues'))).toMatchObject({
      batches: [{ events: [{ subject: 'acme/shop#9', at: '2026-11-18T14:00:00Z' }] }],
    });
    const unlabeled = { ...labeled, issue: { ...labeled.issue, labels: [{ name: 'p1' }] } };
    expect(githubSource.map(unlabeled, issues, 'g', headers('issues'))).toEqual({ batches: [], ignored: 1 });
  });

  it('ignores other events and a delivery without the event header, and refuses a body that is not an object', () => {
    expect(githubSource.map(pullRequest('opened'), source, 'g', headers('issues'))).toEqual({
      batches: [],
      ignored: 1,
    });
    expect(githubSource.map(pullRequest('opened'), source, 'g', {})).toEqual({ batches: [], ignored: 1 });
    expect(githubSource.map({ zen: 'Keep it logically awesome.' }, source, 'g', headers('ping'))).toEqual({
      batches: [],
      ignored: 1,
    });
    expect(githubSource.map('[]', source, 'g', headers('ping'))).toEqual({
      errors: [{ path: '', message: 'must be a JSON object, a GitHub event' }],
    });
    const broken = pullRequest('opened', { pull_request: { number: 42, updated_at: 17 } });
    expect(githubSource.map(broken, source, 'g', headers('pull_request'))).toEqual({
      errors: [
        { path: 'pull_request.updated_at', message: 'must be an ISO-8601 date-time, as GitHub sends it' },
      ],
    });
  });
});
