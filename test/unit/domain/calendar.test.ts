import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMillis,
  alwaysOpenCalendar,
  businessMillisBetween,
  CalendarNeverOpensError,
  isOpen,
  nextOpenInstant,
  openIntervals,
} from '../../../shared/domain/calendar.js';
import type { BusinessCalendar, LocalSpan } from '../../../shared/domain/model.js';
import { periodFromKey } from '../../../shared/domain/periods.js';

const NY = 'America/New_York';
const HOUR = 3_600_000;

const at = (iso: string, zone = NY): number => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number, zone = NY): string =>
  DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? '';
const hm = (from: string, to: string): LocalSpan => {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  return { start: minutes(from), end: minutes(to) };
};

function calendar(
  weekdays: LocalSpan[],
  options: { weekend?: LocalSpan[]; holidays?: string[]; zone?: string } = {},
): BusinessCalendar {
  const weekend = options.weekend ?? [];
  return {
    name: 'business',
    zone: options.zone ?? NY,
    hours: { 1: weekdays, 2: weekdays, 3: weekdays, 4: weekdays, 5: weekdays, 6: weekend, 7: weekend },
    holidays: options.holidays ?? [],
  };
}

/** Mon–Fri 08:00–18:00 in New York, Thanksgiving off: the product brief's example. */
const business = calendar([hm('08:00', '18:00')], { holidays: ['2026-11-26', '2026-12-25'] });

describe('business time in November 2026 (New York, Mon–Fri 08–18, Thanksgiving off)', () => {
  const november = periodFromKey('2026-11', NY);

  it('has 200 business hours: 21 working days minus Thanksgiving, 10 hours each', () => {
    expect(businessMillisBetween(business, november.start, november.end)).toBe(200 * HOUR);
  });

  it('has 122 hours behind it on Wednesday the 18th at 10:00, a 0.61 share', () => {
    const now = at('2026-11-18T10:00:00-05:00');
    const elapsed = businessMillisBetween(business, november.start, now);
    expect(elapsed).toBe(122 * HOUR);
    expect(elapsed / businessMillisBetween(business, november.start, november.end)).toBeCloseTo(0.61, 10);
  });

  it('counts nothing for an empty or reversed range', () => {
    expect(businessMillisBetween(business, november.end, november.start)).toBe(0);
    expect(openIntervals(business, november.end, november.end)).toEqual([]);
  });
});

describe('due times and the next open hour', () => {
  it('puts a 24-business-hour deadline past the weekend and Thanksgiving', () => {
    // Wed 15–18 (3h), Thu holiday, Fri 08–18 (10h), weekend, Mon 08–18 (10h), Tue 08–09 (1h).
    const due = addBusinessMillis(business, at('2026-11-25T15:00'), 24 * HOUR);
    expect(local(due)).toBe('2026-12-01T09:00:00-05:00');
  });

  it('ends exactly at closing time when the hours run out there', () => {
    expect(local(addBusinessMillis(business, at('2026-11-20T08:00'), 10 * HOUR))).toBe(
      '2026-11-20T18:00:00-05:00',
    );
  });

  it('returns `from` itself for zero business time, even when closed', () => {
    const saturday = at('2026-11-21T12:00');
    expect(addBusinessMillis(business, saturday, 0)).toBe(saturday);
  });

  it('refuses negative business time', () => {
    expect(() => addBusinessMillis(business, 0, -1)).toThrow(RangeError);
  });

  it('sends a Friday evening to Monday 08:00', () => {
    expect(local(nextOpenInstant(business, at('2026-11-20T19:00')))).toBe('2026-11-23T08:00:00-05:00');
  });

  it('skips a holiday and stays put when already open', () => {
    expect(local(nextOpenInstant(business, at('2026-11-25T18:00')))).toBe('2026-11-27T08:00:00-05:00');
    expect(nextOpenInstant(business, at('2026-11-24T09:30'))).toBe(at('2026-11-24T09:30'));
    expect(isOpen(business, at('2026-11-24T08:00'))).toBe(true);
    expect(isOpen(business, at('2026-11-24T18:00'))).toBe(false);
    expect(isOpen(business, at('2026-11-26T12:00'))).toBe(false);
  });

  it('throws CalendarNeverOpensError for a calendar with no hours', () => {
    const closed = calendar([]);
    expect(() => nextOpenInstant(closed, 0)).toThrow(CalendarNeverOpensError);
    expect(() => addBusinessMillis(closed, 0, HOUR)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_NEVER_OPENS' }),
    );
  });
});

