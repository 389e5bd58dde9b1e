import type { Instant } from '../domain/model.js';

/**
 * What happened to a source's deliveries. Events are counted one by one (recorded, duplicates,
 * ignored, rejected), except a delivery refused before it was read (`refused`, one per delivery)
 * and a malformed one whose events cannot be told apart (one `rejected`).
 */
export const SOURCE_COUNTS = ['recorded', 'duplicates', 'ignored', 'refused', 'rejected'] as const;
export type SourceCount = (typeof SOURCE_COUNTS)[number];

export interface SourceRefusal {
  at: Instant;
  reason: string;
}

export interface SourceStats {
  counts: Record<SourceCount, number>;
  /** The last delivery that passed verification. */
  lastDeliveryAt?: Instant;
  lastRefusal?: SourceRefusal;
}

export interface SourceStatsStore {
  /** Adds to the counts atomically; a refusal also becomes the last one, a verified delivery the last delivery. */
  add(
    sourceName: string,
    counts: Partial<Record<SourceCount, number>>,
    at: Instant,
    refusal?: string,
  ): Promise<void>;
  /** The stats of each named source; a source that never received anything has none. */
  get(sourceNames: readonly string[]): Promise<Map<string, SourceStats>>;
}
