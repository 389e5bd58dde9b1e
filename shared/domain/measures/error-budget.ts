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

/**
 * Decision (the same for ratio, duration and availability): once `notBefore` of the period has
 * gone, a commitment is at risk when its projected attainment is below `projectedBelow` or when
 * its budget burns faster than 1 (at this pace it runs out before the period ends). Without a
 * budget (objective 1) any miss already puts the objective out of reach, so any miss warns.
 */
export function budgetAtRisk(
  context: JudgingContext,
  projectedAttainment: number | null,
  budget: Budget | undefined,
  misses: number,
): boolean {
  if (context.elapsed < context.atRisk.notBefore) return false;
  if (projectedAttainment !== null && projectedAttainment < context.atRisk.projectedBelow) return true;
  return budget ? budget.burnRate > 1 : misses > 0;
}
