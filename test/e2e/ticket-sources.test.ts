import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../../local/runtime.js';

/**
 * The local runtime over real HTTP, as `npm start` runs it, with examples/more-sources.yaml: a
 * Zendesk ticket, a Jira bug and a GitHub pull request each start their commitment's timer when
 * they open and stop it when they are solved, done or reviewed.
 */
const CONFIG = new URL('../../examples/more-sources.yaml', import.meta.url).pathname;
const SECRETS: Record<string, string> = {
  helpdesk: 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==',
  issues: 'the e2e jira webhook secret',
  code: 'the e2e github webhook secret',
};
const dataDir = mkdtempSync(join(tmpdir(), 'sla-ticket-sources-'));
let runtime: Runtime;

beforeAll(async () => {
  runtime = await startRuntime({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    configPath: CONFIG,
    clockStart: Date.parse('2026-11-18T08:30:00-05:00'),
    sourceSecrets: async (name) => SECRETS[name],
    log: () => undefined,
  });
});
afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function http(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${runtime.url}${path}`, { method, headers, body });
  return { status: response.status, body: (await response.json()) as any };
}

const moveClock = (to: string) =>
  http('POST', '/local/clock', JSON.stringify({ to }), { 'content-type': 'application/json' });

async function timers(commitment: string) {
  const open = await http('GET', `/v1/commitments/${commitment}/subjects?state=open`);
  const status = await http('GET', `/v1/commitments/${commitment}/status`);
  return { open: open.body.subjects.map((s: { id: string }) => s.id), status: status.body };
}

async function counts(source: string) {
  const { body } = await http('GET', '/v1/sources');
  return body.sources.find((s: { name: string }) => s.name === source);
}

/** Posts a delivery twice (the second as the sender's retry) and returns both answers' bodies. */
async function twice(source: string, body: string, headers: () => Record<string, string>) {
  const post = () =>
    http('POST', `/sources/${source}`, body, { 'content-type': 'application/json', ...headers() });
  return [(await post()).body, (await post()).body];
}

const recordedOnce = [
  { recorded: 1, duplicates: 0, ignored: 0, rejected: [] },
  { recorded: 0, duplicates: 1, ignored: 0, rejected: [] },
];

describe('ticket, issue and pull-request sources on the local runtime', () => {
  it('times a Zendesk ticket from created to solved', async () => {
    const commitment = 'support-ticket-resolution';
    const zendesk = (id: string, type: string, time: string, event: Record<string, unknown>) => {
      const body = JSON.stringify({
        type: `zen:event-type:ticket.${type}`,
        account_id: 22129848,
        id,
        time,
        zendesk_event_version: '2022-11-06',
        subject: 'zen:ticket:5158',
        detail: { id: '5158', status: 'OPEN' },
        event,
      });
      // Signed at the runtime's clock, which the 5-minute window is judged against.
      const headers = () => {
        const timestamp = new Date(runtime.clock.now()).toISOString();
        const signature = createHmac('sha256', SECRETS.helpdesk ?? '')
          .update(timestamp + body)
          .digest('base64');
        return {
          'x-zendesk-webhook-signature': signature,
          'x-zendesk-webhook-signature-timestamp': timestamp,
        };
      };
      return twice('helpdesk', body, headers);
    };
    await moveClock('2026-11-18T09:05:00-05:00');
    expect(await zendesk('01JE2ECREATED', 'created', '2026-11-18T14:00:00Z', {})).toEqual(recordedOnce);
    expect((await timers(commitment)).open).toEqual(['5158']);
    await moveClock('2026-11-18T13:05:00-05:00');
    const solved = { previous: 'OPEN', current: 'SOLVED' };
    expect(await zendesk('01JE2ESOLVED', 'status_changed', '2026-11-18T18:00:00Z', solved)).toEqual(
      recordedOnce,
    );
    // Solved 4 business hours after it was created: one ticket done, within its 16 hours.
    const after = await timers(commitment);
    expect(after.open).toEqual([]);
    expect(after.status).toMatchObject({ commitmentId: commitment, actual: 1 });
    expect(await counts('helpdesk')).toMatchObject({ recorded: 2, duplicates: 2, refused: 0, rejected: 0 });
  });

  it('times a Jira bug from created to Done', async () => {
    const commitment = 'bug-fix-time';
    const jira = (identifier: string, payload: Record<string, unknown>) => {
      const body = JSON.stringify({
        ...payload,
        issue: { id: '10042', key: 'SUP-42', fields: { issuetype: { name: 'Bug' } } },
      });
      const signature = createHmac('sha256', SECRETS.issues ?? '')
        .update(body)
        .digest('hex');
      return twice('issues', body, () => ({
        'x-hub-signature': `sha256=${signature}`,
        'x-atlassian-webhook-identifier': identifier,
      }));
    };
    const created = {
      webhookEvent: 'jira:issue_created',
      timestamp: Date.parse('2026-11-18T13:00:00-05:00'),
    };
    expect(await jira('e2e-jira-1', created)).toEqual(recordedOnce);
    expect((await timers(commitment)).open).toEqual(['SUP-42']);
    await moveClock('2026-11-18T15:05:00-05:00');
    const done = {
      webhookEvent: 'jira:issue_updated',
      timestamp: Date.parse('2026-11-18T15:00:00-05:00'),
      changelog: { items: [{ field: 'status', fromString: 'In Progress', toString: 'Done' }] },
    };
    expect(await jira('e2e-jira-2', done)).toEqual(recordedOnce);
    const after = await timers(commitment);
    expect(after.open).toEqual([]);
    expect(after.status).toMatchObject({ commitmentId: commitment, actual: 1 });
    expect(await counts('issues')).toMatchObject({ recorded: 2, duplicates: 2, refused: 0, rejected: 0 });
  });

  it('times a GitHub pull request from opened to its first review', async () => {
    const commitment = 'code-review-turnaround';
    const github = async (event: string, delivery: string, payload: Record<string, unknown>) => {
      const body = JSON.stringify({ ...payload, repository: { full_name: 'acme/shop' } });
      const signature = await sign(SECRETS.code ?? '', body);
      return twice('code', body, () => ({
        'x-github-event': event,
        'x-github-delivery': delivery,
        'x-hub-signature-256': signature,
      }));
    };
    const pr = (updatedAt: string) => ({ number: 7, state: 'open', updated_at: updatedAt });
    const opened = { action: 'opened', number: 7, pull_request: pr('2026-11-18T20:10:00Z') };
    expect(await github('pull_request', 'e2e-gh-1', opened)).toEqual(recordedOnce);
    expect((await timers(commitment)).open).toEqual(['acme/shop#7']);
    await moveClock('2026-11-18T16:35:00-05:00');
    const reviewed = {
      action: 'submitted',
      review: { state: 'approved' },
      pull_request: pr('2026-11-18T21:30:00Z'),
    };
    expect(await github('pull_request_review', 'e2e-gh-2', reviewed)).toEqual(recordedOnce);
    const after = await timers(commitment);
    expect(after.open).toEqual([]);
    expect(after.status).toMatchObject({ commitmentId: commitment, actual: 1 });
    expect(await counts('code')).toMatchObject({ recorded: 2, duplicates: 2, refused: 0, rejected: 0 });
  });
});
