/**
 * Local days and wall-clock times in an IANA zone, resolved to instants.
 *
 * Every conversion between a zone's wall clock and an instant in the domain goes through this
 * file, using Luxon's zone offsets. One rule decides the awkward cases, deliberately:
 *
 *   A local time resolves to the EARLIEST instant at which the zone's wall clock reads that
 *   time or later.
 *
 * - A time that does not exist (skipped by a spring-forward jump) resolves to the instant the
 *   clocks jump, so the skipped stretch has no length: 01:00-03:00 on New York's spring-forward
 *   day is one hour long.
 * - A time that exists twice (fall-back) resolves to its first occurrence, so the repeated
 *   stretch belongs to whatever reaches past it: 00:00-24:00 on a 25-hour day is 25 hours and
 *   01:00-02:00 on New York's fall-back day is two hours, while 01:00-01:30 is half an hour.
 *
 * Luxon's own `DateTime.fromObject` is not used for this: for a repeated time it picks the
 * occurrence whose offset matches the *current* system time, which would make results depend
 * on when the code runs.
 */
import { DateTime, Info, type Zone } from 'luxon';
import { CodedError } from './coded-error.js';
import type { Instant, Weekday } from './model.js';

export class InvalidTimeZoneError extends CodedError {
  readonly code = 'INVALID_TIME_ZONE';
  constructor(readonly zone: string) {
    super(`Unknown time zone "${zone}": expected an IANA name such as America/New_York`);
  }
}

/** A local calendar date, as whole days since 1970-01-01 on the wall calendar (no zone). */
export type LocalDay = number;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
export const MINUTES_PER_DAY = 1440;

const zones = new Map<string, Zone>();

/** Luxon's zone for an IANA name (or a fixed `UTC±h`); never the machine's own zone. */
export function zoneNamed(name: string): Zone {
  const cached = zones.get(name);
  if (cached) return cached;
  const zone = Info.normalizeZone(name);
  // The system zone would make the pure core depend on the machine it runs on.
  if (!zone.isValid || zone.type === 'system') throw new InvalidTimeZoneError(name);
  zones.set(name, zone);
  return zone;
}

/** The wall clock at `at`, encoded as if it were UTC milliseconds. */
function wallAt(zone: Zone, at: Instant): number {
  return at + zone.offset(at) * MINUTE_MS;
}

/** The earliest instant at which the wall clock in `zoneName` reads `minute` on `day`, or later. */
export function instantAtLocal(day: LocalDay, minute: number, zoneName: string): Instant {
  const zone = zoneNamed(zoneName);
  const memo = memoFor(zoneName);
  const wall = day * DAY_MS + minute * MINUTE_MS;
  const known = memo.instants.get(wall);
  if (known !== undefined) return known;
  const resolved = resolveWall(zone, memo, wall);
  memo.instants.set(wall, resolved);
  return resolved;
}

// Calendars resolve the same few boundaries per day over and over (every evaluation of a
// month walks the same days), and a zone lookup costs microseconds; the memos are bounded
// so a long-running process cannot grow them.
const MEMO_LIMIT = 20_000;

interface ZoneMemo {
  instants: Map<number, Instant>;
  /** The zone's offset at UTC midnight of a day number. */
  dayOffsets: Map<number, number>;
}

const memos = new Map<string, ZoneMemo>();

function memoFor(zoneName: string): ZoneMemo {
  let memo = memos.get(zoneName);
  if (!memo) {
    memo = { instants: new Map(), dayOffsets: new Map() };
    memos.set(zoneName, memo);
  }
  if (memo.instants.size >= MEMO_LIMIT) memo.instants.clear();
  if (memo.dayOffsets.size >= MEMO_LIMIT) memo.dayOffsets.clear();
  return memo;
}

function offsetAtDay(zone: Zone, memo: ZoneMemo, day: number): number {
  let offset = memo.dayOffsets.get(day);
  if (offset === undefined) {
    offset = zone.offset(day * DAY_MS);
    memo.dayOffsets.set(day, offset);
  }
  return offset;
}

function resolveWall(zone: Zone, memo: ZoneMemo, wall: number): Instant {
  // Any instant showing `wall` lies within 14 hours of it, so inside the three UTC days
  // bracketed here. Real zones never change offset twice within three days, so the offsets at
  // the two ends are the only candidates, and equal offsets mean no change at all.
  const day = Math.floor(wall / DAY_MS);
  const offsetBefore = offsetAtDay(zone, memo, day - 1);
  const offsetAfter = offsetAtDay(zone, memo, day + 2);
  const before = wall - offsetBefore * MINUTE_MS;
  if (offsetBefore === offsetAfter) return before;
  const after = wall - offsetAfter * MINUTE_MS;
  const exact = [before, after].filter((t) => wallAt(zone, t) === wall);
  if (exact.length > 0) return Math.min(...exact);

  // In a gap: find the instant the clocks jumped, the first one whose wall time is past `wall`.
  let lo = Math.min(before, after);
  let hi = Math.max(before, after);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallAt(zone, mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The first instant of a local day. */
export function startOfLocalDay(day: LocalDay, zoneName: string): Instant {
  return instantAtLocal(day, 0, zoneName);
}

/**
 * The local day whose [start, next start) contains `at`. This is the day on the wall calendar,
 * except in the rare zones that fall back across midnight, where the repeated late evening
 * already belongs to the next day (its midnight came first).
 */
export function localDayContaining(at: Instant, zoneName: string): LocalDay {
  const day = Math.floor(wallAt(zoneNamed(zoneName), at) / DAY_MS);
  return at >= startOfLocalDay(day + 1, zoneName) ? day + 1 : day;
}

/** ISO weekday of a local day (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: LocalDay): Weekday {
  return (((((day + 3) % 7) + 7) % 7) + 1) as Weekday;
}

/** The calendar fields of a local day, as a UTC Luxon DateTime (pure calendar arithmetic). */
export function dateOfDay(day: LocalDay): DateTime<true> {
  return DateTime.fromMillis(day * DAY_MS, { zone: 'utc' }) as DateTime<true>;
}

export function dayOfDate(date: DateTime): LocalDay {
  return Math.floor(DateTime.utc(date.year, date.month, date.day).toMillis() / DAY_MS);
}

/** `YYYY-MM-DD` of a local day. */
export function isoDateOfDay(day: LocalDay): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
