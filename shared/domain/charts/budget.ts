/** The error budget left over one period, from the evaluations that judged it. */
import type { Evaluation } from '../evaluate.js';
import type { CommitmentDefinition, Instant, Period } from '../model.js';
import { budgetUnit } from '../readable-budget.js';
import type { BudgetModel, ChartPoint } from './chart-model.js';

/** Only objectives have an error budget: a total has a target, not an allowance of misses. */
export function hasErrorBudget(definition: Pick<CommitmentDefinition, 'measure'>): boolean {
  return definition.measure !== 'total';
}

export interface BudgetInput {
  definition: CommitmentDefinition;
  period: Period;
  earlier: readonly Evaluation[];
  current: Evaluation;
  at: Instant;
}

export function budgetModel(input: BudgetInput): BudgetModel {
  const { definition, period, current } = input;
  const judged = input.earlier.filter((e) => e.period === period.key && e.evaluatedAt < current.evaluatedAt);
  judged.push(current);
  const end = Math.min(input.at, period.end);
  const remaining: ChartPoint[] = judged
    .flatMap((e) =>
      e.budget ? [[Math.min(Date.parse(e.evaluatedAt), end), e.budget.remaining] as const] : [],
    )
    .sort((a, b) => a[0] - b[0]);
  const model: BudgetModel = {
    kind: 'budget',
    commitmentId: definition.id,
    title: definition.title,
    zone: definition.timezone,
    period: { key: period.key, start: period.start, end: period.end },
    unit: budgetUnit(definition),
    remaining,
    allowed: current.budget?.allowed ?? 0,
  };
  if (input.at < period.end) model.now = input.at;
  return model;
}
