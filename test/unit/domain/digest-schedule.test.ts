import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  digestFireTimes,
  digestSendTime,
  digestWeekAt,
  eventBridgeCron,
  nextDigestFireTime,
} from '../../../shared/domain/digest/schedule.js';
import type { Weekday } from '../../../shared/domain/model.js';

const MONDAY_8 = { weekday: 1 as Weekday, minute: 8 * 60 };
const NY = 'America/New_York';
const LONDON = 'Europe/London';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const at = (iso: string) => Date.parse(iso);
const local = (t: number, zone: string) =>
  DateTime.fromMillis(t, { zone }).toFormat('ccc yyyy-MM-dd HH:mm ZZZZ');

describe('digestFireTimes: Monday 08:00 local across the 2026 DST changes', () => {
  it('fires at 08:00 New York on both sides of the March change (EST, then EDT)', () => {
    const times = digestFireTimes(MONDAY_8, NY, at('2026-02-28T00:00:00Z'), at('2026-03-17T00:00:00Z'));
    expect(times.map((t) => local(t, NY))).toEqual([
      'Mon 2026-03-02 08:00 EST',
      'Mon 2026-03-09 08:00 EDT', // the day after the clocks went forward
      'Mon 2026-03-16 08:00 EDT',
    ]);
    expect(times.map((t) => new Date(t).toISOString())).toEqual([
      '2026-03-02T13:00:00.000Z',
      '2026-03-09T12:00:00.000Z',
      '2026-03-16T12:00:00.000Z',
    ]);
  });

  it('fires at 08:00 New York on both sides of the November change (EDT, then EST)', () => {
    const times = digestFireTimes(MONDAY_8, NY, at('2026-10-25T00:00:00Z'), at('2026-11-10T00:00:00Z'));
    expect(times.map((t) => local(t, NY))).toEqual([
      'Mon 2026-10-26 08:00 EDT',
      'Mon 2026-11-02 08:00 EST', // the day after the clocks went back
      'Mon 2026-11-09 08:00 EST',
    ]);
  });

  it('fires at 08:00 London across the March and October changes (GMT, BST, GMT)', () => {
    const spring = digestFireTimes(MONDAY_8, LONDON, at('2026-03-22T00:00:00Z'), at('2026-04-07T00:00:00Z'));
    expect(spring.map((t) => local(t, LONDON))).toEqual([
      'Mon 2026-03-23 08:00 GMT',
      'Mon 2026-03-30 08:00 GMT+1',
      'Mon 2026-04-06 08:00 GMT+1',
    ]);
    const autumn = digestFireTimes(MONDAY_8, LONDON, at('2026-10-18T00:00:00Z'), at('2026-11-03T00:00:00Z'));
    expect(autumn.map((t) => new Date(t).toISOString())).toEqual([
      '2026-10-19T07:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
      '2026-11-02T08:00:00.000Z',
    ]);
  });

  it('includes a fire time equal to the window end and excludes one equal to its start', () => {
    const eight = at('2026-11-16T13:00:00Z'); // Monday 08:00 EST
    expect(digestFireTimes(MONDAY_8, NY, eight - 1, eight)).toEqual([eight]);
    expect(digestFireTimes(MONDAY_8, NY, eight, eight + HOUR)).toEqual([]);
    expect(digestFireTimes(MONDAY_8, NY, eight, eight)).toEqual([]);
  });

  it('fires once in a week whose local time is skipped (Sunday 02:30 New York on the spring-forward day)', () => {
    const sunday230 = { weekday: 7 as Weekday, minute: 2 * 60 + 30 };
    const times = digestFireTimes(sunday230, NY, at('2026-03-01T00:00:00Z'), at('2026-03-16T00:00:00Z'));
    expect(times.map((t) => local(t, NY))).toEqual([
      'Sun 2026-03-01 02:30 EST',
      'Sun 2026-03-08 03:00 EDT', // 02:30 does not exist; the jump to 03:00
      'Sun 2026-03-15 02:30 EDT',
    ]);
  });

  it('fires once in a week whose local time happens twice (Sunday 01:30 New York on the fall-back day)', () => {
    const sunday130 = { weekday: 7 as Weekday, minute: 90 };
    const times = digestFireTimes(sunday130, NY, at('2026-10-31T00:00:00Z'), at('2026-11-02T00:00:00Z'));
    expect(times.map((t) => local(t, NY))).toEqual(['Sun 2026-11-01 01:30 EDT']);
  });

  it('finds the next fire time for a local timer', () => {
    const monday9 = at('2026-11-16T14:00:00Z');
    expect(local(nextDigestFireTime(MONDAY_8, NY, monday9), NY)).toBe('Mon 2026-11-23 08:00 EST');
  });
});

/** The oracle: every local date in range with Luxon's own wall-clock resolution (08:00 is never ambiguous). */
function luxonOracle(weekday: Weekday, minute: number, zone: string, from: number, to: number): number[] {
  const out: number[] = [];
  let day = DateTime.fromMillis(from, { zone }).startOf('day').minus({ days: 1 });
  const end = DateTime.fromMillis(to, { zone }).plus({ days: 1 });
  for (; day <= end; day = day.plus({ days: 1 })) {
    if (day.weekday !== weekday) continue;
    const t = DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour: Math.floor(minute / 60), minute: minute % 60 },
      { zone },
    ).toMillis();
    if (t > from && t <= to) out.push(t);
  }
  return out;
}

