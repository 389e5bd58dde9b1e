/**
 * Property tests for the time math: random instants over 2025–2028 (half of them within two
 * days of a clock change), random calendars, in four zones that between them have DST in
 * either hemisphere, a half-hour DST shift, and a half-hour offset without DST.
 */
import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMillis,
  alwaysOpenCalendar,
  businessMillisBetween,
  isOpen,
  nextOpenInstant,
  openIntervals,
} from '../../../shared/domain/calendar.js';
import type { BusinessCalendar, LocalSpan, PeriodKind, Weekday } from '../../../shared/domain/model.js';
import {
  nextPeriod,
  periodFromKey,
  periodKindOfKey,
  periodOf,
  periodsBetween,
  previousPeriod,
} from '../../../shared/domain/periods.js';

const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FIRST = Date.UTC(2025, 0, 1);
const LAST = Date.UTC(2029, 0, 1);

/** Where each zone's offset changes in 2025–2028, to the hour (found with Luxon, not our code). */
const transitions = new Map(
  ZONES.map((name) => {
    const zone = IANAZone.create(name);
    const found: number[] = [];
    for (let t = FIRST; t < LAST; t += HOUR) if (zone.offset(t) !== zone.offset(t + HOUR)) found.push(t);
    return [name, found];
  }),
);

function instantIn(zone: string): fc.Arbitrary<number> {
  const uniform = fc.integer({ min: FIRST, max: LAST });
  const changes = transitions.get(zone) ?? [];
  if (changes.length === 0) return uniform;
  const nearChange = fc
    .tuple(fc.constantFrom(...changes), fc.integer({ min: -2 * DAY, max: 2 * DAY }))
    .map(([t, delta]) => t + delta);
  // Whole minutes too, so instants land exactly on span boundaries sometimes.
  return fc.oneof(uniform, nearChange).chain((t) => fc.constantFrom(t, t - (t % MINUTE)));
}

const boundary = fc.oneof(
  fc.integer({ min: 0, max: 1440 }),
  fc.constantFrom(0, 60, 90, 120, 150, 180, 480, 1440),
);
const daySpans: fc.Arbitrary<LocalSpan[]> = fc.oneof(
  fc.constant<LocalSpan[]>([]),
  fc.constant<LocalSpan[]>([{ start: 0, end: 1440 }]),
  fc.uniqueArray(boundary, { minLength: 2, maxLength: 6 }).map((minutes) => {
    const sorted = [...minutes].sort((a, b) => a - b);
    const spans: LocalSpan[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2)
      spans.push({ start: sorted[i] ?? 0, end: sorted[i + 1] ?? 0 });
    return spans;
  }),
);
const holidays = fc.uniqueArray(
  fc
    .integer({ min: 0, max: 4 * 366 })
    .map((d) => DateTime.fromMillis(FIRST + d * DAY, { zone: 'UTC' }).toISODate()),
  { maxLength: 30 },
);

function calendarIn(zone: string): fc.Arbitrary<BusinessCalendar> {
  return fc
    .record({ week: fc.array(daySpans, { minLength: 7, maxLength: 7 }), holidays })
    .filter(({ week }) => week.some((spans) => spans.length > 0))
    .map(({ week, holidays }) => ({
      name: 'random',
      zone,
      hours: Object.fromEntries(week.map((spans, i) => [i + 1, spans])) as Record<Weekday, LocalSpan[]>,
      holidays: holidays.filter((h): h is string => h !== null),
    }));
}

const zone = fc.constantFrom(...ZONES);
const kind = fc.constantFrom<PeriodKind>('week', 'month', 'quarter');
const RUNS = { numRuns: 200 };
const sorted = (...xs: number[]) => [...xs].sort((a, b) => a - b);

