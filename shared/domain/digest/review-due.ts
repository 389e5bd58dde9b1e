/**
 * Review due dates. A commitment's review falls due one cadence after its baseline: the
 * `review.baseline` of its definition, or else the local date it was first created. Nothing
 * records a review except moving the baseline forward in the configuration, so an overdue review
 * stays overdue until someone does (decision: the digest keeps reminding rather than guessing).
 */
import { DateTime } from 'luxon';
import type { Instant, ReviewCadence, ReviewPolicy } from '../model.js';

/** Reviews due within this many days (or overdue) are listed. */
export const REVIEW_HORIZON_DAYS = 14;

const CADENCE_MONTHS: Record<ReviewCadence, number> = { month: 1, quarter: 3, half: 6, year: 12 };

export const DEFAULT_REVIEW_CADENCE: ReviewCadence = 'year';

/** `YYYY-MM-DD` of an instant on the wall calendar of `zone`. */
export function localDateOf(at: Instant, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toISODate() ?? '';
}

/**
 * The local date the review is due. Month arithmetic clamps to the month's end, so a baseline of
 * 31 January with a monthly cadence is due on 28 February.
 */
export function reviewDueOn(policy: ReviewPolicy | undefined, createdAt: Instant, zone: string): string {
  const cadence = policy?.cadence ?? DEFAULT_REVIEW_CADENCE;
  const baseline = policy?.baseline ?? localDateOf(createdAt, zone);
  const date = DateTime.fromISO(baseline, { zone: 'UTC' }).plus({ months: CADENCE_MONTHS[cadence] });
  return date.toISODate() ?? baseline;
}

/** Whole days from local date `from` to local date `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = DateTime.fromISO(from, { zone: 'UTC' });
  const b = DateTime.fromISO(to, { zone: 'UTC' });
  return Math.round(b.diff(a, 'days').days);
}

/** Whether a review due on `dueOn` belongs in a digest dated `today`: overdue or within the horizon. */
export function isReviewDue(dueOn: string, today: string, horizonDays = REVIEW_HORIZON_DAYS): boolean {
  return daysBetween(today, dueOn) <= horizonDays;
}
