/**
 * Business calendars: weekly open spans in local time, minus whole-day holidays.
 *
 * A span [start, end) on a local day covers the instants from `start` to `end` resolved by the
 * rule in `local-time.ts` (earliest instant whose wall clock reads that time or later). So a
 * span that meets a spring-forward gap loses the skipped time (01:00-03:00 on New York's
 * spring-forward day is 1 hour), and the repeated hour of a fall-back day counts once, inside
 * the span that reaches past it (00:00-24:00 on a 25-hour day is 25 hours).
 */

import { CodedError } from './coded-error.js';
import {
  instantAtLocal,
  isoDateOfDay,
  type LocalDay,
  localDayContaining,
  MINUTES_PER_DAY,
  startOfLocalDay,
  weekdayOfDay,
  zoneNamed,
} from './local-time.js';
import type { BusinessCalendar, Instant, LocalSpan, Weekday } from './model.js';

const HORIZON_YEARS = 10;
const HORIZON_DAYS = HORIZON_YEARS * 366;

export class CalendarNeverOpensError extends CodedError {
  readonly code = 'CALENDAR_NEVER_OPENS';
  constructor(readonly calendar: string) {
    super(`Calendar "${calendar}" has no open time within ${HORIZON_YEARS} years`);
  }
}

const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const ALL_DAY: LocalSpan = { start: 0, end: MINUTES_PER_DAY };

/** Open all day, every day, no holidays: business time equals wall time. */
export function alwaysOpenCalendar(zone: string): BusinessCalendar {
  zoneNamed(zone);
  const hours = Object.fromEntries(WEEKDAYS.map((d) => [d, [{ ...ALL_DAY }]]));
  return { name: 'always-open', zone, hours: hours as BusinessCalendar['hours'], holidays: [] };
}

type Interval = [Instant, Instant];

/**
 * The open intervals of each local day from `firstDay` on, in order, unclipped. Yields
 * `undefined` after each day so callers can count days without open time.
 */
function* openPerDay(calendar: BusinessCalendar, firstDay: LocalDay): Generator<Interval | undefined> {
  const { zone } = calendar;
  const holidays = new Set(calendar.holidays);
  for (let day = firstDay; ; day++) {
    if (!holidays.has(isoDateOfDay(day))) {
      for (const span of calendar.hours[weekdayOfDay(day)] ?? []) {
        const start = Math.max(0, span.start);
        const end = Math.min(MINUTES_PER_DAY, span.end);
        if (end <= start) continue;
        const from = instantAtLocal(day, start, zone);
        const to = instantAtLocal(day, end, zone);
        // A span entirely inside a spring-forward gap has no length.
        if (to > from) yield [from, to];
      }
    }
    yield undefined;
  }
}

/** The merged open [start, end) pieces of `calendar` clipped to [from, to). */
export function openIntervals(calendar: BusinessCalendar, from: Instant, to: Instant): Interval[] {
  const pieces: Interval[] = [];
  if (to <= from) return pieces;
  const firstDay = localDayContaining(from, calendar.zone);
  let day = firstDay;
  for (const piece of openPerDay(calendar, firstDay)) {
    if (piece === undefined) {
      day++;
      if (startOfLocalDay(day, calendar.zone) >= to) break;
      continue;
    }
    const start = Math.max(piece[0], from);
    const end = Math.min(piece[1], to);
    if (end <= start) continue;
    const last = pieces.at(-1);
    if (last && last[1] >= start) last[1] = Math.max(last[1], end);
    else pieces.push([start, end]);
  }
  return pieces;
}

export function isOpen(calendar: BusinessCalendar, at: Instant): boolean {
  return openIntervals(calendar, at, at + 1).length > 0;
}

/** Open time in [from, to); 0 when `to <= from`. */
export function businessMillisBetween(calendar: BusinessCalendar, from: Instant, to: Instant): number {
  let total = 0;
  for (const [start, end] of openIntervals(calendar, from, to)) total += end - start;
  return total;
}

/**
 * Walks the open intervals after `from` (clipped to start there) and returns the first for
 * which `accept` gives an instant. Throws when ten years pass without any open time.
 */
function walkOpen(
  calendar: BusinessCalendar,
  from: Instant,
  accept: (start: Instant, end: Instant) => Instant | undefined,
): Instant {
  let closedDays = 0;
  for (const piece of openPerDay(calendar, localDayContaining(from, calendar.zone))) {
    if (piece === undefined) {
      if (++closedDays > HORIZON_DAYS) throw new CalendarNeverOpensError(calendar.name);
      continue;
    }
    if (piece[1] <= from) continue;
    closedDays = 0;
    const found = accept(Math.max(piece[0], from), piece[1]);
    if (found !== undefined) return found;
  }
  throw new CalendarNeverOpensError(calendar.name);
}

/**
 * The earliest instant t >= from with exactly `ms` of open time in [from, t). `ms = 0` gives
 * `from` itself, even when the calendar is closed then.
 */
export function addBusinessMillis(calendar: BusinessCalendar, from: Instant, ms: number): Instant {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`Business time to add must be a finite, non-negative number of ms, got ${ms}`);
  }
  zoneNamed(calendar.zone);
  if (ms === 0) return from;
  let remaining = ms;
  return walkOpen(calendar, from, (start, end) => {
    if (remaining <= end - start) return start + remaining;
    remaining -= end - start;
    return undefined;
  });
}

/** `at` itself when the calendar is open then, else the start of the next open interval. */
export function nextOpenInstant(calendar: BusinessCalendar, at: Instant): Instant {
  return walkOpen(calendar, at, (start) => start);
}
