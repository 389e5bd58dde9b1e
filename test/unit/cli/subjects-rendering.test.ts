import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../cli/exit-codes.js';
import { runCli } from '../../../cli/main.js';
import type { SubjectListing } from '../../../cli/render/subjects.js';
import { fakeIo } from './fake-io.js';

const listing: SubjectListing = {
  commitmentId: 'sales-lead-follow-up',
  state: 'overdue',
  timezone: 'America/New_York',
  businessTime: true,
  dueSoonSeconds: 14_400,
  subjects: [
    {
      id: 'lead-4711',
      startedAt: '2026-11-13T21:00:00Z',
      dueAt: '2026-11-18T15:00:00Z',
      paused: false,
      overdue: true,
      lateSeconds: 22 * 3600,
      remainingSeconds: 0,
    },
    {
      id: 'lead-4712',
      startedAt: '2026-11-13T21:00:00Z',
      dueAt: null,
      paused: true,
      overdue: true,
      lateSeconds: 2 * 3600 + 15 * 60 + 0.5,
      remainingSeconds: 0,
    },
  ],
  nextCursor: 'eyJvIjoyfQ',
  complete: true,
};

describe('sla subjects', () => {
  it('asks the API for the state and prints a table with local times and business lateness', async () => {
    const fake = fakeIo(() => ({ body: listing }));
    expect(await runCli(['subjects', 'sales-lead-follow-up', '--state', 'overdue'], fake.io)).toBe(EXIT.ok);
    expect(fake.requests.map((r) => r.url)).toEqual([
      'http://127.0.0.1:3999/v1/commitments/sales-lead-follow-up/subjects?state=overdue',
    ]);
    expect(fake.out.join('\n')).toBe(
      [
        'SUBJECT    STARTED                      DUE                          STANDING',
        'lead-4711  Fri Nov 13, 2026, 16:00 EST  Wed Nov 18, 2026, 10:00 EST  22 business hours late',
        'lead-4712  Fri Nov 13, 2026, 16:00 EST  —                            2 business hours 15 minutes late (paused)',
        '',
        'More: sla subjects sales-lead-follow-up --state overdue --cursor eyJvIjoyfQ',
      ].join('\n'),
    );
  });

  it('prints the answer as JSON with --json, and says so when there is nothing', async () => {
    const json = fakeIo(() => ({ body: listing }));
    await runCli(['subjects', 'sales-lead-follow-up', '--json'], json.io);
    expect(JSON.parse(json.out.join('\n'))).toEqual(listing);
    expect(json.requests[0]?.url).toMatch(/subjects\?state=open$/);
    const empty = fakeIo(() => ({
      body: { ...listing, state: 'due_soon', subjects: [], nextCursor: undefined },
    }));
    await runCli(['subjects', 'sales-lead-follow-up', '--state', 'due_soon'], empty.io);
    expect(empty.out).toEqual(['No subjects due soon of sales-lead-follow-up.']);
  });

  it('refuses a bad state or limit before asking the API', async () => {
    const fake = fakeIo(() => ({ body: listing }));
    expect(await runCli(['subjects', 'x', '--state', 'late'], fake.io)).toBe(EXIT.usage);
    expect(await runCli(['subjects', 'x', '--limit', '0'], fake.io)).toBe(EXIT.usage);
    expect(fake.requests).toEqual([]);
    expect(fake.err.join('\n')).toContain("--state must be one of open, overdue, due_soon, got 'late'");
    expect(fake.err.join('\n')).toContain("--limit must be a whole number from 1 to 200, got '0'");
  });
});
