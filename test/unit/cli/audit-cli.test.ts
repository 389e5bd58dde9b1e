import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../cli/exit-codes.js';
import { runCli } from '../../../cli/main.js';
import { fakeIo } from './fake-io.js';

const entries = [
  {
    id: 'event.voided:marketing-qualified-leads:typo',
    at: '2026-11-18T15:00:00Z',
    by: 'U0MKTLEAD',
    via: 'slack',
    action: 'event.voided',
    commitmentId: 'marketing-qualified-leads',
    period: '2026-11',
    detail: { eventId: 'typo', reason: 'typed 30 instead of 3', taken: { sum: 30, count: 1 } },
  },
  {
    id: 'config.applied:*:abc:first',
    at: '2026-11-01T04:30:00Z',
    by: 'arn:aws:iam::123456789012:user/ops',
    via: 'cli',
    action: 'config.applied',
    detail: { created: 3, changed: 0, archived: 0, unchanged: 0, settingsChanged: true },
  },
];

const events = [
  {
    id: 'typo',
    period: '2026-11',
    at: '2026-11-18T14:00:00Z',
    value: 30,
    by: 'local',
    via: 'cli',
    recordedAt: '2026-11-18T14:00:01Z',
    voided: { at: '2026-11-18T15:00:00Z', by: 'U0MKTLEAD', reason: 'typed 30 instead of 3' },
  },
  {
    id: 'crm-1',
    period: '2026-11',
    at: '2026-11-17T16:00:00Z',
    by: 'source:crm',
    via: 'source',
    recordedAt: '',
  },
];

describe('sla audit', () => {
  it('prints a table in the company zone, with the next page when there is one', async () => {
    const fake = fakeIo(() => ({ body: { entries, timezone: 'America/New_York', cursor: 'next-page' } }));
    expect(
      await runCli(['audit', '--commitment', 'marketing-qualified-leads', '--limit', '2'], fake.io),
    ).toBe(EXIT.ok);
    const url = new URL(fake.requests[0]?.url ?? '');
    expect(url.pathname).toBe('/v1/audit');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      commitment: 'marketing-qualified-leads',
      limit: '2',
    });
    expect(fake.requests[0]?.headers['user-agent']).toBe('sla-cli');
    const lines = (fake.out[0] ?? '').split('\n');
    expect(lines[0]).toMatch(/^WHEN\s+BY\s+VIA\s+ACTION\s+COMMITMENT\s+PERIOD\s+DETAIL$/);
    expect(lines[1]).toContain('Wed Nov 18, 2026, 10:00 EST');
    expect(lines[1]).toContain('event.voided');
    expect(lines[1]).toContain('eventId=typo reason=typed 30 instead of 3');
    expect(lines[2]).toContain('Sun Nov 1, 2026, 00:30 EDT');
    expect(lines[2]).toMatch(/config\.applied\s+—\s+—\s+created=3/);
    expect(lines.at(-1)).toBe('More: repeat with --cursor next-page');
  });

  it('prints the page as JSON with --json, and refuses a bad limit without asking', async () => {
    const fake = fakeIo(() => ({ body: { entries, timezone: 'UTC' } }));
    expect(await runCli(['audit', '--json'], fake.io)).toBe(EXIT.ok);
    expect(JSON.parse(fake.out[0] ?? '')).toEqual({ entries, timezone: 'UTC' });
    const bad = fakeIo(() => ({ body: {} }));
    expect(await runCli(['audit', '--limit', '0'], bad.io)).toBe(EXIT.usage);
    expect(await runCli(['audit', '--since', 'yesterday'], bad.io)).toBe(EXIT.usage);
    expect(bad.requests).toEqual([]);
    expect(bad.err[0]).toContain('--limit must be a whole number from 1 to 200');
  });
});

describe('sla events and sla void', () => {
  it('lists events with who recorded them and the void', async () => {
    const fake = fakeIo(() => ({ body: { period: '2026-11', timezone: 'America/New_York', events } }));
    expect(await runCli(['events', 'marketing-qualified-leads', '--source', 'cli'], fake.io)).toBe(EXIT.ok);
    expect(new URL(fake.requests[0]?.url ?? '').pathname).toBe(
      '/v1/commitments/marketing-qualified-leads/events',
    );
    const lines = (fake.out[0] ?? '').split('\n');
    expect(lines[0]).toMatch(/^AT\s+ID\s+WHAT\s+BY\s+VIA\s+VOIDED$/);
    expect(lines[1]).toMatch(
      /Wed Nov 18, 2026, 09:00 EST\s+typo\s+30\s+local\s+cli\s+by U0MKTLEAD: typed 30 instead of 3$/,
    );
    expect(lines[2]).toMatch(/crm-1\s+1\s+source:crm\s+source$/);
  });

  it('voids one event with who and why', async () => {
    const fake = fakeIo(() => ({ body: { commitmentId: 'marketing-qualified-leads', event: events[0] } }));
    const args = ['void', 'marketing-qualified-leads', 'typo', '--by', 'U0MKTLEAD', '--reason', 'typed 30'];
    expect(await runCli(args, fake.io)).toBe(EXIT.ok);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:3999/v1/commitments/marketing-qualified-leads/events/typo/void',
      body: JSON.stringify({ by: 'U0MKTLEAD', reason: 'typed 30' }),
    });
    expect(fake.out[0]).toBe(
      'Voided event typo of marketing-qualified-leads (2026-11) by U0MKTLEAD: typed 30 instead of 3. It no longer counts.',
    );
    const missing = fakeIo(() => ({ body: {} }));
    expect(await runCli(['void', 'marketing-qualified-leads', 'typo', '--by', 'U1'], missing.io)).toBe(
      EXIT.usage,
    );
    expect(missing.err[0]).toContain('--reason is required');
  });
});
