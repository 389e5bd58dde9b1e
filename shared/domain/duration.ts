/**
 * Durations as people write them in the config (`30m`, `8h`, `1d`, `1h30m`, ISO `PT8H`).
 *
 * A day is always 24 hours and a week 7 days of *elapsed* time: when a commitment has a
 * calendar, the rules that consume these durations count them in business time, so `1d`
 * there means 24 business hours, not "tomorrow". Months and years are refused because their
 * length varies.
 */
import { CodedError } from './coded-error.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const ACCEPTED_FORMS = '30m, 8h, 1d (= 24h), 1w, 1h30m, 90s or ISO-8601 such as PT8H, PT1H30M, P1D';

export class InvalidDurationError extends CodedError {
  readonly code = 'INVALID_DURATION';

  constructor(
    readonly text: string,
    reason?: string,
  ) {
    super(reason ?? `'${text}' is not a duration; write it like ${ACCEPTED_FORMS}`);
  }
}

/** Largest unit first, so that `1h30m` is accepted and `30m1h` is not. */
const COMPACT_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['w', WEEK],
  ['d', DAY],
  ['h', HOUR],
  ['m', MINUTE],
  ['s', SECOND],
  ['ms', 1],
];

const COMPACT = /^(?:\d+(?:ms|w|d|h|m|s))+$/;
const COMPACT_PART = /(\d+)(ms|w|d|h|m|s)/g;
const ISO = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;
const ISO_CALENDAR_UNITS = /^P(?:\d+Y)?(?:\d+M)?/;

const MAX_DURATION_MS = 3650 * 24 * 3600_000;

/** Milliseconds in a written duration; throws InvalidDurationError naming the accepted forms. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '')
    throw new InvalidDurationError(text, `a duration must not be empty; write it like ${ACCEPTED_FORMS}`);
  const ms = COMPACT.test(trimmed) ? parseCompact(trimmed, text) : parseIso(trimmed.toUpperCase(), text);
  // Nothing in an agreement waits longer than ten years, and a larger value would not make a date.
  if (!Number.isSafeInteger(ms) || ms > MAX_DURATION_MS)
    throw new InvalidDurationError(
      text,
      `'${text}' is too long to be a duration; the longest is 10 years (3650d)`,
    );
  return ms;
}

function parseCompact(trimmed: string, original: string): number {
  let total = 0;
  let lastRank = -1;
  for (const match of trimmed.matchAll(COMPACT_PART)) {
    const unit = match[2] as string;
    const rank = COMPACT_UNITS.findIndex(([name]) => name === unit);
    if (rank <= lastRank) {
      throw new InvalidDurationError(
        original,
        `'${original}' lists its units out of order or twice; write the largest first, like 1h30m`,
      );
    }
    lastRank = rank;
    total += Number(match[1]) * (COMPACT_UNITS[rank] as readonly [string, number])[1];
  }
  return total;
}

function parseIso(upper: string, original: string): number {
  const match = ISO.exec(upper);
  if (match === null || upper === 'P' || upper.endsWith('T')) {
    if (upper.startsWith('P') && ISO_CALENDAR_UNITS.exec(upper)?.[0] !== 'P') {
      throw new InvalidDurationError(
        original,
        `'${original}' uses months or years, which vary in length; use days or weeks (P30D, P4W)`,
      );
    }
    throw new InvalidDurationError(original);
  }
  const [, weeks, days, hours, minutes, seconds] = match;
  return (
    Number(weeks ?? 0) * WEEK +
    Number(days ?? 0) * DAY +
    Number(hours ?? 0) * HOUR +
    Number(minutes ?? 0) * MINUTE +
    Math.round(Number(seconds ?? 0) * SECOND)
  );
}

const FORMAT_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', DAY],
  ['h', HOUR],
  ['m', MINUTE],
  ['s', SECOND],
  ['ms', 1],
];

/**
 * The compact form of a duration (`8h`, `1h30m`, `2d`), which parseDuration reads back exactly.
 * Weeks are shown as days (`10d` reads better than `1w3d`).
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new RangeError(`formatDuration needs a whole, non-negative number of milliseconds, got ${ms}`);
  }
  if (ms === 0) return '0m';
  let rest = ms;
  let text = '';
  for (const [unit, size] of FORMAT_UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text;
}