describe('business time', () => {
  it('is additive: bt(a, c) = bt(a, b) + bt(b, c)', () => {
    const scenario = zone.chain((z) => fc.tuple(calendarIn(z), instantIn(z), instantIn(z), instantIn(z)));
    fc.assert(
      fc.property(scenario, ([calendar, x, y, z]) => {
        const [a, b, c] = sorted(x, y, z) as [number, number, number];
        expect(businessMillisBetween(calendar, a, c)).toBe(
          businessMillisBetween(calendar, a, b) + businessMillisBetween(calendar, b, c),
        );
      }),
      RUNS,
    );
  });

  it('round-trips addBusinessMillis, landing on the earliest such instant', () => {
    const scenario = zone.chain((z) =>
      fc.tuple(calendarIn(z), instantIn(z), fc.integer({ min: 0, max: 400 * HOUR })),
    );
    fc.assert(
      fc.property(scenario, ([calendar, from, ms]) => {
        const due = addBusinessMillis(calendar, from, ms);
        expect(due).toBeGreaterThanOrEqual(from);
        expect(businessMillisBetween(calendar, from, due)).toBe(ms);
        if (ms > 0) expect(businessMillisBetween(calendar, from, due - 1)).toBe(ms - 1);
      }),
      RUNS,
    );
  });

  it('is the sum of openIntervals, which are sorted, merged, clipped and open', () => {
    const scenario = zone.chain((z) => fc.tuple(calendarIn(z), instantIn(z), instantIn(z)));
    fc.assert(
      fc.property(scenario, ([calendar, x, y]) => {
        const [from, to] = sorted(x, y) as [number, number];
        const pieces = openIntervals(calendar, from, to);
        let sum = 0;
        let previousEnd = Number.NEGATIVE_INFINITY;
        const wrong: string[] = [];
        for (const [i, [start, end]] of pieces.entries()) {
          // Strictly after the previous end: touching pieces must have been merged.
          if (!(previousEnd < start && start < end && from <= start && end <= to)) wrong.push(`piece ${i}`);
          // isOpen walks a day per call: probe the first and last pieces, not years of them.
          if (i < 8 || i >= pieces.length - 8) {
            if (!isOpen(calendar, start) || !isOpen(calendar, end - 1)) wrong.push(`piece ${i} closed`);
            if (end < to && isOpen(calendar, end)) wrong.push(`open after piece ${i}`);
          }
          sum += end - start;
          previousEnd = end;
        }
        expect(wrong).toEqual([]);
        expect(businessMillisBetween(calendar, from, to)).toBe(sum);
      }),
      RUNS,
    );
  });

  it('finds the next open instant with no business time before it', () => {
    const scenario = zone.chain((z) => fc.tuple(calendarIn(z), instantIn(z)));
    fc.assert(
      fc.property(scenario, ([calendar, at]) => {
        const next = nextOpenInstant(calendar, at);
        expect(next).toBeGreaterThanOrEqual(at);
        expect(isOpen(calendar, next)).toBe(true);
        expect(businessMillisBetween(calendar, at, next)).toBe(0);
        expect(next === at).toBe(isOpen(calendar, at));
      }),
      RUNS,
    );
  });

  it('agrees with a minute-by-minute count of wall-clock times (outside repeated hours)', () => {
    const scenario = zone.chain((z) =>
      fc.tuple(calendarIn(z), instantIn(z), fc.integer({ min: 0, max: 2 * 24 * 60 })),
    );
    fc.assert(
      fc.property(scenario, ([calendar, at, minutes]) => {
        const from = at - (at % MINUTE);
        const to = from + minutes * MINUTE;
        const zone = IANAZone.create(calendar.zone);
        // In a repeated hour a wall time names two instants; calendar.ts documents which counts.
        fc.pre(zone.offset(from) <= zone.offset(to));
        const closed = new Set(calendar.holidays);
        let open = 0;
        for (let t = from; t < to; t += MINUTE) {
          const wall = DateTime.fromMillis(t, { zone: calendar.zone });
          const minute = wall.hour * 60 + wall.minute;
          const spans = calendar.hours[wall.weekday as Weekday];
          if (!closed.has(wall.toISODate() ?? '') && spans.some((s) => s.start <= minute && minute < s.end))
            open++;
        }
        expect(businessMillisBetween(calendar, from, to)).toBe(open * MINUTE);
      }),
      RUNS,
    );
  });

  it('equals wall time on the always-open calendar, across 23- and 25-hour days', () => {
    const scenario = zone.chain((z) => fc.tuple(fc.constant(z), instantIn(z), instantIn(z)));
    fc.assert(
      fc.property(scenario, ([zone, x, y]) => {
        const [from, to] = sorted(x, y) as [number, number];
        const always = alwaysOpenCalendar(zone);
        expect(businessMillisBetween(always, from, to)).toBe(to - from);
        expect(addBusinessMillis(always, from, to - from)).toBe(to);
        expect(nextOpenInstant(always, from)).toBe(from);
      }),
      RUNS,
    );
  });

  it('gives a whole local day its true length: 24 h plus or minus the clock change', () => {
    const scenario = zone.chain((z) => fc.tuple(fc.constant(z), instantIn(z)));
    fc.assert(
      fc.property(scenario, ([zone, at]) => {
        const midnight = DateTime.fromMillis(at, { zone }).startOf('day');
        const next = midnight.plus({ days: 1 });
        const length = next.toMillis() - midnight.toMillis();
        expect(length).toBe(DAY + (midnight.offset - next.offset) * MINUTE);
        expect(businessMillisBetween(alwaysOpenCalendar(zone), midnight.toMillis(), next.toMillis())).toBe(
          length,
        );
        const weekdayAllDay: BusinessCalendar = {
          ...alwaysOpenCalendar(zone),
          hours: {
            1: [],
            2: [],
            3: [],
            4: [],
            5: [],
            6: [],
            7: [],
            [midnight.weekday]: [{ start: 0, end: 1440 }],
          },
        };
        expect(businessMillisBetween(weekdayAllDay, at - 2 * DAY, at + 2 * DAY)).toBe(length);
      }),
      RUNS,
    );
  });
});

