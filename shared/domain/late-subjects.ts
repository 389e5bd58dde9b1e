/**
 * Which open subjects of a duration commitment are late, and which are about to be: what an alert
 * and a status reply name so that someone can act on one lead, not only on a percentage.
 *
 * Decisions: lateness is counted time past the threshold (the calendar's open hours, outside the
 * subject's pauses and outside excusals), so a lead that went overdue on Friday evening is no later
 * on Monday morning than it was on Friday. "Due soon" looks ahead a fixed amount of counted time
 * (four business hours, or four hours without a calendar): half a business day is enough to act on
 * a lead, and a fixed span reads the same in the morning as in the afternoon. A paused subject is
 * never due soon (its clock stands still) but stays late if it paused after its due time.
 */

import type { BusinessCalendar, Excusal, Instant } from './model.js';
import { isPausedAt, type SubjectTimer, subjectDueAt, subjectElapsed } from './subject-timer.js';

/** How far ahead "due soon" looks, in counted (business) time. */
export const DUE_SOON_HORIZON_MS = 4 * 3_600_000;

/** How many late (or due soon) subjects an alert or a status reply names before "and N more". */
export const NAMED_SUBJECTS = 5;

export type SubjectState = 'open' | 'overdue' | 'due_soon';

export const SUBJECT_STATES: readonly SubjectState[] = ['open', 'overdue', 'due_soon'];

/** One open subject at an instant: how far it is from its due time, in counted time. */
export interface SubjectStanding {
  subject: string;
  startedAt: Instant;
  /** When it becomes (or became) overdue if nothing changes; null while paused. */
  dueAt: Instant | null;
  paused: boolean;
  /** Counted time since it started (business time with a calendar). */
  elapsedMs: number;
  /** Counted time past the threshold: > 0 exactly when it is overdue. */
  lateMs: number;
  /** Counted time left before it is due (0 once overdue). */
  remainingMs: number;
}

/** Where one open subject stands at `at`. */
export function subjectStanding(
  timer: SubjectTimer,
  calendar: BusinessCalendar,
  excusals: readonly Excusal[],
  thresholdMs: number,
  at: Instant,
): SubjectStanding {
  const elapsedMs = subjectElapsed(timer, calendar, excusals, at);
  const paused = isPausedAt(timer, at);
  return {
    subject: timer.subject,
    startedAt: timer.startedAt,
    dueAt: subjectDueAt(timer, calendar, excusals, thresholdMs, at),
    paused,
    elapsedMs,
    lateMs: Math.max(0, elapsedMs - thresholdMs),
    remainingMs: Math.max(0, thresholdMs - elapsedMs),
  };
}

export const isLate = (s: SubjectStanding) => s.lateMs > 0;

/** Running, not yet late, and due within the horizon. */
export const isDueSoon = (s: SubjectStanding) =>
  !isLate(s) && !s.paused && s.dueAt !== null && s.remainingMs <= DUE_SOON_HORIZON_MS;

export function inState(s: SubjectStanding, state: SubjectState): boolean {
  if (state === 'overdue') return isLate(s);
  if (state === 'due_soon') return isDueSoon(s);
  return true;
}

const byId = (a: SubjectStanding, b: SubjectStanding) =>
  a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0;

/** Most overdue first; equally late subjects by id, so pages never shuffle. */
export function byLateness(a: SubjectStanding, b: SubjectStanding): number {
  return b.lateMs - a.lateMs || byId(a, b);
}

/** Least time left first; late subjects (no time left) before them, most late first. */
export function byUrgency(a: SubjectStanding, b: SubjectStanding): number {
  return a.remainingMs - b.remainingMs || byLateness(a, b);
}

/** The subjects of one state in the order people act on them. */
export function subjectsIn(standings: readonly SubjectStanding[], state: SubjectState): SubjectStanding[] {
  return standings.filter((s) => inState(s, state)).sort(state === 'overdue' ? byLateness : byUrgency);
}

/** What an alert or a status reply names: the first few late and due-soon subjects, and how many in all. */
export interface LateSubjects {
  /** Whether lateness is counted in a calendar's business hours (else around the clock). */
  businessTime: boolean;
  horizonMs: number;
  overdue: SubjectStanding[];
  overdueCount: number;
  dueSoon: SubjectStanding[];
  dueSoonCount: number;
  /** False when more candidates existed than were read: the counts are then lower bounds. */
  complete: boolean;
}

export function lateSubjects(
  standings: readonly SubjectStanding[],
  options: { businessTime: boolean; named?: number; complete?: boolean },
): LateSubjects {
  const named = options.named ?? NAMED_SUBJECTS;
  const overdue = subjectsIn(standings, 'overdue');
  const dueSoon = subjectsIn(standings, 'due_soon');
  return {
    businessTime: options.businessTime,
    horizonMs: DUE_SOON_HORIZON_MS,
    overdue: overdue.slice(0, named),
    overdueCount: overdue.length,
    dueSoon: dueSoon.slice(0, named),
    dueSoonCount: dueSoon.length,
    complete: options.complete ?? true,
  };
}

/**
 * The instant by which every subject due within the horizon falls due: `at` plus the horizon in
 * counted time. A store keyed by due time reads no further than this.
 */
export function dueSoonUntil(calendar: BusinessCalendar, excusals: readonly Excusal[], at: Instant): Instant {
  const probe: SubjectTimer = { subject: '', startedAt: at, pauses: [] };
  // A calendar that never opens again has nothing due: look no further than now.
  return subjectDueAt(probe, calendar, excusals, DUE_SOON_HORIZON_MS, at) ?? at;
}
