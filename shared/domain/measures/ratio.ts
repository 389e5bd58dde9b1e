/**
 * `ratio`: good / total outcomes against an objective (a lead-to-opportunity rate of 20%).
 * The pace of a ratio is constant, so expected is the objective and the projection is the ratio
 * so far. Future outcomes can still lift it, so a ratio is never breached before its period closes.
 */
import type { CommitmentDefinition } from '../model.js';
import { budgetAtRisk, errorBudget, usedShareOfPeriodBudget } from './error-budget.js';
import { IncompleteDefinitionError } from './errors.js';
import { type AggregateOf, type JudgingContext, type MeasureJudgement, share } from './types.js';

export function judgeRatio(
  definition: CommitmentDefinition,
  aggregate: AggregateOf<'ratio'>,
  context: JudgingContext,
): MeasureJudgement {
  const objective = requireObjective(definition);
  return judgeObjective(objective, aggregate.good, aggregate.total, context);
}

export function requireObjective(definition: CommitmentDefinition): number {
  if (definition.objective === undefined) throw new IncompleteDefinitionError(definition.id, 'objective');
  return definition.objective;
}

/**
 * Shared by ratio and duration: `achieved` of `judged` outcomes were good. With nothing judged
 * there is no ratio: the status is no_data and actual is reported as 0 with a null attainment.
 */
export function judgeObjective(
  objective: number,
  achieved: number,
  judged: number,
  context: JudgingContext,
): MeasureJudgement {
  const actual = share(achieved, judged);
  if (actual === null || judged <= 0) {
    return {
      status: 'no_data',
      actual: 0,
      target: objective,
      expected: objective,
      projected: null,
      attainment: null,
    };
  }
  const misses = judged - achieved;
  const attainment = share(actual, objective);
  const budget = errorBudget(objective, judged, misses);
  let status: MeasureJudgement['status'];
  if (context.final) status = actual >= objective ? 'met' : 'breached';
  else {
    const usedShare = usedShareOfPeriodBudget(budget, context.elapsed);
    const findings = { attainment, budget, misses, judged, usedShare };
    status = budgetAtRisk(context, findings) ? 'at_risk' : 'on_track';
  }
  const judgement: MeasureJudgement = {
    status,
    actual,
    target: objective,
    expected: objective,
    projected: actual,
    attainment,
  };
  if (budget) judgement.budget = budget;
  return judgement;
}
