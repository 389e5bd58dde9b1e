/**
 * The judge: one commitment, one period, its aggregate and excusals, at one instant, gives the
 * status object of PRODUCT.md section 4. The field names of `Evaluation` are a public contract.
 *
 * Numbers keep full precision (rounding is the presenter's job); anything that would be NaN or
 * Infinity is null instead. A period is judged finally (met, breached or no_data) from its end on.
 */
import { excusalsIn, excusedShares, excusedSummary } from './excusals.js';
import { isoInstant } from './instant-format.js';
import { judgeAvailability } from './measures/availability.js';
import { judgeDuration } from './measures/duration.js';
import { AggregateMismatchError } from './measures/errors.js';
import { judgeRatio } from './measures/ratio.js';
import { judgeTotal } from './measures/total.js';
import type {
  Budget,
  ExcusedSummary,
  JudgingContext,
  MeasureAggregate,
  MeasureJudgement,
} from './measures/types.js';
import type { CommitmentDefinition, Excusal, Instant, Measure, Period, Status } from './model.js';
import { calendarOf, elapsedOn, paceMeter } from './pacing.js';

export type { Budget, ExcusedSummary, MeasureAggregate } from './measures/types.js';

export interface Evaluation {
  commitmentId: string;
  period: string;
  measure: Measure;
  status: Status;
  actual: number;
  target: number;
  expected: number;
  projected: number | null;
  attainment: number | null;
  elapsed: number;
  unit: string;
  budget?: Budget;
  excused?: ExcusedSummary;
  /** The instant judged at, in UTC (`2026-11-18T15:00:00Z`). */
  evaluatedAt: string;
  /** Present and true once the period has ended: the status is final. */
  final?: boolean;
}

export interface EvaluateInput {
  definition: CommitmentDefinition;
  period: Period;
  aggregate: MeasureAggregate;
  excusals: Excusal[];
  at: Instant;
}

export function evaluate(input: EvaluateInput): Evaluation {
  const { definition, period, aggregate, at } = input;
  if (aggregate.measure !== definition.measure) {
    throw new AggregateMismatchError(definition.id, definition.measure, aggregate.measure);
  }
  const excusals = excusalsIn(input.excusals, period);
  const meter = paceMeter(definition, period);
  const elapsed = elapsedOn(meter, period, at);
  const shares = excusedShares(meter, period, excusals, at);
  const final = at >= period.end;
  const context: JudgingContext = {
    elapsed,
    excusedWhole: shares.whole,
    excusedElapsed: shares.elapsed,
    final,
    atRisk: definition.atRisk,
  };
  const judgement = judge(definition, aggregate, context, { period, at, excusals });
  const originalTarget = definition.measure === 'total' ? definition.target : undefined;
  const excused = excusedSummary(period, excusals, shares.whole, originalTarget);
  const evaluation: Evaluation = {
    commitmentId: definition.id,
    period: period.key,
    measure: definition.measure,
    status: judgement.status,
    actual: finiteOr(judgement.actual, 0),
    target: finiteOr(judgement.target, 0),
    expected: finiteOr(judgement.expected, 0),
    projected: finiteOrNull(judgement.projected),
    attainment: finiteOrNull(judgement.attainment),
    elapsed,
    unit: definition.unit,
    evaluatedAt: isoInstant(at),
  };
  if (judgement.budget) evaluation.budget = judgement.budget;
  if (excused) evaluation.excused = excused;
  if (final) evaluation.final = true;
  return evaluation;
}

function judge(
  definition: CommitmentDefinition,
  aggregate: MeasureAggregate,
  context: JudgingContext,
  scope: { period: Period; at: Instant; excusals: Excusal[] },
): MeasureJudgement {
  switch (aggregate.measure) {
    case 'total':
      return judgeTotal(definition, aggregate, context);
    case 'ratio':
      return judgeRatio(definition, aggregate, context);
    case 'duration':
      return judgeDuration(definition, aggregate, context);
    case 'availability':
      return judgeAvailability(definition, aggregate, context, {
        ...scope,
        calendar: calendarOf(definition),
      });
  }
}

/** The aggregate of a period in which nothing has been recorded yet. */
export function emptyAggregate(measure: Measure): MeasureAggregate {
  switch (measure) {
    case 'total':
      return { measure, sum: 0, count: 0 };
    case 'ratio':
      return { measure, good: 0, total: 0 };
    case 'duration':
      return { measure, completed: 0, completedWithin: 0, openOverdue: 0 };
    case 'availability':
      return { measure, outages: [] };
  }
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