describe('several spans a day (09:00–12:00, 13:00–17:00)', () => {
  const split = calendar([hm('09:00', '12:00'), hm('13:00', '17:00')]);

  it('has 7 open hours on a weekday, as two pieces', () => {
    const day = [at('2026-11-24T00:00'), at('2026-11-25T00:00')] as const;
    expect(businessMillisBetween(split, ...day)).toBe(7 * HOUR);
    expect(openIntervals(split, ...day).map(([s, e]) => [local(s), local(e)])).toEqual([
      ['2026-11-24T09:00:00-05:00', '2026-11-24T12:00:00-05:00'],
      ['2026-11-24T13:00:00-05:00', '2026-11-24T17:00:00-05:00'],
    ]);
  });

  it('is closed over lunch, and lunch does not count', () => {
    expect(isOpen(split, at('2026-11-24T12:00'))).toBe(false);
    expect(local(nextOpenInstant(split, at('2026-11-24T12:15')))).toBe('2026-11-24T13:00:00-05:00');
    expect(local(addBusinessMillis(split, at('2026-11-24T11:00'), 2 * HOUR))).toBe(
      '2026-11-24T14:00:00-05:00',
    );
  });

  it('clips pieces to the range asked for', () => {
    expect(openIntervals(split, at('2026-11-24T10:00'), at('2026-11-24T14:00'))).toEqual([
      [at('2026-11-24T10:00'), at('2026-11-24T12:00')],
      [at('2026-11-24T13:00'), at('2026-11-24T14:00')],
    ]);
  });

  it('merges spans that touch, within a day and across midnight', () => {
    const touching = calendar([hm('09:00', '12:00'), hm('12:00', '24:00')], {
      weekend: [hm('00:00', '24:00')],
    });
    // Friday 09:00 until Monday 00:00 is one open stretch (Sat, Sun open all day).
    expect(openIntervals(touching, at('2026-11-20T00:00'), at('2026-11-23T10:00'))).toEqual([
      [at('2026-11-20T09:00'), at('2026-11-23T00:00')],
      [at('2026-11-23T09:00'), at('2026-11-23T10:00')],
    ]);
  });
});

describe('days where the clocks change (New York)', () => {
  const everyDay = (span: LocalSpan) => calendar([span], { weekend: [span] });
  const day = (date: string, zone = NY) =>
    [at(`${date}T00:00`, zone), at(`${date}T00:00`, zone) + 2 * 24 * HOUR] as const;

  it('counts a whole spring-forward day as 23 hours and a fall-back day as 25', () => {
    const allDay = everyDay(hm('00:00', '24:00'));
    expect(businessMillisBetween(allDay, at('2026-03-08T00:00'), at('2026-03-09T00:00'))).toBe(23 * HOUR);
    expect(businessMillisBetween(allDay, at('2026-11-01T00:00'), at('2026-11-02T00:00'))).toBe(25 * HOUR);
  });

  it('gives 01:00–03:00 one hour on the spring-forward day (02:00–03:00 never happens)', () => {
    const night = calendar([], { weekend: [hm('01:00', '03:00')] });
    expect(businessMillisBetween(night, ...day('2026-03-08'))).toBe(HOUR);
    expect(openIntervals(night, ...day('2026-03-08'))).toEqual([
      [at('2026-03-08T01:00'), at('2026-03-08T03:00')],
    ]);
  });

  it('starts a span that opens inside the gap at the jump', () => {
    const late = calendar([], { weekend: [hm('02:30', '05:00')] });
    expect(openIntervals(late, ...day('2026-03-08'))).toEqual([
      [at('2026-03-08T07:00:00Z', 'UTC'), at('2026-03-08T05:00')],
    ]);
    expect(local(at('2026-03-08T07:00:00Z', 'UTC'))).toBe('2026-03-08T03:00:00-04:00');
  });

  it('gives the repeated hour of the fall-back day to the span that reaches past it', () => {
    const oneToTwo = calendar([], { weekend: [hm('01:00', '02:00')] });
    expect(businessMillisBetween(oneToTwo, ...day('2026-11-01'))).toBe(2 * HOUR);
    // A span ending inside the repeated hour ends at its first occurrence.
    const oneToHalfPast = calendar([], { weekend: [hm('01:00', '01:30')] });
    expect(openIntervals(oneToHalfPast, ...day('2026-11-01'))).toEqual([
      [at('2026-11-01T01:00:00-04:00', 'UTC'), at('2026-11-01T01:30:00-04:00', 'UTC')],
    ]);
  });

  it('keeps office hours at 10 hours on both change-over weeks', () => {
    const sundayOpen = calendar([hm('08:00', '18:00')], { weekend: [hm('08:00', '18:00')] });
    expect(businessMillisBetween(sundayOpen, ...day('2026-03-08'))).toBe(20 * HOUR);
    expect(businessMillisBetween(sundayOpen, ...day('2026-11-01'))).toBe(20 * HOUR);
  });

  it('handles a half-hour shift on Lord Howe Island', () => {
    const zone = 'Australia/Lord_Howe';
    const allDay = calendar([hm('00:00', '24:00')], { weekend: [hm('00:00', '24:00')], zone });
    const length = (date: string, next: string) =>
      businessMillisBetween(allDay, at(`${date}T00:00`, zone), at(`${next}T00:00`, zone));
    expect(length('2026-10-04', '2026-10-05')).toBe(23.5 * HOUR);
    expect(length('2026-04-05', '2026-04-06')).toBe(24.5 * HOUR);
    expect(length('2026-04-06', '2026-04-07')).toBe(24 * HOUR);
  });
});

describe('alwaysOpenCalendar', () => {
  it('makes business time wall time, across a 23-hour day', () => {
    const always = alwaysOpenCalendar(NY);
    const from = at('2026-03-07T12:00');
    const to = at('2026-03-09T12:00');
    expect(businessMillisBetween(always, from, to)).toBe(47 * HOUR);
    expect(addBusinessMillis(always, from, 47 * HOUR)).toBe(to);
    expect(nextOpenInstant(always, from)).toBe(from);
    expect(openIntervals(always, from, to)).toEqual([[from, to]]);
  });
});
