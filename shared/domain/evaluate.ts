/**
 * The judge: one commitment, one period, its aggregate and excusals, at one instant, gives the
 * status object the API returns. The field names of `Evaluation` are a public contract.
 *
 * Numbers keep full precision (rounding is the presenter's job); anything that would be NaN or
 * Infinity is null instead. A period is judged finally (met, breached or no_data) from its end on.
 */
import { DateTime } from 'luxon';
import { judgedSpan, proratedTarget } from './effective-start.js';
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
  /** totals whose events may carry fractions (`values: decimal`); absent means whole values. */
  values?: 'decimal';
  budget?: Budget;
  excused?: ExcusedSummary;
  /** The instant judged at, in UTC (`2026-11-18T15:00:00Z`). */
  evaluatedAt: string;
  /** Present and true once the period has ended: the status is final. */
  final?: boolean;
  /**
   * The commitment took effect inside this period (ISO-8601 UTC): it is judged from then on, and a
   * total's target is the full one scaled to the pacing time left then (see `proration`).
   */
  proratedFrom?: string;
  proration?: Proration;
  /** The commitment takes effect only after this period (ISO-8601 UTC): nothing in it is judged. */
  notInEffectUntil?: string;
}

export interface Proration {
  /** The local date it takes effect, in the commitment's zone, for people (`2026-11-27`). */
  localDate: string;
  /** Share of the period's pacing time it is judged on (0 before it takes effect). */
  share: number;
  /** totals: the target of a whole period, before it was prorated. */
  fullTarget?: number;
}

export interface EvaluateInput {
  definition: CommitmentDefinition;
  period: Period;
  aggregate: MeasureAggregate;
  excusals: Excusal[];
  at: Instant;
  /** When the commitment took effect; a period it started in is judged from then on. */
  effectiveFrom?: Instant;
}

export function evaluate(input: EvaluateInput): Evaluation {
  const { aggregate, at } = input;
  if (aggregate.measure !== input.definition.measure) {
    throw new AggregateMismatchError(input.definition.id, input.definition.measure, aggregate.measure);
  }
  const judged = judgedSpan(input.definition, input.period, input.effectiveFrom);
  if (judged.notInEffectUntil !== undefined) return notInEffect(input, judged.notInEffectUntil);
  const period = judged.span;
  const definition = prorated(input.definition, judged.share);
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
  if (definition.measure === 'total' && definition.values === 'decimal') evaluation.values = 'decimal';
  if (judgement.budget) evaluation.budget = judgement.budget;
  if (excused) evaluation.excused = excused;
  if (final) evaluation.final = true;
  if (judged.proratedFrom !== undefined) {
    evaluation.proratedFrom = isoInstant(judged.proratedFrom);
    evaluation.proration = {
      localDate: localDateOf(judged.proratedFrom, definition.timezone),
      share: judged.share,
    };
    if (input.definition.target !== undefined && definition.measure === 'total') {
      evaluation.proration.fullTarget = input.definition.target;
    }
  }
  return evaluation;
}

function prorated(definition: CommitmentDefinition, share: number): CommitmentDefinition {
  if (share >= 1 || definition.target === undefined || definition.measure !== 'total') return definition;
  return { ...definition, target: proratedTarget(definition.target, share) };
}

/** A period wholly before the commitment took effect: nothing to judge, nothing owed. */
function notInEffect(input: EvaluateInput, until: Instant): Evaluation {
  const { definition, period, at } = input;
  const evaluation: Evaluation = {
    commitmentId: definition.id,
    period: period.key,
    measure: definition.measure,
    status: 'no_data',
    actual: 0,
    target: definition.measure === 'total' ? 0 : (definition.objective ?? 0),
    expected: 0,
    projected: null,
    attainment: null,
    elapsed: 0,
    unit: definition.unit,
    evaluatedAt: isoInstant(at),
    notInEffectUntil: isoInstant(until),
    proration: { localDate: localDateOf(until, definition.timezone), share: 0 },
  };
  if (at >= period.end) evaluation.final = true;
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

function localDateOf(at: Instant, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toISODate() ?? '';
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
