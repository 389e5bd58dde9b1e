import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { InvalidTimeZoneError } from '../../../shared/domain/local-time.js';
import type { PeriodKind } from '../../../shared/domain/model.js';
import {
  InvalidPeriodKeyError,
  isoWeekKeyOf,
  nextPeriod,
  periodFromKey,
  periodKindOfKey,
  periodOf,
  periodsBetween,
  previousPeriod,
} from '../../../shared/domain/periods.js';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const LORD_HOWE = 'Australia/Lord_Howe';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An instant from an ISO local time in a zone (or with its own offset). */
const at = (iso: string, zone = 'UTC'): number => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number, zone: string): string =>
  DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? '';

describe('ISO weeks', () => {
  it('2026-W48 runs from Monday 23 November to Monday 30 November, New York midnight', () => {
    const week = periodFromKey('2026-W48', NY);
    expect(week).toEqual({
      kind: 'week',
      key: '2026-W48',
      zone: NY,
      start: at('2026-11-23T00:00:00-05:00'),
      end: at('2026-11-30T00:00:00-05:00'),
    });
    expect(periodOf('week', at('2026-11-26T12:00', NY), NY)).toEqual(week);
    expect(periodOf('week', at('2026-11-29T23:59:59.999', NY), NY)).toEqual(week);
    expect(isoWeekKeyOf(at('2026-11-30T00:00', NY), NY)).toBe('2026-W49');
  });

  it.each([
    ['2026-12-31', '2026-W53'], // 2026 starts on a Thursday, so it has 53 weeks
    ['2027-01-03', '2026-W53'], // Sunday of that week, already in the next calendar year
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'], // a Monday in December that starts the next week-year
    ['2025-12-29', '2026-W01'],
    ['2021-01-03', '2020-W53'],
    ['2028-01-02', '2027-W52'], // 2027 has only 52 weeks
  ])('%s at noon in New York is in %s', (date, key) => {
    expect(isoWeekKeyOf(at(`${date}T12:00`, NY), NY)).toBe(key);
  });

  it('uses the local date of the zone, not UTC', () => {
    // Monday 2027-01-04 03:00 UTC is still Sunday evening in New York.
    const instant = at('2027-01-04T03:00:00Z');
    expect(isoWeekKeyOf(instant, LONDON)).toBe('2027-W01');
    expect(isoWeekKeyOf(instant, NY)).toBe('2026-W53');
  });

  it('2026-W53 exists, 2027-W53 does not', () => {
    expect(local(periodFromKey('2026-W53', NY).start, NY)).toBe('2026-12-28T00:00:00-05:00');
    expect(() => periodFromKey('2027-W53', NY)).toThrow(InvalidPeriodKeyError);
    expect(nextPeriod(periodFromKey('2026-W53', NY)).key).toBe('2027-W01');
    expect(previousPeriod(periodFromKey('2026-W01', NY)).key).toBe('2025-W52');
  });

  it('a week holding the spring-forward Sunday is an hour short', () => {
    const week = periodFromKey('2026-W10', NY); // 2–9 March 2026, DST starts 8 March
    expect(week.end - week.start).toBe(7 * DAY - HOUR);
  });
});

