import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { useApp } from './app-context.js';

/**
 * Example config: `sales-lead-follow-up` contacts every lead within 24 business hours (New York,
 * Mon–Fri 08:00–18:00, Thanksgiving closed).
 */
const app = await useApp('2026-11-01T00:30:00-04:00');
const FOLLOW_UP = 'sales-lead-follow-up';
const at = (iso: string) => app.clock.set(iso);

async function send(events: unknown[]) {
  const { status, body } = await app.call('POST', `/v1/commitments/${FOLLOW_UP}/events`, {
    body: { events },
  });
  expect(status, JSON.stringify(body)).toBe(200);
  expect(body.rejected).toEqual([]);
}

const subjects = (query = '') => app.call('GET', `/v1/commitments/${FOLLOW_UP}/subjects${query}`);

describe('GET /v1/commitments/{id}/subjects', () => {
  it('lists overdue leads most overdue first, by business lateness, against DynamoDB', async () => {
    at('2026-11-20T12:00:00-05:00');
    await send([
      // Due Thursday 12:00: 10 business hours late on Friday 12:00.
      { id: 'b-start', subject: 'lead-b', phase: 'start', at: '2026-11-17T08:00:00-05:00' },
      // Due Wednesday 10:00: 22 business hours late.
      { id: 'a-start', subject: 'lead-a', phase: 'start', at: '2026-11-13T16:00:00-05:00' },
      // Due Wednesday 10:00 too (before b), then paused until Friday 10:00: 4 business hours late.
      { id: 'c-start', subject: 'lead-c', phase: 'start', at: '2026-11-13T16:00:00-05:00' },
      { id: 'c-pause', subject: 'lead-c', phase: 'pause', at: '2026-11-18T12:00:00-05:00' },
      { id: 'c-resume', subject: 'lead-c', phase: 'resume', at: '2026-11-20T10:00:00-05:00' },
      // Due Friday 15:00: due soon.
      { id: 'd-start', subject: 'lead-d', phase: 'start', at: '2026-11-18T11:00:00-05:00' },
      // Due next Tuesday: just open.
      { id: 'e-start', subject: 'lead-e', phase: 'start', at: '2026-11-20T08:00:00-05:00' },
      // Stopped: not open any more.
      { id: 'f-start', subject: 'lead-f', phase: 'start', at: '2026-11-13T09:00:00-05:00' },
      { id: 'f-stop', subject: 'lead-f', phase: 'stop', at: '2026-11-19T09:00:00-05:00' },
    ]);

    const { status, body } = await subjects('?state=overdue');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      commitmentId: FOLLOW_UP,
      state: 'overdue',
      timezone: 'America/New_York',
      businessTime: true,
      dueSoonSeconds: 4 * 3600,
      evaluatedAt: '2026-11-20T17:00:00Z',
      complete: true,
    });
    expect(
      body.subjects.map((s: { id: string; lateSeconds: number }) => [s.id, s.lateSeconds / 3600]),
    ).toEqual([
      ['lead-a', 22],
      ['lead-b', 10],
      ['lead-c', 4],
    ]);
    expect(body.subjects[0]).toEqual({
      id: 'lead-a',
      startedAt: '2026-11-13T21:00:00Z',
      dueAt: '2026-11-18T15:00:00Z',
      paused: false,
      overdue: true,
      lateSeconds: 22 * 3600,
      remainingSeconds: 0,
    });
    expect(body.nextCursor).toBeUndefined();
  });

  it('lists the leads due within the next 4 business hours', async () => {
    const { body } = await subjects('?state=due_soon');
    expect(body.subjects).toEqual([
      {
        id: 'lead-d',
        startedAt: '2026-11-18T16:00:00Z',
        dueAt: '2026-11-20T20:00:00Z',
        paused: false,
        overdue: false,
        lateSeconds: 0,
        remainingSeconds: 3 * 3600,
      },
    ]);
  });

  it('lists every open lead by default, in pages that follow each other', async () => {
    const all = await subjects();
    expect(all.body.state).toBe('open');
    expect(all.body.subjects.map((s: { id: string }) => s.id).sort()).toEqual([
      'lead-a',
      'lead-b',
      'lead-c',
      'lead-d',
      'lead-e',
    ]);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const { status, body } = await subjects(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(status).toBe(200);
      expect(body.subjects.length).toBeLessThanOrEqual(2);
      seen.push(...body.subjects.map((s: { id: string }) => s.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(all.body.subjects.map((s: { id: string }) => s.id));
    const overduePages = await subjects('?state=overdue&limit=2');
    expect(overduePages.body.subjects.map((s: { id: string }) => s.id)).toEqual(['lead-a', 'lead-b']);
    const next = await subjects(`?state=overdue&limit=2&cursor=${overduePages.body.nextCursor}`);
    expect(next.body.subjects.map((s: { id: string }) => s.id)).toEqual(['lead-c']);
    expect(next.body.nextCursor).toBeUndefined();
  });

  it('reads only the open subjects of this commitment from their index, not stopped ones', async () => {
    const out = await app.table.doc.send(
      new QueryCommand({
        TableName: app.table.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :p',
        ExpressionAttributeValues: { ':p': `OS#${FOLLOW_UP}` },
      }),
    );
    expect(out.Items?.map((i) => i.subject).sort()).toEqual([
      'lead-a',
      'lead-b',
      'lead-c',
      'lead-d',
      'lead-e',
    ]);
  });

  it('answers 400 naming the parameter for a bad state, limit or cursor', async () => {
    for (const [query, path, message] of [
      ['?state=late', 'state', /must be one of open, overdue, due_soon/],
      ['?limit=0', 'limit', /from 1 to 200/],
      ['?limit=201', 'limit', /from 1 to 200/],
      ['?limit=ten', 'limit', /whole number/],
      ['?cursor=not-a-cursor', 'cursor', /nextCursor/],
      ['?state=overdue&cursor=eyJzIjoibGVhZC1hIn0', 'cursor', /nextCursor/],
    ] as const) {
      const { status, headers, body } = await subjects(query);
      expect(status, query).toBe(400);
      expect(headers['content-type']).toMatch(/problem\+json/);
      expect(body.errors, query).toEqual([{ path, message: expect.stringMatching(message) }]);
      expect(body.detail, query).toContain(path);
    }
  });

  it('answers 404 for an unknown commitment and 400 for one that is not a duration', async () => {
    const unknown = await app.call('GET', '/v1/commitments/no-such-thing/subjects');
    expect(unknown.status).toBe(404);
    const total = await app.call('GET', '/v1/commitments/marketing-qualified-leads/subjects');
    expect(total.status).toBe(400);
    expect(total.body.detail).toMatch(/measures total, not duration/);
    expect(total.body.errors).toEqual([{ path: 'id', message: expect.stringMatching(/only duration/) }]);
  });
});

describe('an alert on the duration commitment', () => {
  it('names the late leads, most overdue first, and the ones due soon', async () => {
    const { status } = await app.call('POST', '/v1/evaluations', { body: {} });
    expect(status).toBe(200);
    const alert = app.published.find((n) => n.commitmentId === FOLLOW_UP);
    expect(alert?.kind).toMatch(/at_risk|breached|escalated/);
    expect(alert?.text.split('\n').slice(1)).toEqual([
      'Late (3), most overdue first:',
      '• lead-a — 22 business hours late',
      '• lead-b — 10 business hours late',
      '• lead-c — 4 business hours late',
      'Due within the next 4 business hours (1):',
      '• lead-d — due Fri Nov 20, 2026, 15:00 EST (in 3 business hours)',
    ]);
    expect(alert?.lateSubjects?.overdueCount).toBe(3);
  });
});
