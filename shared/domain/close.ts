/**
 * Closing a period: the final judgement at the period's end and the service credit it owes.
 *
 * Decisions: credits are owed only by a breached period (never for met or no_data); a breach whose
 * attainment cannot be computed (everything excused, yet a negative correction left it below
 * zero) owes nothing, as no tier can be told to apply. The comparator of objective measures
 * (ratio, duration, availability) is `atLeast`.
 */

import { CodedError } from './coded-error.js';

import { type Evaluation, evaluate } from './evaluate.js';
import { isoInstant } from './instant-format.js';
import type { ExcusedSummary, MeasureAggregate } from './measures/types.js';
import type { CommitmentDefinition, Comparator, CreditTier, Excusal, Instant, Period } from './model.js';
import { DEFAULT_CREDIT_UNIT } from './readable-numbers.js';

export type FinalStatus = 'met' | 'breached' | 'no_data';

export interface ClosedPeriodResult {
  commitmentId: string;
  period: string;
  /** The commitment version that governed the period (see `versions.ts`). */
  version: number;
  status: FinalStatus;
  actual: number;
  target: number;
  attainment: number | null;
  credit: number;
  /** What `credit` counts in (`credits` unless the configuration says `creditUnit`). */
  creditUnit?: string;
  creditTier?: CreditTier;
  excused?: ExcusedSummary;
  /** When the close was recorded, ISO-8601 in the commitment's zone; the judgement is as of period end. */
  closedAt: string;
  evaluation: Evaluation;
}

export interface ClosePeriodInput {
  definition: CommitmentDefinition;
  version: number;
  period: Period;
  aggregate: MeasureAggregate;
  excusals: Excusal[];
  closedAt: Instant;
  /** When the commitment took effect: its first period is judged on the rest of it (prorated). */
  effectiveFrom?: Instant;
}

/** Closing early would judge a period with time still left in it. */
export class PeriodNotEndedError extends CodedError {
  readonly code = 'PERIOD_NOT_ENDED';
  constructor(
    readonly commitmentId: string,
    readonly period: string,
  ) {
    super(`Period ${period} of ${commitmentId} has not ended yet and cannot be closed`);
  }
}

export function closePeriod(input: ClosePeriodInput): ClosedPeriodResult {
  const { definition, period } = input;
  if (input.closedAt < period.end) throw new PeriodNotEndedError(definition.id, period.key);
  const evaluation = evaluate({ ...input, at: period.end });
  const status = finalStatus(evaluation);
  const { credit, tier } =
    status === 'breached'
      ? creditFor(definition.credits, evaluation.attainment, comparatorOf(definition))
      : { credit: 0, tier: undefined };
  const result: ClosedPeriodResult = {
    commitmentId: definition.id,
    period: period.key,
    version: input.version,
    status,
    actual: evaluation.actual,
    target: evaluation.target,
    attainment: evaluation.attainment,
    credit,
    creditUnit: definition.creditUnit ?? DEFAULT_CREDIT_UNIT,
    closedAt: isoInstant(input.closedAt),
    evaluation,
  };
  if (tier) result.creditTier = tier;
  if (evaluation.excused) result.excused = evaluation.excused;
  return result;
}

/**
 * The deepest tier that applies: for `atLeast` the tier with the lowest `below` still above the
 * attainment (below 1.0 → 5, below 0.8 → 15: 0.9 owes 5, 0.7 owes 15, 1.0 owes nothing); for
 * `atMost` the tier with the highest `above` still under it. Ties go to the larger credit.
 */
export function creditFor(
  tiers: CreditTier[],
  attainment: number | null,
  comparator: Comparator,
): { credit: number; tier?: CreditTier } {
  if (attainment === null || !Number.isFinite(attainment)) return { credit: 0 };
  let deepest: CreditTier | undefined;
  for (const tier of tiers) {
    if (!applies(tier, attainment, comparator)) continue;
    if (!deepest || isDeeper(tier, deepest, comparator)) deepest = tier;
  }
  return deepest ? { credit: deepest.credit, tier: deepest } : { credit: 0 };
}

function applies(tier: CreditTier, attainment: number, comparator: Comparator): boolean {
  if (comparator === 'atLeast') return tier.below !== undefined && attainment < tier.below;
  return tier.above !== undefined && attainment > tier.above;
}

function isDeeper(candidate: CreditTier, current: CreditTier, comparator: Comparator): boolean {
  const a = comparator === 'atLeast' ? -(candidate.below ?? 0) : (candidate.above ?? 0);
  const b = comparator === 'atLeast' ? -(current.below ?? 0) : (current.above ?? 0);
  return a > b || (a === b && candidate.credit > current.credit);
}

export function comparatorOf(definition: CommitmentDefinition): Comparator {
  return definition.measure === 'total' ? definition.comparator : 'atLeast';
}

function finalStatus(evaluation: Evaluation): FinalStatus {
  const { status } = evaluation;
  if (status === 'met' || status === 'breached' || status === 'no_data') return status;
  // Unreachable: every measure judges finally from the period's end on.
  throw new PeriodNotEndedError(evaluation.commitmentId, evaluation.period);
}
