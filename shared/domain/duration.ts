/**
 * Durations as people write them in the config (`30m`, `8h`, `1d`, `1h30m`, ISO `PT8H`), and
 * spans that may also count business days (`2bd`, `1bd4h`).
 *
 * `d` is always 24 hours and `w` 7 days of whatever clock the rule counts: escalation counts
 * business time when a commitment has a calendar, so `1d` there is 24 business hours (about
 * 2.4 days of a 10-hour calendar). `bd` is one business day of the calendar, however long that
 * day is open; it has no fixed length, so only the rules that know a calendar (escalation
 * `after`, snooze) accept it. Months and years are refused because their length varies.
 */
import { CodedError } from './coded-error.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const ACCEPTED_FORMS = '30m, 8h, 1d (= 24h), 1w, 1h30m, 90s or ISO-8601 such as PT8H, PT1H30M, P1D';
const SPAN_FORMS = `2bd (business days), 1bd4h, ${ACCEPTED_FORMS}`;

export class InvalidDurationError extends CodedError {
  readonly code = 'INVALID_DURATION';

  constructor(
    readonly text: string,
    reason?: string,
    forms = ACCEPTED_FORMS,
  ) {
    super(reason ?? `'${text}' is not a duration; write it like ${forms}`);
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
const BUSINESS_DAYS = /^(\d+)bd(.*)$/i;
const COMPACT_PART = /(\d+)(ms|w|d|h|m|s)/g;
const ISO = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;
const ISO_CALENDAR_UNITS = /^P(?:\d+Y)?(?:\d+M)?/;

const MAX_DURATION_MS = 3650 * 24 * 3600_000;

/** Milliseconds in a written duration; throws InvalidDurationError naming the accepted forms. */
export function parseDuration(text: string): number {
  if (BUSINESS_DAYS.test(text.trim())) {
    throw new InvalidDurationError(
      text,
      `'${text}' counts business days, which only escalation steps' after and snoozes accept; write hours here, like 24h`,
    );
  }
  return parseFixed(text);
}

/** A wait that may start with whole business days: `2bd` is { businessDays: 2, ms: 0 }. */
export interface DurationSpan {
  businessDays: number;
  /** Added after the business days: hours, minutes and seconds, as `parseDuration` reads them. */
  ms: number;
}

/** The most business days a span may hold: about ten years of five-day weeks. */
export const MAX_BUSINESS_DAYS = 2600;

/**
 * A duration that may begin with business days (`2bd`, `1bd4h`) or be fixed (`8h`, `1d`).
 * Throws InvalidDurationError, saying what to write, for anything else.
 */
export function parseSpan(text: string): DurationSpan {
  const match = BUSINESS_DAYS.exec(text.trim());
  if (match === null) return { businessDays: 0, ms: parseFixed(text, SPAN_FORMS) };
  const businessDays = Number(match[1]);
  const rest = match[2] as string;
  if (/[wd]/i.test(rest.replace(/ms/gi, ''))) {
    throw new InvalidDurationError(
      text,
      `'${text}' mixes business days with days or weeks; write only business days and hours, like 2bd or 1bd4h`,
    );
  }
  if (businessDays > MAX_BUSINESS_DAYS) {
    throw new InvalidDurationError(
      text,
      `'${text}' is too long to be a duration; the most business days is ${MAX_BUSINESS_DAYS}bd`,
    );
  }
  if (rest === '') return { businessDays, ms: 0 };
  try {
    return { businessDays, ms: parseFixed(rest) };
  } catch {
    throw new InvalidDurationError(text, undefined, SPAN_FORMS);
  }
}

/** The compact form of a span (`2bd`, `1bd4h`, `8h`), which parseSpan reads back exactly. */
export function formatSpan(span: DurationSpan): string {
  if (!Number.isSafeInteger(span.businessDays) || span.businessDays < 0) {
    throw new RangeError(
      `formatSpan needs a whole, non-negative number of business days, got ${span.businessDays}`,
    );
  }
  if (span.businessDays === 0) return formatDuration(span.ms);
  if (span.ms === 0) return `${span.businessDays}bd`;
  // Hours, not days, after business days: `1bd1d` would read as two kinds of day.
  const hours = Math.floor(span.ms / HOUR);
  const rest = span.ms - hours * HOUR;
  return `${span.businessDays}bd${hours > 0 ? `${hours}h` : ''}${rest > 0 ? formatDuration(rest) : ''}`;
}

/** A span in words for a button or a reply: `1 business day`, `24 hours`, `2 business days 4 hours`. */
export function spanWords(span: DurationSpan): string {
  const parts: string[] = [];
  if (span.businessDays > 0) parts.push(plural(span.businessDays, 'business day'));
  let rest = span.ms;
  for (const [name, size] of [
    ['hour', HOUR],
    ['minute', MINUTE],
    ['second', SECOND],
  ] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(plural(count, name));
    rest -= count * size;
  }
  if (rest > 0) parts.push(plural(rest, 'millisecond'));
  return parts.length === 0 ? '0 minutes' : parts.join(' ');
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Spans in the order their waits end: business days first (a day is longer than any hours-only tail). */
export function compareSpans(a: DurationSpan, b: DurationSpan): number {
  return a.businessDays !== b.businessDays ? a.businessDays - b.businessDays : a.ms - b.ms;
}

function parseFixed(text: string, forms = ACCEPTED_FORMS): number {
  const trimmed = text.trim();
  if (trimmed === '')
    throw new InvalidDurationError(text, `a duration must not be empty; write it like ${forms}`);
  const ms = COMPACT.test(trimmed)
    ? parseCompact(trimmed, text)
    : parseIso(trimmed.toUpperCase(), text, forms);
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

function parseIso(upper: string, original: string, forms: string): number {
  const match = ISO.exec(upper);
  if (match === null || upper === 'P' || upper.endsWith('T')) {
    if (upper.startsWith('P') && ISO_CALENDAR_UNITS.exec(upper)?.[0] !== 'P') {
      throw new InvalidDurationError(
        original,
        `'${original}' uses months or years, which vary in length; use days or weeks (P30D, P4W)`,
      );
    }
    throw new InvalidDurationError(original, undefined, forms);
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
