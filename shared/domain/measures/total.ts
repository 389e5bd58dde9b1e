/**
 * `total`: a sum of event values against a target, `atLeast` (leads, revenue) or `atMost`
 * (spend, incidents).
 *
 * With E the elapsed share, X the excused share of the period and Xe the excused share gone so far:
 * - effective target T' = T·(1 − X) (excusals scale it down pro rata, for both comparators:
 *   an excused stretch is taken out of the period, so the allowance for it goes too);
 * - expected = T·(E − Xe): the target paced over the time the provider could work so far;
 * - projected = actual·(1 − X)/(E − Xe): the current pace kept over the workable rest of the
 *   period (null before any workable time has passed);
 * - attainment = actual / T' (null when everything is excused and T' is 0).
 */
import type { CommitmentDefinition } from '../model.js';
import { IncompleteDefinitionError } from './errors.js';
import { type AggregateOf, type JudgingContext, type MeasureJudgement, share } from './types.js';

export function judgeTotal(
  definition: CommitmentDefinition,
  aggregate: AggregateOf<'total'>,
  context: JudgingContext,
): MeasureJudgement {
  const target = definition.target;
  if (target === undefined) throw new IncompleteDefinitionError(definition.id, 'target');
  const { elapsed, excusedWhole, excusedElapsed } = context;
  const actual = aggregate.sum;
  const effectiveTarget = target * (1 - excusedWhole);
  const workedShare = Math.max(0, elapsed - excusedElapsed);
  const projected = workedShare > 0 ? share(actual * (1 - excusedWhole), workedShare) : null;
  const numbers = {
    actual,
    target: effectiveTarget,
    expected: target * workedShare,
    projected,
    attainment: share(actual, effectiveTarget),
  };
  const status =
    definition.comparator === 'atMost'
      ? atMostStatus(actual, effectiveTarget, projected, context)
      : atLeastStatus(actual, effectiveTarget, projected, context);
  return { status, ...numbers };
}

/** Met as soon as the target is reached, even mid-period: delivered units cannot be undelivered. */
function atLeastStatus(
  actual: number,
  target: number,
  projected: number | null,
  context: JudgingContext,
): MeasureJudgement['status'] {
  if (actual >= target) return 'met';
  if (context.final) return 'breached';
  const projectedAttainment = projected === null ? null : share(projected, target);
  const warned =
    context.elapsed >= context.atRisk.notBefore &&
    projectedAttainment !== null &&
    projectedAttainment < context.atRisk.projectedBelow;
  return warned ? 'at_risk' : 'on_track';
}

/** Breached as soon as the cap is exceeded (spend cannot be unspent); met only at close. */
function atMostStatus(
  actual: number,
  target: number,
  projected: number | null,
  context: JudgingContext,
): MeasureJudgement['status'] {
  if (actual > target) return 'breached';
  if (context.final) return 'met';
  const warned = context.elapsed >= context.atRisk.notBefore && projected !== null && projected > target;
  return warned ? 'at_risk' : 'on_track';
}
