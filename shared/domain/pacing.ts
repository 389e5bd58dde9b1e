/**
 * Pacing: how much of a period counts as gone at an instant. `calendar` pacing weighs wall time
 * (real elapsed time, so a DST week of 167 or 169 hours is weighed as it really is); `business`
 * pacing weighs only the calendar's open time. The same weight is used for excused time, so that
 * "expected by now" and "excused so far" are measured on one scale.
 */
import { alwaysOpenCalendar, businessMillisBetween } from './calendar.js';
import { clipIntervals, type Interval, mergeIntervals } from './measures/intervals.js';
import type { BusinessCalendar, CommitmentDefinition, Instant, Period } from './model.js';

/** A commitment without a calendar is open around the clock in its own zone. */
export function calendarOf(definition: CommitmentDefinition): BusinessCalendar {
  return definition.calendar ?? alwaysOpenCalendar(definition.timezone);
}

/** Measures stretches of time inside one period by the pacing in use. */
export interface PaceMeter {
  /** Paced milliseconds in the whole period (always > 0). */
  total: number;
  /** Paced milliseconds of [from, to) clipped to the period. */
  between(from: Instant, to: Instant): number;
  /** Paced milliseconds covered by the intervals (overlaps counted once), clipped to [period.start, until). */
  covered(intervals: readonly Interval[], until?: Instant): number;
}

export function paceMeter(definition: CommitmentDefinition, period: Period): PaceMeter {
  const wall = (from: Instant, to: Instant) => Math.max(0, to - from);
  const { calendar } = definition;
  const business = (from: Instant, to: Instant) =>
    calendar && to > from ? businessMillisBetween(calendar, from, to) : 0;
  // Decision: a period in which a business calendar is never open (a week of holidays) falls back
  // to wall time, so that elapsed still runs from 0 to 1 instead of dividing by zero. Without a
  // calendar, business time is wall time, so it is not walked day by day.
  const businessTotal = definition.pacing === 'business' ? business(period.start, period.end) : 0;
  const measure = businessTotal > 0 ? business : wall;
  const between = (from: Instant, to: Instant) =>
    measure(Math.max(from, period.start), Math.min(to, period.end));
  return {
    total: businessTotal > 0 ? businessTotal : wall(period.start, period.end),
    between,
    covered(intervals, until = period.end) {
      const pieces = clipIntervals(mergeIntervals(intervals), period.start, Math.min(until, period.end));
      return pieces.reduce((sum, [from, to]) => sum + between(from, to), 0);
    },
  };
}

/** Share of the period gone at `at`, in [0, 1], by the commitment's pacing. */
export function elapsedShare(definition: CommitmentDefinition, period: Period, at: Instant): number {
  return elapsedOn(paceMeter(definition, period), period, at);
}

/** The same, with a meter already built (one meter serves a whole evaluation). */
export function elapsedOn(meter: PaceMeter, period: Period, at: Instant): number {
  return clampShare(meter.between(period.start, at) / meter.total);
}

export function clampShare(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}
