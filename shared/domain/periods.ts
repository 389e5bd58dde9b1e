/**
 * Calendar-aligned periods (ISO week, month, quarter) in an IANA zone. A period runs from local
 * midnight of its first day to local midnight of the next period's first day, so its length in
 * milliseconds varies across DST. Which instant "local midnight" is follows `local-time.ts`.
 */
import type { DateTime } from 'luxon';
import { CodedError } from './coded-error.js';
import {
  dateOfDay,
  dayOfDate,
  type LocalDay,
  localDayContaining,
  startOfLocalDay,
  zoneNamed,
} from './local-time.js';
import type { Instant, Period, PeriodKind } from './model.js';

export class InvalidPeriodKeyError extends CodedError {
  readonly code = 'INVALID_PERIOD_KEY';
  constructor(readonly key: string) {
    super(
      `Invalid period key "${key}": expected YYYY-Www for an ISO week (2026-W48), ` +
        'YYYY-MM for a month (2026-11) or YYYY-Qn for a quarter (2026-Q4)',
    );
  }
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The first local day of the period of `kind` that contains `day`. */
function firstDayOf(kind: PeriodKind, day: LocalDay): DateTime<true> {
  // Luxon's `startOf('week')` is the ISO week (Monday) unless locale weeks are asked for.
  return dateOfDay(day).startOf(kind);
}

function keyOf(kind: PeriodKind, first: DateTime): string {
  switch (kind) {
    case 'week':
      // The ISO week-year, not the calendar year: 2024-12-30 starts 2025-W01.
      return `${pad(first.weekYear, 4)}-W${pad(first.weekNumber, 2)}`;
    case 'month':
      return `${pad(first.year, 4)}-${pad(first.month, 2)}`;
    case 'quarter':
      return `${pad(first.year, 4)}-Q${first.quarter}`;
  }
}

function periodStartingOn(kind: PeriodKind, first: DateTime<true>, zone: string): Period {
  const next = first.plus(kind === 'week' ? { weeks: 1 } : { months: kind === 'month' ? 1 : 3 });
  return {
    kind,
    key: keyOf(kind, first),
    zone,
    start: startOfLocalDay(dayOfDate(first), zone),
    end: startOfLocalDay(dayOfDate(next), zone),
  };
}

/** The period of `kind` containing `at`. */
export function periodOf(kind: PeriodKind, at: Instant, zone: string): Period {
  return periodStartingOn(kind, firstDayOf(kind, localDayContaining(at, zone)), zone);
}

const KEY_FORMATS: Array<[PeriodKind, RegExp]> = [
  ['week', /^(\d{4})-W(\d{2})$/],
  ['month', /^(\d{4})-(\d{2})$/],
  ['quarter', /^(\d{4})-Q([1-4])$/],
];

function parseKey(key: string): { kind: PeriodKind; first: DateTime<true> } | undefined {
  for (const [kind, pattern] of KEY_FORMATS) {
    const match = pattern.exec(key);
    if (!match) continue;
    const year = Number(match[1]);
    const n = Number(match[2]);
    const date = dateOfDay(0).set(
      kind === 'week'
        ? { weekYear: year, weekNumber: n, weekday: 1 }
        : { year, month: kind === 'month' ? n : 3 * n - 2, day: 1 },
    );
    // Luxon rolls out-of-range fields over (week 53 of a 52-week year, month 13); a key that
    // does not come back unchanged named a period that does not exist.
    if (!date.isValid || keyOf(kind, date) !== key) return undefined;
    return { kind, first: date };
  }
  return undefined;
}

/** The kind of a well-formed, existing period key; undefined otherwise. */
export function periodKindOfKey(key: string): PeriodKind | undefined {
  return parseKey(key)?.kind;
}

/** The period a key names (`2026-W48`, `2026-11`, `2026-Q4`) in `zone`. */
export function periodFromKey(key: string, zone: string): Period {
  zoneNamed(zone);
  const parsed = parseKey(key);
  if (!parsed) throw new InvalidPeriodKeyError(key);
  return periodStartingOn(parsed.kind, parsed.first, zone);
}

export function nextPeriod(period: Period): Period {
  return periodOf(period.kind, period.end, period.zone);
}

export function previousPeriod(period: Period): Period {
  return periodOf(period.kind, period.start - 1, period.zone);
}

/** Every period of `kind` overlapping [from, to), in order; none when `to <= from`. */
export function periodsBetween(kind: PeriodKind, from: Instant, to: Instant, zone: string): Period[] {
  const periods: Period[] = [];
  if (to <= from) return periods;
  for (let p = periodOf(kind, from, zone); p.start < to; p = nextPeriod(p)) periods.push(p);
  return periods;
}

/** The ISO week key (`2026-W48`) of the local week containing `at`. */
export function isoWeekKeyOf(at: Instant, zone: string): string {
  return periodOf('week', at, zone).key;
}
