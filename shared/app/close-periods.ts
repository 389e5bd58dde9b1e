import { SCHEDULE_ACTOR } from '../domain/audit.js';
import { type ClosedPeriodResult, closePeriod } from '../domain/close.js';
import { latestVersion, measureAggregate, overdueTimers } from '../domain/judgement.js';
import type { Instant, Period } from '../domain/model.js';
import { nextPeriod, periodFromKey, periodOf } from '../domain/periods.js';
import { governingVersion } from '../domain/versions.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';
import type { AggregateRecord, TimerRecord } from '../ports/event-store.js';
import { aggregateMapKey } from '../ports/event-store.js';
import { auditEntry } from './audit.js';
import type { StoreDeps } from './deps.js';
import { RETRY, retryOnConflict } from './retry-on-conflict.js';

/**
 * How long after its end a period stays open for late events (a lead created at 23:58 and sent at
 * 00:03 still counts in the month it belongs to). After that the evaluator closes it for good.
 */
export const CLOSE_GRACE_MS = 60 * 60_000;
const CLOSE_RETRIES = 5;

/** The periods of a commitment that have ended (plus grace) and are not closed yet, oldest first. */
export function periodsToClose(record: CommitmentRecord, now: Instant, graceMs = CLOSE_GRACE_MS): Period[] {
  const latest = latestVersion(record).definition;
  const first = record.versions[0];
  if (!first) return [];
  let period = record.closedThrough
    ? nextPeriod(periodFromKey(record.closedThrough, latest.timezone))
    : periodOf(latest.period, first.effectiveFrom, latest.timezone);
  if (record.activeSince !== undefined) {
    // Periods before it took effect (created later, or spent archived) are skipped, not judged.
    const resumed = periodOf(latest.period, record.activeSince, latest.timezone);
    if (resumed.start > period.start) period = resumed;
  }
  const due: Period[] = [];
  while (period.end + graceMs <= now) {
    due.push(period);
    period = nextPeriod(period);
  }
  return due;
}

/** What the evaluator read in bulk before closing, so that each close reads nothing more on its first try. */
export interface ClosePrefetch {
  aggregates: Map<string, AggregateRecord>;
  /** Running timers due by each period end (by the period end instant). */
  dueTimersByEnd: Map<number, TimerRecord[]>;
}

/** Reads, in a few batched requests, what closing these commitments' ended periods needs. */
export async function prefetchForClosing(
  deps: StoreDeps,
  due: Array<{ record: CommitmentRecord; period: Period }>,
): Promise<ClosePrefetch> {
  const aggregates = await deps.events.getAggregates(
    due.map(({ record, period }) => ({ commitmentId: record.id, periodKey: period.key })),
  );
  const dueTimersByEnd = new Map<number, TimerRecord[]>();
  for (const { record, period } of due) {
    const measure = (governingVersion(record.versions, period) ?? latestVersion(record)).definition.measure;
    if (measure === 'duration' && !dueTimersByEnd.has(period.end)) {
      dueTimersByEnd.set(period.end, await deps.events.listDueTimers(period.end));
    }
  }
  return { aggregates, dueTimersByEnd };
}

/**
 * Closes every ended period of one commitment: the final result with the version that governed it,
 * credits into the ledger, exactly once even when evaluators race (the store's conditions decide).
 * With a prefetch, the first attempt reads nothing; a retry after a conflict reads afresh.
 */
export async function closeEndedPeriods(
  deps: StoreDeps,
  record: CommitmentRecord,
  now: Instant,
  graceMs = CLOSE_GRACE_MS,
  prefetch?: ClosePrefetch,
): Promise<ClosedPeriodResult[]> {
  const closed: ClosedPeriodResult[] = [];
  let closedBefore = record.closedThrough;
  for (const period of periodsToClose(record, now, graceMs)) {
    const version = governingVersion(record.versions, period) ?? latestVersion(record);
    const definition = version.definition;
    const settled = await retryOnConflict(
      async (attempt) => {
        const key = aggregateMapKey(record.id, period.key);
        const fresh = attempt > 0 || !prefetch;
        const stored = fresh
          ? (await deps.events.getAggregates([{ commitmentId: record.id, periodKey: period.key }])).get(key)
          : prefetch.aggregates.get(key);
        if (stored?.closedAt !== undefined) return true;
        const dueTimers =
          definition.measure !== 'duration'
            ? []
            : fresh
              ? await deps.events.listDueTimers(period.end)
              : (prefetch.dueTimersByEnd.get(period.end) ?? (await deps.events.listDueTimers(period.end)));
        const excusals = stored?.excusals ?? [];
        // Periods close in order, so every earlier one is closed by now.
        const overdue = overdueTimers({
          definition,
          period,
          timers: dueTimers,
          excusals,
          at: period.end,
          earlierPeriodsClosed: true,
        });
        const result = closePeriod({
          definition,
          version: version.version,
          period,
          aggregate: measureAggregate({
            definition,
            period,
            stored,
            openOutages: record.openOutages,
            overdueOpen: overdue.length,
            firstEventAt: record.firstEventAt,
          }),
          excusals,
          closedAt: now,
          effectiveFrom: record.activeSince,
        });
        const outcome = await deps.results.close({
          result,
          provider: definition.provider,
          aggregateRev: stored?.rev ?? 0,
          now,
          ...(closedBefore === undefined ? {} : { superseded: closedBefore }),
          audit: closeEntry(result, now),
        });
        // `conflict`: an event slipped in between reading and closing; judge again with it counted.
        if (outcome === 'conflict') return RETRY;
        if (outcome === 'closed') {
          closed.push(result);
          // The overdue timers were counted as misses here; they leave the due index for good.
          for (const timer of overdue) await deps.events.retireTimer(record.id, timer.subject);
        }
        return true;
      },
      // A period that keeps losing races stays open (and so do the later ones); a later run closes it.
      { attempts: CLOSE_RETRIES, what: `Period ${period.key} of '${record.id}'`, exhausted: () => false },
    );
    // Periods close in order: never close a later one while an earlier one is still open.
    if (!settled) break;
    closedBefore = period.key;
  }
  return closed;
}

/** A period can close only once, so the period is the close's key; credits owed are in its detail. */
function closeEntry(result: ClosedPeriodResult, now: Instant) {
  return auditEntry(now, SCHEDULE_ACTOR, {
    action: 'period.closed',
    key: result.period,
    commitmentId: result.commitmentId,
    period: result.period,
    detail: {
      status: result.status,
      actual: result.actual,
      target: result.target,
      attainment: result.attainment,
      credit: result.credit,
      version: result.version,
    },
  });
}
