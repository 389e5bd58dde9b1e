import { type BurnRateFinding, firingBurnRate, longestWindow } from '../domain/alerts/burn-rate.js';
import { DEFAULT_MIN_EVENTS } from '../domain/measures/error-budget.js';
import type { Instant } from '../domain/model.js';
import { mapLimit } from './concurrency.js';
import type { StoreDeps } from './deps.js';
import type { Located } from './judge.js';

/** How many commitments' outcome buckets are read at once. */
const READ_CONCURRENCY = 8;

export interface BurnRateReads {
  /** The burn-rate rule that fires now, by commitment id. */
  firing: Map<string, BurnRateFinding>;
  /** Commitments whose outcomes could not be read: judged without their burn-rate alerts this run. */
  failures: Array<{ commitmentId: string; error: unknown }>;
}

/**
 * The burn-rate rule that fires now for each commitment that has burn-rate alerts. One query per
 * such commitment (the hours of its longest window), however many outcomes came.
 */
export async function readBurnRates(
  deps: StoreDeps,
  located: readonly Located[],
  at: Instant,
): Promise<BurnRateReads> {
  const watched = located.filter(
    ({ version }) =>
      version.definition.measure === 'ratio' && (version.definition.alerts?.burnRate ?? []).length > 0,
  );
  const found = await mapLimit(watched, READ_CONCURRENCY, async ({ record, version }) => {
    const { definition } = version;
    const rules = definition.alerts?.burnRate ?? [];
    try {
      const buckets = await deps.events.getOutcomeBuckets(record.id, at - longestWindow(rules), at);
      const minEvents = definition.atRisk.minEvents ?? DEFAULT_MIN_EVENTS;
      const finding = firingBurnRate(rules, buckets, definition.objective ?? 1, at, minEvents);
      return { commitmentId: record.id, finding };
    } catch (error) {
      return { commitmentId: record.id, error };
    }
  });
  const reads: BurnRateReads = { firing: new Map(), failures: [] };
  for (const one of found) {
    if ('error' in one) reads.failures.push({ commitmentId: one.commitmentId, error: one.error });
    else if (one.finding !== undefined) reads.firing.set(one.commitmentId, one.finding);
  }
  return reads;
}
