/**
 * Per-subject timers of the `duration` measure (a lead waiting to be contacted, a ticket waiting to
 * be answered). Time counts only while the calendar is open, outside the subject's pauses and
 * outside excusals: an excusal pauses every timer of its commitment.
 *
 * Decisions: a pause without an end lasts until it is resumed (forever, as far as a forecast goes);
 * overlapping pauses and excusals are counted once; a subject that reaches its threshold exactly is
 * still within it (overdue means strictly past).
 */

import { openIntervals } from './calendar.js';
import { excusalIntervals } from './excusals.js';
import { type Interval, subtractIntervals, totalLength } from './measures/intervals.js';
import type { BusinessCalendar, Excusal, Instant } from './model.js';

export interface SubjectTimer {
  subject: string;
  startedAt: Instant;
  pauses: Array<{ from: Instant; to?: Instant }>;
  stoppedAt?: Instant;
}

/** How far ahead `subjectDueAt` looks for enough open time before giving up (a never-open calendar). */
const SEARCH_CHUNK_MS = 31 * 24 * 3_600_000;
const SEARCH_CHUNKS = 48;

/** Counted milliseconds from the start up to the stop, or up to `at` while running (whichever is first). */
export function subjectElapsed(
  timer: SubjectTimer,
  calendar: BusinessCalendar,
  excusals: readonly Excusal[],
  at: Instant,
): number {
  const end = Math.min(timer.stoppedAt ?? at, at);
  return totalLength(countedIntervals(timer, calendar, excusals, timer.startedAt, end));
}

/**
 * When the subject becomes overdue if nothing changes: the instant its counted time reaches the
 * threshold (in the past when it is already overdue). Null while it is paused (the clock is
 * stopped, so no due time exists), once it has stopped, or when the calendar never opens again.
 */
export function subjectDueAt(
  timer: SubjectTimer,
  calendar: BusinessCalendar,
  excusals: readonly Excusal[],
  thresholdMs: number,
  at: Instant,
): Instant | null {
  if (timer.stoppedAt !== undefined && timer.stoppedAt <= at) return null;
  if (isPausedAt(timer, at)) return null;
  let counted = 0;
  let cursor = timer.startedAt;
  for (let chunk = 0; chunk < SEARCH_CHUNKS; chunk += 1) {
    const chunkEnd = cursor + SEARCH_CHUNK_MS;
    for (const [from, to] of countedIntervals(timer, calendar, excusals, cursor, chunkEnd)) {
      if (counted + (to - from) >= thresholdMs) return from + Math.max(0, thresholdMs - counted);
      counted += to - from;
    }
    cursor = chunkEnd;
  }
  return null;
}

/** Still within the threshold at `at` (for a stopped subject: it was done in time). */
export function isWithinThreshold(
  timer: SubjectTimer,
  calendar: BusinessCalendar,
  excusals: readonly Excusal[],
  thresholdMs: number,
  at: Instant,
): boolean {
  return subjectElapsed(timer, calendar, excusals, at) <= thresholdMs;
}

/** Open (not stopped by `at`) and already past its threshold: a miss counted before it stops. */
export function isOverdue(
  timer: SubjectTimer,
  calendar: BusinessCalendar,
  excusals: readonly Excusal[],
  thresholdMs: number,
  at: Instant,
): boolean {
  const open = timer.stoppedAt === undefined || timer.stoppedAt > at;
  return open && !isWithinThreshold(timer, calendar, excusals, thresholdMs, at);
}

export function isPausedAt(timer: SubjectTimer, at: Instant): boolean {
  return timer.pauses.some((p) => p.from <= at && (p.to === undefined || p.to > at));
}

function countedIntervals(
  timer: SubjectTimer,
  calendar: BusinessCalendar,
  excusals: readonly Excusal[],
  from: Instant,
  to: Instant,
): Interval[] {
  const start = Math.max(from, timer.startedAt);
  if (to <= start) return [];
  const pauses: Interval[] = timer.pauses.map((p) => [p.from, p.to ?? Number.POSITIVE_INFINITY] as const);
  return subtractIntervals(openIntervals(calendar, start, to), [...pauses, ...excusalIntervals(excusals)]);
}
