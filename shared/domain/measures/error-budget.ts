/**
 * Error budgets for the objective measures (ratio, duration, availability) and the one at-risk
 * rule they share.
 *
 * Burn rate is the standard SRE burn rate: the observed miss rate over the miss rate the objective
 * allows. At 1 the budget lasts exactly to the end of the period; with steady volume it equals
 * "share of budget used / share of period elapsed" (how people usually say it), and unlike that form
 * it does not need a forecast of the period's volume, which ratio and duration cannot know.
 */
import type { Budget, JudgingContext } from './types.js';

/** `volume` judged outcomes, `misses` of them bad. Undefined when the objective is 1: no budget exists. */
export function errorBudget(objective: number, volume: number, misses: number): Budget | undefined {
  const allowedRate = 1 - objective;
  if (allowedRate <= 0 || volume <= 0) return undefined;
  const allowed = allowedRate * volume;
  return {
    allowed,
    used: misses,
    remaining: allowed - misses,
    burnRate: misses / volume / allowedRate,
  };
}

/** Outcomes (or subjects) an objective must have judged in the period before its burn rate can warn. */
export const DEFAULT_MIN_EVENTS = 10;

/** What an objective measure found so far, for the at-risk rule. */
export interface BudgetFindings {
  /** Projected attainment (actual / objective), null when there is none. */
  attainment: number | null;
  budget: Budget | undefined;
  misses: number;
  /** How many outcomes (ratio), subjects (duration) or open hours of the window (availability) were judged. */
  judged: number;
  /** The share of the whole period's budget already used (see `usedShareOfPeriodBudget`). */
  usedShare: number;
}

/**
 * Decision (the same for ratio, duration and availability): once `notBefore` of the period has
 * gone, a commitment is at risk when its budget is used up, or, once `minEvents` have been judged,
 * when its projected attainment is below `projectedBelow` or its budget burns faster than 1 (at this
 * pace it runs out before the period ends). Two misses in the first five outcomes say little about
 * a month, so the burn rate waits for enough evidence; a used-up budget is reported however little
 * was judged, because no amount of evidence makes it come back. Without a budget (objective 1) any
 * miss already puts the objective out of reach, so any miss warns.
 */
export function budgetAtRisk(context: JudgingContext, findings: BudgetFindings): boolean {
  if (context.elapsed < context.atRisk.notBefore) return false;
  const { attainment, budget, misses } = findings;
  if (budget ? findings.usedShare >= 1 : misses > 0) return true;
  if (findings.judged < (context.atRisk.minEvents ?? DEFAULT_MIN_EVENTS)) return false;
  if (attainment !== null && attainment < context.atRisk.projectedBelow) return true;
  return budget !== undefined && budget.burnRate > 1;
}

/**
 * The share of the whole period's error budget used so far, for ratio and duration, whose period
 * budget depends on a volume not known yet: at a steady volume the period sees `judged / elapsed`
 * outcomes, so the share used is the burn rate times the elapsed share (how people usually say it,
 * "share of budget used / share of period elapsed", read backwards).
 */
export function usedShareOfPeriodBudget(budget: Budget | undefined, elapsed: number): number {
  if (budget === undefined) return 0;
  return budget.burnRate * elapsed;
}
