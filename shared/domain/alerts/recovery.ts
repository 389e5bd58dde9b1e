/**
 * When an open alert may close, and when a closed one that opens again continues its episode.
 *
 * Without a margin, a projection hovering on the at-risk line opens and closes the alert on every
 * small move. So the line to recover by sits above the line to warn by (hysteresis): an alert opens
 * below `projectedBelow` and closes only at or above `recoverAbove`; in between it stays as it is.
 */
import { addBusinessDays } from '../business-days.js';
import type { Evaluation } from '../evaluate.js';
import type { AtRiskRule, BusinessCalendar, CommitmentDefinition, Instant } from '../model.js';

/** The default distance between the at-risk line and the recovery line, as a share of the target. */
export const DEFAULT_RECOVERY_MARGIN = 0.03;

const DAY_MS = 24 * 3_600_000;

/** The projected attainment an open alert must reach again to recover. */
export function recoveryLine(rule: AtRiskRule): number {
  return rule.recoverAbove ?? rule.projectedBelow + DEFAULT_RECOVERY_MARGIN;
}

/**
 * Whether an evaluation is clear of the at-risk line by the recovery margin, so an open alert may
 * close. Only `on_track` needs the margin; `met` always clears, the other statuses never do.
 *
 * - `atLeast` totals: projected attainment at or above `recoverAbove`.
 * - `atMost` totals warn when the projection passes the cap; they clear once it is back under the
 *   cap by the same margin (projected <= target × (1 − margin)).
 * - Objectives (ratio, duration, availability) warn, in effect, when the error budget burns faster
 *   than 1 (an attainment under the objective implies it); they clear once it burns at no more than
 *   1 − margin, that is when the budget is projected to keep at least the margin unspent. Their
 *   attainment cannot rise past 1 / objective, so a line on it above 1 could never be reached.
 */
export function clearOfRisk(
  evaluation: Pick<Evaluation, 'status' | 'measure' | 'projected' | 'target' | 'budget'>,
  definition: Pick<CommitmentDefinition, 'atRisk' | 'comparator'>,
): boolean {
  if (evaluation.status === 'met') return true;
  if (evaluation.status !== 'on_track') return false;
  const line = recoveryLine(definition.atRisk);
  const margin = Math.max(0, line - definition.atRisk.projectedBelow);
  if (evaluation.measure === 'total') {
    const { projected, target } = evaluation;
    if (projected === null || target <= 0) return true;
    return definition.comparator === 'atMost'
      ? projected <= target * (1 - margin)
      : projected >= target * line;
  }
  const burnRate = evaluation.budget?.burnRate;
  return burnRate === undefined || burnRate <= 1 - margin;
}

/**
 * The business time of one business day of the calendar: its longest open day (ten hours for
 * 08:00-18:00); a whole day without a calendar.
 */
export function businessDayMillis(calendar: BusinessCalendar | undefined): number {
  if (calendar === undefined) return DAY_MS;
  const minutes = Object.values(calendar.hours).map((spans) =>
    spans.reduce((sum, span) => sum + (span.end - span.start), 0),
  );
  return Math.max(0, ...minutes) * 60_000 || DAY_MS;
}

/**
 * Whether an alert that recovered at `recoveredAt` and is at risk again at `now` continues its
 * episode: it does until one business day after the recovery, the same day `1bd` means in a
 * snooze or an escalation step (the same point of the next open day, or that day's close when it
 * is shorter), so "one business day" has one meaning wherever it is written or implied.
 */
export function continuesEpisode(
  recoveredAt: Instant,
  now: Instant,
  calendar: BusinessCalendar | undefined,
  always: BusinessCalendar,
): boolean {
  return now < addBusinessDays(calendar ?? always, recoveredAt, 1);
}