describe('periods', () => {
  it('tile the timeline: each instant is in exactly the period its key names', () => {
    const scenario = fc
      .tuple(zone, kind)
      .chain(([z, k]) => fc.tuple(fc.constant(z), fc.constant(k), instantIn(z)));
    fc.assert(
      fc.property(scenario, ([zone, kind, at]) => {
        const period = periodOf(kind, at, zone);
        expect(period.start).toBeLessThanOrEqual(at);
        expect(at).toBeLessThan(period.end);
        expect(periodKindOfKey(period.key)).toBe(kind);
        expect(periodFromKey(period.key, zone)).toEqual(period);
        expect(periodOf(kind, period.start, zone)).toEqual(period);
        expect(periodOf(kind, period.end - 1, zone)).toEqual(period);

        const next = nextPeriod(period);
        expect(next.start).toBe(period.end);
        expect(next.key).not.toBe(period.key);
        expect(periodOf(kind, next.start, zone)).toEqual(next);
        expect(previousPeriod(next)).toEqual(period);
      }),
      { numRuns: 300 },
    );
  });

  it('start at local midnight of the right first day, checked with Luxon', () => {
    const scenario = fc
      .tuple(zone, kind)
      .chain(([z, k]) => fc.tuple(fc.constant(z), fc.constant(k), instantIn(z)));
    const days = { week: [7, 7], month: [28, 31], quarter: [90, 92] };
    fc.assert(
      fc.property(scenario, ([zone, kind, at]) => {
        const period = periodOf(kind, at, zone);
        const expected = DateTime.fromMillis(at, { zone }).startOf(kind);
        expect(period.start).toBe(expected.toMillis());
        const key = {
          week: expected.toFormat("kkkk-'W'WW"),
          month: expected.toFormat('yyyy-MM'),
          quarter: `${expected.year}-Q${expected.quarter}`,
        }[kind];
        expect(period.key).toBe(key);
        const end = DateTime.fromMillis(period.end, { zone });
        const wholeDays = (period.end - period.start - (expected.offset - end.offset) * MINUTE) / DAY;
        const [min, max] = days[kind];
        expect(Number.isInteger(wholeDays) && wholeDays >= (min ?? 0) && wholeDays <= (max ?? 0)).toBe(true);
      }),
      RUNS,
    );
  });

  it('periodsBetween lists consecutive periods covering [from, to)', () => {
    const scenario = fc
      .tuple(zone, kind)
      .chain(([z, k]) => fc.tuple(fc.constant(z), fc.constant(k), instantIn(z), instantIn(z)));
    fc.assert(
      fc.property(scenario, ([zone, kind, x, y]) => {
        const [from, to] = sorted(x, y) as [number, number];
        const periods = periodsBetween(kind, from, to, zone);
        if (from === to) {
          expect(periods).toEqual([]);
          return;
        }
        expect(periods[0]).toEqual(periodOf(kind, from, zone));
        expect(periods.at(-1)).toEqual(periodOf(kind, to - 1, zone));
        for (let i = 1; i < periods.length; i++)
          expect(periods[i]).toEqual(nextPeriod(periods[i - 1] as never));
      }),
      RUNS,
    );
  });
});
