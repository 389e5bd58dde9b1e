/**
 * Excusals awaiting a decision: a claim the blamed department has not answered changes nothing,
 * so a digest reader should see it waiting, and for how long.
 */
import { isoInstant } from '../instant-format.js';
import type { Department, Excusal, Instant } from '../model.js';
import type { DigestCommitmentInput, PendingExcusal } from './digest-types.js';

const DAY_MS = 24 * 3600_000;

/**
 * Whether the excusal was waiting at `asOf`: claimed by then (or at an unknown time, before claims
 * were timed), and still pending, or decided only afterwards.
 */
export function waitingAt(excusal: Excusal, asOf: Instant): boolean {
  if (excusal.requestedAt !== undefined && excusal.requestedAt > asOf) return false;
  if (excusal.status === 'pending') return true;
  return excusal.status !== undefined && excusal.decidedAt !== undefined && excusal.decidedAt > asOf;
}

/** Per commitment, the claims waiting at `asOf`, the longest-waiting first. */
export function pendingExcusals(
  inputs: readonly DigestCommitmentInput[],
  asOf: Instant,
  departments: Record<string, Department>,
): PendingExcusal[] {
  const lines: Array<PendingExcusal & { since: number }> = [];
  for (const { definition, excusals } of inputs) {
    for (const excusal of excusals) {
      if (!waitingAt(excusal, asOf)) continue;
      const line: PendingExcusal & { since: number } = {
        commitmentId: definition.id,
        title: definition.title,
        excusalId: excusal.id,
        from: isoInstant(excusal.from),
        to: isoInstant(excusal.to),
        timezone: definition.timezone,
        causedBy: excusal.causedBy,
        causedByName: departments[excusal.causedBy]?.name ?? excusal.causedBy,
        reason: excusal.reason,
        // Claims of unknown age were made before any that carry a time.
        since: excusal.requestedAt ?? -Infinity,
      };
      if (excusal.requestedBy !== undefined) line.requestedBy = excusal.requestedBy;
      if (excusal.requestedAt !== undefined) {
        line.requestedAt = isoInstant(excusal.requestedAt);
        line.ageDays = Math.floor((asOf - excusal.requestedAt) / DAY_MS);
      }
      lines.push(line);
    }
  }
  return lines
    .sort(
      (a, b) =>
        a.since - b.since ||
        a.commitmentId.localeCompare(b.commitmentId) ||
        a.from.localeCompare(b.from) ||
        a.excusalId.localeCompare(b.excusalId),
    )
    .map(({ since: _since, ...line }) => line);
}