describe('months and quarters', () => {
  it('2026-Q4 in New York starts at EDT midnight and ends at EST midnight', () => {
    const quarter = periodFromKey('2026-Q4', NY);
    expect(local(quarter.start, NY)).toBe('2026-10-01T00:00:00-04:00');
    expect(local(quarter.end, NY)).toBe('2027-01-01T00:00:00-05:00');
    expect(quarter.end - quarter.start).toBe(92 * DAY + HOUR);
    expect(periodOf('quarter', at('2026-11-18T10:00', NY), NY).key).toBe('2026-Q4');
    expect(nextPeriod(quarter).key).toBe('2027-Q1');
    expect(previousPeriod(quarter).key).toBe('2026-Q3');
  });

  it.each([
    [NY, '2026-03', 31 * DAY - HOUR, '2026-03-01T00:00:00-05:00', '2026-04-01T00:00:00-04:00'],
    [NY, '2026-11', 30 * DAY + HOUR, '2026-11-01T00:00:00-04:00', '2026-12-01T00:00:00-05:00'],
    [LONDON, '2026-03', 31 * DAY - HOUR, '2026-03-01T00:00:00+00:00', '2026-04-01T00:00:00+01:00'],
    [LONDON, '2026-10', 31 * DAY + HOUR, '2026-10-01T00:00:00+01:00', '2026-11-01T00:00:00+00:00'],
    // Lord Howe Island moves its clocks by half an hour.
    [LORD_HOWE, '2026-04', 30 * DAY + HOUR / 2, '2026-04-01T00:00:00+11:00', '2026-05-01T00:00:00+10:30'],
    [LORD_HOWE, '2026-10', 31 * DAY - HOUR / 2, '2026-10-01T00:00:00+10:30', '2026-11-01T00:00:00+11:00'],
    ['Asia/Kolkata', '2026-11', 30 * DAY, '2026-11-01T00:00:00+05:30', '2026-12-01T00:00:00+05:30'],
  ])('%s %s lasts %d ms from local midnight to local midnight', (zone, key, length, start, end) => {
    const month = periodFromKey(key, zone);
    expect(month.end - month.start).toBe(length);
    expect(local(month.start, zone)).toBe(start);
    expect(local(month.end, zone)).toBe(end);
  });

  it('follows months and weeks over the turn of the year', () => {
    expect(nextPeriod(periodFromKey('2026-12', NY)).key).toBe('2027-01');
    expect(previousPeriod(periodFromKey('2027-01', NY)).key).toBe('2026-12');
    expect(previousPeriod(periodFromKey('2027-Q1', NY)).key).toBe('2026-Q4');
  });
});

describe('period keys', () => {
  it.each([
    ['2026-W48', 'week'],
    ['2026-11', 'month'],
    ['2026-Q4', 'quarter'],
    ['2026-W53', 'week'],
  ] as Array<[string, PeriodKind]>)('%s is a %s', (key, kind) => {
    expect(periodKindOfKey(key)).toBe(kind);
    expect(periodFromKey(key, NY).key).toBe(key);
  });

  it.each([
    '2026-W00',
    '2027-W53',
    '2026-W5',
    '2026-w48',
    '2026-13',
    '2026-00',
    '2026-Q0',
    '2026-Q5',
    '2026-11-01',
    '26-11',
    '',
    'next month',
  ])('rejects %j, naming the formats it expects', (key) => {
    expect(periodKindOfKey(key)).toBeUndefined();
    let thrown: unknown;
    try {
      periodFromKey(key, NY);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidPeriodKeyError);
    const error = thrown as InvalidPeriodKeyError;
    expect(error.code).toBe('INVALID_PERIOD_KEY');
    expect(error.message).toContain(`"${key}"`);
    expect(error.message).toMatch(/YYYY-Www.*YYYY-MM.*YYYY-Qn/);
  });

  it('rejects an unknown time zone', () => {
    expect(() => periodFromKey('2026-11', 'Mars/Olympus_Mons')).toThrow(InvalidTimeZoneError);
    expect(() => periodOf('month', 0, 'Mars/Olympus_Mons')).toThrow(/Unknown time zone/);
  });
});

describe('periodsBetween', () => {
  it('lists every month overlapping [from, to)', () => {
    const keys = periodsBetween('month', at('2026-11-15T00:00', NY), at('2027-01-01T00:00', NY), NY).map(
      (p) => p.key,
    );
    expect(keys).toEqual(['2026-11', '2026-12']); // `to` is the start of January: not included
  });

  it('includes a period that `to` just reaches into', () => {
    const keys = periodsBetween(
      'week',
      at('2026-11-01T00:00', NY),
      at('2026-11-16T00:00:00.001', NY),
      NY,
    ).map((p) => p.key);
    expect(keys).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47']);
  });

  it('is empty for an empty or reversed range', () => {
    const instant = at('2026-11-15T00:00', NY);
    expect(periodsBetween('quarter', instant, instant, NY)).toEqual([]);
    expect(periodsBetween('quarter', instant, instant - 1, NY)).toEqual([]);
  });
});
