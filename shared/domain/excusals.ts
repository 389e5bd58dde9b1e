/**
 * Excusals: windows in which the provider could not perform because of the consumer.
 *
 * - For totals they scale the target down pro rata: the excused share X of the period is
 *   measured with the pacing weight, so a two-business-day excusal in a 20-business-day month
 *   excuses 10% under business pacing (and nothing of it falls on the weekend).
 * - For durations they pause every timer (see `subject-timer.ts`).
 * - For availability, excused time leaves the window: downtime in it does not count (decision).
 * - For ratios they cannot change the numbers (outcomes are aggregated without their instants),
 *   so they are only reported (decision).
 *
 * Overlapping excusals are merged before measuring, so time is never excused twice.
 */

import { CodedError } from './coded-error.js';
import type { Interval } from './measures/intervals.js';
import type { ExcusedSummary } from './measures/types.js';
import type { Excusal, Instant, Period } from './model.js';
import { clampShare, type PaceMeter } from './pacing.js';

/** Only an approved excusal changes the numbers; a pending or rejected one is a claim. */
export function isInForce(excusal: Excusal): boolean {
  return (excusal.status ?? 'approved') === 'approved';
}

export function excusalIntervals(excusals: readonly Excusal[]): Interval[] {
  return excusals.filter((e) => e.to > e.from && isInForce(e)).map((e) => [e.from, e.to] as const);
}

/** Approved excusals that touch [period.start, period.end). */
export function excusalsIn(excusals: readonly Excusal[], period: Period): Excusal[] {
  return excusals.filter((e) => e.to > e.from && e.from < period.end && e.to > period.start && isInForce(e));
}

export interface ExcusedShares {
  /** X: excused share of the whole period. */
  whole: number;
  /** Xe: excused share of [period.start, at), as a share of the whole period. */
  elapsed: number;
}

export function excusedShares(
  meter: PaceMeter,
  period: Period,
  excusals: readonly Excusal[],
  at: Instant,
): ExcusedShares {
  const intervals = excusalIntervals(excusalsIn(excusals, period));
  const whole = clampShare(meter.covered(intervals) / meter.total);
  const elapsed = Math.min(whole, clampShare(meter.covered(intervals, at) / meter.total));
  return { whole, elapsed };
}

/** What the status object shows about excusals; undefined when none touches the period. */
export function excusedSummary(
  period: Period,
  excusals: readonly Excusal[],
  share: number,
  originalTarget?: number,
): ExcusedSummary | undefined {
  const touching = excusalsIn(excusals, period);
  if (touching.length === 0) return undefined;
  const summary: ExcusedSummary = {
    share,
    windows: touching.length,
    causedBy: [...new Set(touching.map((e) => e.causedBy))].sort(),
  };
  if (originalTarget !== undefined) summary.originalTarget = originalTarget;
  return summary;
}

export type ExcusalDecision = 'approve' | 'reject';

/** An excusal already approved or rejected the other way: a second opinion does not undo the first. */
export class ExcusalDecidedError extends CodedError {
  readonly code = 'EXCUSAL_DECIDED';
  constructor(
    readonly excusalId: string,
    readonly status: 'approved' | 'rejected',
    readonly decidedBy?: string,
  ) {
    super(
      `Excusal '${excusalId}' was already ${status}${decidedBy ? ` by ${decidedBy}` : ''}; nothing was changed.`,
    );
  }
}

/**
 * Approves or rejects a pending excusal. The same decision again returns the excusal unchanged
 * (a retried click changes nothing); the opposite one is refused.
 */
export function decideExcusal(
  excusal: Excusal,
  decision: ExcusalDecision,
  by: string,
  now: Instant,
): Excusal {
  const status = decision === 'approve' ? 'approved' : 'rejected';
  const current = excusal.status ?? 'approved';
  if (current === status) return excusal;
  if (current !== 'pending') throw new ExcusalDecidedError(excusal.id, current, excusal.decidedBy);
  return { ...excusal, status, decidedBy: by, decidedAt: now };
}
