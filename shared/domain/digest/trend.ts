/**
 * Trends and sparklines need one number per week that can be compared across weeks and across
 * periods: a month's running total grows every week, so the raw actual or attainment cannot be.
 *
 * The health score is 1 when a commitment is exactly on target and higher when better:
 * - totals (atLeast): the projected attainment (projection / target), or the final attainment;
 * - totals (atMost): target / projection, so spending less scores higher;
 * - objectives (ratio, duration, availability): achieved / objective.
 *
 * Each week is represented by its last judged daily snapshot. The trend word and the sparkline
 * read the same weeks: the word is the direction of the line fitted through the bars, so a
 * sparkline that falls from █ to ▁ is never called steady because its last two weeks match.
 */
import { DateTime } from 'luxon';
import type { Evaluation } from '../evaluate.js';
import type { CommitmentDefinition } from '../model.js';
import { periodFromKey, previousPeriod } from '../periods.js';
import type { Trend } from './digest-types.js';
import { sparkline } from './sparkline.js';

/** How many weeks the sparkline covers, the reported one included. */
export const SPARKLINE_WEEKS = 6;

export function healthScore(
  evaluation: Evaluation,
  definition: Pick<CommitmentDefinition, 'measure' | 'comparator'>,
): number | null {
  if (evaluation.status === 'no_data') return null;
  return clampScore(rawScore(evaluation, definition));
}

/** Scores are capped at twice the target, so one outlier week cannot flatten the rest of a sparkline. */
const MAX_SCORE = 2;

function clampScore(score: number | null): number | null {
  if (score === null || !Number.isFinite(score)) return null;
  return Math.min(MAX_SCORE, Math.max(0, score));
}

function rawScore(
  evaluation: Evaluation,
  definition: Pick<CommitmentDefinition, 'measure' | 'comparator'>,
): number | null {
  if (definition.measure !== 'total') return evaluation.attainment;
  // No projection yet (nothing of the period has gone): nothing to say about its health.
  if (!evaluation.final && evaluation.projected === null) return null;
  const value = evaluation.final || evaluation.projected === null ? evaluation.actual : evaluation.projected;
  if (definition.comparator === 'atMost') {
    if (value <= 0) return MAX_SCORE;
    return evaluation.target / value;
  }
  return evaluation.target > 0 ? value / evaluation.target : null;
}

/**
 * The smallest change of the score that counts as a trend: two points of attainment for totals;
 * for objectives a fifth of the allowance (0.1 points of a 99.5% availability, 1 point of 95%).
 */
export function trendTolerance(definition: Pick<CommitmentDefinition, 'measure' | 'objective'>): number {
  if (definition.measure === 'total') return 0.02;
  const objective = definition.objective ?? 1;
  return Math.max(0.001, 0.2 * (1 - objective)) / Math.max(objective, 0.01);
}

/** The first and last local dates of the `count` ISO weeks ending with `week`, oldest first. */
export function weeksEndingWith(
  week: string,
  count: number,
): Array<{ key: string; from: string; to: string }> {
  const weeks: Array<{ key: string; from: string; to: string }> = [];
  // The zone only places the boundaries in time; the dates of an ISO week are the same everywhere.
  let period = periodFromKey(week, 'UTC');
  for (let i = 0; i < count; i++) {
    const from = DateTime.fromMillis(period.start, { zone: 'UTC' });
    weeks.unshift({
      key: period.key,
      from: from.toISODate() ?? '',
      to: from.plus({ days: 6 }).toISODate() ?? '',
    });
    period = previousPeriod(period);
  }
  return weeks;
}

/** Below this share of its period gone, a projection says little: a snapshot just after a period began. */
const SETTLED_ELAPSED = 0.05;

const isSettled = (evaluation: Evaluation) =>
  evaluation.final === true || evaluation.elapsed >= SETTLED_ELAPSED;

/**
 * Whether a week's latest snapshot alone gives the week's score: it has a score and was taken once
 * its period had settled, so no earlier snapshot of the week is looked at.
 */
export function decidesItsWeek(
  evaluation: Evaluation,
  definition: Pick<CommitmentDefinition, 'measure' | 'comparator'>,
): boolean {
  return healthScore(evaluation, definition) !== null && isSettled(evaluation);
}

/**
 * One score per week: that of the week's last snapshot that could be judged, preferring one taken
 * once its period had settled (a week that ends just after a month began is represented by its
 * last evening of the old month rather than by a guess from the new month's first minutes).
 */
export function weeklyScores(
  snapshots: ReadonlyArray<{ localDate: string; evaluation: Evaluation }>,
  weeks: ReadonlyArray<{ from: string; to: string }>,
  definition: Pick<CommitmentDefinition, 'measure' | 'comparator'>,
): Array<number | null> {
  const sorted = [...snapshots].sort((a, b) =>
    a.localDate < b.localDate ? 1 : a.localDate > b.localDate ? -1 : 0,
  );
  return weeks.map(({ from, to }) => {
    let unsettled: number | null = null;
    for (const snapshot of sorted) {
      if (snapshot.localDate > to || snapshot.localDate < from) continue;
      const score = healthScore(snapshot.evaluation, definition);
      if (score === null) continue;
      if (isSettled(snapshot.evaluation)) return score;
      unsettled ??= score;
    }
    return unsettled;
  });
}

/**
 * The direction of the scores across the whole window: the least-squares line through the weeks
 * that have a score, and how far it moves from the first of them to the last. Less than
 * `tolerance` is flat. `new` when the reported week (last point) has no score or is the only one.
 *
 * A fitted line rather than the last two weeks, so one noisy week neither hides a slide nor
 * invents one; and rather than first-versus-last, so a dip in the middle does not read as steady
 * only because the ends happen to match.
 */
export function trendOf(points: ReadonlyArray<number | null>, tolerance: number): Trend {
  const current = points[points.length - 1];
  if (current === null || current === undefined) return 'new';
  const scored: Array<[number, number]> = [];
  points.forEach((p, x) => {
    if (p !== null && Number.isFinite(p)) scored.push([x, p]);
  });
  if (scored.length < 2) return 'new';
  const meanX = scored.reduce((sum, [x]) => sum + x, 0) / scored.length;
  const meanY = scored.reduce((sum, [, y]) => sum + y, 0) / scored.length;
  let covariance = 0;
  let variance = 0;
  for (const [x, y] of scored) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  const reach = (scored.at(-1) as [number, number])[0] - (scored[0] as [number, number])[0];
  const change = (covariance / variance) * reach;
  if (Math.abs(change) < tolerance) return 'flat';
  return change > 0 ? 'up' : 'down';
}

/** How many weeks a sparkline of `points` shows: from the first week with a score to the reported one. */
export function weeksShown(points: ReadonlyArray<number | null>): number {
  const first = points.findIndex((p) => p !== null && Number.isFinite(p));
  return first < 0 ? 0 : points.length - first;
}

/** `weeks` from `weeksEndingWith(week, SPARKLINE_WEEKS)`, computed once per digest. */
export function trendAndSparkline(
  snapshots: ReadonlyArray<{ localDate: string; evaluation: Evaluation }>,
  weeks: ReadonlyArray<{ from: string; to: string }>,
  definition: CommitmentDefinition,
): { trend: Trend; sparkline: string; trendWeeks: number } {
  const points = weeklyScores(snapshots, weeks, definition);
  const tolerance = trendTolerance(definition);
  return {
    trend: trendOf(points, tolerance),
    sparkline: sparkline(points, 5 * tolerance),
    trendWeeks: weeksShown(points),
  };
}
