/**
 * Commitment versions: which definition judges which period.
 *
 * The first version governs from the start of the period it was created in; the commitment itself
 * is judged only from when it took effect (a commitment made on the 10th is judged on the rest of
 * that month, prorated: see `effective-start.ts`). An amendment governs from the next period, unless it is
 * applied as immediate, when it governs from its creation and so judges the current period whole.
 * A period is judged by the newest version in effect before it ended and created before it ended:
 * a closed period never meets a version written after it, so there are no back-dated breaches.
 */
import type { CommitmentDefinition, Instant, Period, PeriodKind } from './model.js';
import { nextPeriod, periodOf } from './periods.js';

export interface CommitmentVersion {
  version: number;
  effectiveFrom: Instant;
  createdAt: Instant;
  immediate: boolean;
  definition: CommitmentDefinition;
}

export interface EffectiveFromInput {
  kind: PeriodKind;
  zone: string;
  createdAt: Instant;
  immediate: boolean;
  isFirst: boolean;
}

export function effectiveFromFor(input: EffectiveFromInput): Instant {
  const current = periodOf(input.kind, input.createdAt, input.zone);
  if (input.isFirst) return current.start;
  if (input.immediate) return input.createdAt;
  return nextPeriod(current).start;
}

/**
 * The newest version (highest number) in effect before the period ended. Choosing by number, not
 * by effectiveFrom, keeps a later immediate amendment in force over an earlier one that was
 * scheduled for the next period.
 */
export function governingVersion(
  versions: CommitmentVersion[],
  period: Period,
): CommitmentVersion | undefined {
  let governing: CommitmentVersion | undefined;
  for (const candidate of versions) {
    if (candidate.effectiveFrom >= period.end || candidate.createdAt >= period.end) continue;
    if (!governing || candidate.version > governing.version) governing = candidate;
  }
  return governing;
}