// Windows start anywhere in 2026 (half of them within ten days of a DST change) and last up to ten weeks.
const CHANGES_2026 = [
  '2026-03-08T07:00:00Z',
  '2026-11-01T06:00:00Z',
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
].map(at);
const windowStart = fc.oneof(
  fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2026-12-31T00:00:00Z') }),
  fc
    .tuple(fc.constantFrom(...CHANGES_2026), fc.integer({ min: -10 * DAY, max: 10 * DAY }))
    .map(([c, d]) => c + d),
);
const windowLength = fc.integer({ min: 1, max: 70 * DAY });
const zone = fc.constantFrom(NY, LONDON);

describe('digestFireTimes properties', () => {
  it('fires Monday 08:00 local, once per week, exactly where Luxon says (400 runs)', () => {
    fc.assert(
      fc.property(zone, windowStart, windowLength, (z, from, length) => {
        const times = digestFireTimes(MONDAY_8, z, from, from + length);
        expect(times).toEqual(luxonOracle(1, 480, z, from, from + length));
        for (const t of times) {
          const wall = DateTime.fromMillis(t, { zone: z });
          expect([wall.weekday, wall.hour, wall.minute]).toEqual([1, 8, 0]);
        }
        for (let i = 1; i < times.length; i++) {
          const gap = (times[i] as number) - (times[i - 1] as number);
          // Seven local days: a week that contains a DST change is an hour shorter or longer.
          expect([7 * DAY - HOUR, 7 * DAY, 7 * DAY + HOUR]).toContain(gap);
        }
        // Once per week: as many fire times as Mondays 08:00 in the window, never two in one ISO week.
        expect(
          new Set(times.map((t) => DateTime.fromMillis(t, { zone: z }).toISOWeekDate()?.slice(0, 8))).size,
        ).toBe(times.length);
      }),
      { numRuns: 400 },
    );
  });

  it('splitting a window never loses or repeats a fire time (300 runs)', () => {
    fc.assert(
      fc.property(zone, windowStart, windowLength, windowLength, (z, from, a, b) => {
        const whole = digestFireTimes(MONDAY_8, z, from, from + a + b);
        const parts = [
          ...digestFireTimes(MONDAY_8, z, from, from + a),
          ...digestFireTimes(MONDAY_8, z, from + a, from + a + b),
        ];
        expect(parts).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('fires once per ISO week for any weekday and time, DST-skipped or repeated ones included (300 runs)', () => {
    const weekday = fc.integer({ min: 1, max: 7 }).map((d) => d as Weekday);
    const minute = fc.integer({ min: 0, max: 1439 });
    fc.assert(
      fc.property(zone, weekday, minute, windowStart, (z, d, m, from) => {
        // Eight whole weeks starting at a local Monday midnight hold exactly eight fire times.
        const monday = DateTime.fromMillis(from, { zone: z }).startOf('week');
        const end = monday.plus({ weeks: 8 });
        const times = digestFireTimes(
          { weekday: d, minute: m },
          z,
          monday.toMillis() - 1,
          end.toMillis() - 1,
        );
        expect(times).toHaveLength(8);
        for (const t of times) {
          const wall = DateTime.fromMillis(t, { zone: z });
          expect(wall.weekday).toBe(d);
          // On the wall clock at the scheduled minute, or just after a skipped stretch (at most an hour late).
          const late = wall.hour * 60 + wall.minute - m;
          expect(late === 0 || (late > 0 && late <= 60)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('eventBridgeCron', () => {
  it('writes the weekday and local time as an EventBridge Scheduler cron (the zone is set beside it)', () => {
    expect(eventBridgeCron(MONDAY_8)).toBe('cron(0 8 ? * MON *)');
    expect(eventBridgeCron({ weekday: 5, minute: 17 * 60 + 30 })).toBe('cron(30 17 ? * FRI *)');
    expect(eventBridgeCron({ weekday: 7, minute: 0 })).toBe('cron(0 0 ? * SUN *)');
  });
});

describe('digestWeekAt', () => {
  it('reports the ISO week that ended last in the zone', () => {
    expect(digestWeekAt(at('2026-11-16T13:00:00Z'), NY)).toBe('2026-W46'); // Mon 16 Nov 08:00 EST
    // Sunday 23:30 in New York is already Monday in UTC: still the week before last.
    expect(digestWeekAt(at('2026-11-16T04:30:00Z'), NY)).toBe('2026-W45');
    // Across a year: Monday 4 January 2027 reports 2026-W53.
    expect(digestWeekAt(at('2027-01-04T13:00:00Z'), NY)).toBe('2026-W53');
  });
});

describe('digestSendTime: when the digest of a week goes out', () => {
  it('is the first fire time after the week ends, in local time', () => {
    expect(local(digestSendTime(MONDAY_8, NY, '2026-W48'), NY)).toBe('Mon 2026-11-30 08:00 EST');
    // The week of the November change ends in EST, its digest goes out in EST.
    expect(local(digestSendTime(MONDAY_8, NY, '2026-W44'), NY)).toBe('Mon 2026-11-02 08:00 EST');
    const friday = { weekday: 5 as Weekday, minute: 17 * 60 };
    expect(local(digestSendTime(friday, NY, '2026-W48'), NY)).toBe('Fri 2026-12-04 17:00 EST');
  });

  it('counts a fire time exactly at the end of the week', () => {
    const midnight = { weekday: 1 as Weekday, minute: 0 };
    expect(local(digestSendTime(midnight, LONDON, '2026-W48'), LONDON)).toBe('Mon 2026-11-30 00:00 GMT');
  });
});
