import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../cli/exit-codes.js';
import { runCli } from '../../../cli/main.js';
import { fakeIo } from './fake-io.js';

const NY = 'America/New_York';
/** What people must never see: milliseconds, a bare UTC `Z` instant, or an ISO offset. */
const RAW_INSTANT = /\d{2}:\d{2}:\d{2}|\.\d{3}|T\d{2}:|[+-]\d{2}:\d{2}\b/;

describe('the CLI shows times in the zone the API names, with its abbreviation', () => {
  it('clock: the local clock now', async () => {
    const fake = fakeIo(() => ({ body: { now: '2026-11-18T15:00:00Z', timezone: NY } }));
    expect(await runCli(['clock'], fake.io)).toBe(EXIT.ok);
    expect(fake.out).toEqual(['Local clock: Wed Nov 18, 2026, 10:00 EST']);
  });

  it('clock --to: where the clock moved from and to, across the end of daylight-saving time', async () => {
    const fake = fakeIo(() => ({
      body: {
        from: '2026-10-31T14:00:00Z',
        to: '2026-11-01T14:00:00Z',
        ran: [{ job: 'evaluate', at: '2026-10-31T14:15:00Z' }],
        timezone: NY,
      },
    }));
    expect(await runCli(['clock', '--to', '2026-11-01T09:00:00-05:00'], fake.io)).toBe(EXIT.ok);
    expect(fake.out).toEqual([
      'Local clock moved from Sat Oct 31, 2026, 10:00 EDT to Sun Nov 1, 2026, 09:00 EST; ran evaluate ×1.',
    ]);
  });

  it('snooze: until when, in the commitment’s zone, without milliseconds', async () => {
    const fake = fakeIo((_method, url) =>
      url.pathname === '/local/clock'
        ? { body: { now: '2026-11-18T15:00:00Z', timezone: NY } }
        : {
            body: {
              commitmentId: 'leads',
              period: '2026-11',
              level: 1,
              snoozedBy: 'U1',
              snoozedUntil: '2026-11-18T19:00:00Z',
              timezone: NY,
            },
          },
    );
    expect(await runCli(['snooze', 'leads', '--by', 'U1', '--for', '4h'], fake.io)).toBe(EXIT.ok);
    expect(fake.out).toEqual([
      'Snoozed the 2026-11 alert of leads until Wed Nov 18, 2026, 14:00 EST (by U1).',
    ]);
    expect(fake.out[0]).not.toMatch(RAW_INSTANT);
  });

  it('snooze against an API that names no zone: UTC, not this machine’s zone', async () => {
    const fake = fakeIo(() => ({
      body: { commitmentId: 'leads', period: '2026-11', level: 1, snoozedUntil: '2026-11-19T15:00:00.000Z' },
    }));
    fake.io.env = { SLA_API_URL: 'https://sla.example.com/prod' };
    expect(await runCli(['snooze', 'leads', '--by', 'U1', '--for', '1d'], fake.io)).toBe(EXIT.ok);
    expect(fake.out).toEqual([
      'Snoozed the 2026-11 alert of leads until Thu Nov 19, 2026, 15:00 UTC (by U1).',
    ]);
  });

  it('evaluate: when the evaluator ran', async () => {
    const fake = fakeIo(() => ({
      body: {
        at: '2026-11-18T15:00:09Z',
        timezone: NY,
        evaluated: 3,
        closed: [],
        transitions: [],
        notifications: [],
        conflicts: 0,
        republished: 0,
        failed: 0,
      },
    }));
    expect(await runCli(['evaluate'], fake.io)).toBe(EXIT.ok);
    expect(fake.out[0]?.split('\n')[0]).toBe('Evaluated 3 commitments at Wed Nov 18, 2026, 10:00 EST.');
  });

  it('status of one commitment: when it was evaluated', async () => {
    const fake = fakeIo(() => ({
      body: {
        commitmentId: 'leads',
        period: '2026-11',
        measure: 'total',
        status: 'at_risk',
        actual: 40,
        target: 100,
        expected: 61,
        projected: 65.6,
        attainment: 0.4,
        elapsed: 0.61,
        unit: 'leads',
        evaluatedAt: '2026-11-18T15:00:00Z',
        timezone: NY,
      },
    }));
    expect(await runCli(['status', 'leads'], fake.io)).toBe(EXIT.ok);
    expect(fake.out[0]).toContain('  evaluated  Wed Nov 18, 2026, 10:00 EST');
    expect(fake.out[0]).not.toMatch(RAW_INSTANT);
  });

  it('excuse: the excused window', async () => {
    const fake = fakeIo(() => ({
      status: 201,
      body: {
        excusal: {
          id: 'x1',
          from: '2026-11-16T14:00:00Z',
          to: '2026-11-17T23:00:00Z',
          causedBy: 'sales',
          reason: 'CRM down',
        },
        periods: ['2026-11'],
        duplicate: false,
        timezone: NY,
      },
    }));
    const args = [
      'excuse',
      'leads',
      '--from',
      '2026-11-16T09:00:00-05:00',
      '--to',
      '2026-11-17T18:00:00-05:00',
    ];
    expect(await runCli([...args, '--caused-by', 'sales', '--reason', 'CRM down'], fake.io)).toBe(EXIT.ok);
    expect(fake.out[0]).toBe(
      'Excused: leads from Mon Nov 16, 2026, 09:00 EST to Tue Nov 17, 2026, 18:00 EST, caused by sales (2026-11; id x1).',
    );
  });
});
