/**
 * When an objective's error budget runs out at the current rate, for the alerts that warn about it.
 *
 * The budget of a ratio or duration period depends on a volume nobody knows yet, so it is read at a
 * steady volume: the period's budget is used at `burnRate` per share of the period (by its pacing),
 * and what is left of it lasts (1 − used share) / rate of the period. Availability's budget is fixed
 * by the window (its open time), so the same holds in window time. The answer is a stretch of
 * business time of the commitment's calendar when it has one (so "2 business days" skips the
 * weekend), else of wall time.
 *
 * Decisions: nothing is said when the budget is not burning (rate 0), when at this rate it lasts
 * past the period's end (a burn rate of 1 or less), or when the objective is 1 and nothing missed;
 * a budget already gone is `used_up`.
 */
import { businessMillisBetween } from '../calendar.js';
import type { Evaluation } from '../evaluate.js';
import type { CommitmentDefinition, Instant } from '../model.js';
import { paceMeter } from '../pacing.js';
import { periodFromKey } from '../periods.js';
import { businessDayMillis } from './recovery.js';

export type BudgetOutlook =
  | { kind: 'used_up' }
  | {
      kind: 'runs_out';
      /** How long it lasts, in business time of the calendar when `business`, else wall time. */
      ms: number;
      business: boolean;
      /** One business day of the calendar (its longest open day), or 24 hours without one. */
      dayMs: number;
    };

const MINUTE_MS = 60_000;

/**
 * The outlook of an objective's budget at `at`. `rate` overrides the period's burn rate (a burn-rate
 * alert speaks of the rate over its long window); undefined where there is nothing to say.
 */
export function budgetOutlook(
  definition: CommitmentDefinition,
  evaluation: Pick<
    Evaluation,
    'measure' | 'period' | 'elapsed' | 'budget' | 'actual' | 'target' | 'status' | 'proratedFrom'
  >,
  at: Instant,
  rate?: number,
): BudgetOutlook | undefined {
  if (evaluation.measure === 'total' || evaluation.status === 'no_data') return undefined;
  const { budget } = evaluation;
  if (budget === undefined) return evaluation.actual < evaluation.target ? { kind: 'used_up' } : undefined;
  const burn = rate ?? budget.burnRate;
  if (!(burn > 0) || !Number.isFinite(burn)) return undefined;
  const availability = evaluation.measure === 'availability';
  const usedShare = availability ? budget.used / budget.allowed : budget.burnRate * evaluation.elapsed;
  if (usedShare >= 1) return { kind: 'used_up' };
  // Where in the period (on the scale the budget burns on) it is now, and how much longer it lasts.
  const now = availability ? usedShare / budget.burnRate : evaluation.elapsed;
  const lasts = (1 - usedShare) / burn;
  // (A burn rate of exactly 1 lands on the period's end, give or take floating-point dust.)
  if (!Number.isFinite(now) || now + lasts >= 1 - 1e-9) return undefined;
  const { calendar } = definition;
  const scale = scaleOf(definition, evaluation, availability);
  const ms = lasts * scale.totalMs;
  const businessMs =
    calendar === undefined || scale.business ? ms : businessMillisBetween(calendar, at, at + ms);
  return {
    kind: 'runs_out',
    ms: businessMs,
    business: calendar !== undefined,
    dayMs: businessDayMillis(calendar),
  };
}

/** The length of the scale the budget burns on, and whether it is business time already. */
function scaleOf(
  definition: CommitmentDefinition,
  evaluation: Pick<Evaluation, 'period' | 'budget' | 'proratedFrom'>,
  availability: boolean,
): { totalMs: number; business: boolean } {
  if (availability) {
    // allowed = (1 − objective) × window, in minutes: the window is open time (wall time without a calendar).
    const allowedMs = (evaluation.budget?.allowed ?? 0) * MINUTE_MS;
    return { totalMs: allowedMs / (1 - (definition.objective ?? 0)), business: true };
  }
  const whole = periodFromKey(evaluation.period, definition.timezone);
  const start = evaluation.proratedFrom === undefined ? whole.start : Date.parse(evaluation.proratedFrom);
  const span = { ...whole, start: Math.max(whole.start, start) };
  const { calendar } = definition;
  // The meter falls back to wall time in a period the calendar never opens; so does this.
  const business =
    definition.pacing === 'business' &&
    calendar !== undefined &&
    businessMillisBetween(calendar, span.start, span.end) > 0;
  return { totalMs: paceMeter(definition, span).total, business };
}
