import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RETRY } from '../../app/retry-on-conflict.js';
import type { AuditEntry } from '../../domain/audit.js';
import type { AdditiveEvent, RecordResult } from '../../ports/event-store.js';
import { aggregateCounterUpdate } from './aggregate-item.js';
import { auditPut } from './audit-log.js';
import { putNew } from './conditions.js';
import type { EventLookups } from './event-lookups.js';
import { eventCodec } from './item-codecs.js';
import { bucketHours, outcomeBucketUpdates } from './outcome-buckets.js';
import { transactWithRetries } from './transactions.js';

/** DynamoDB allows 100 items a transaction: event puts, the one aggregate update, and outcome buckets. */
export const ITEMS_PER_TRANSACTION = 100;

/** The items one chunk's transaction writes: its events, the aggregate, one bucket per hour. */
const itemsOf = (chunk: AdditiveEvent[]) => chunk.length + 1 + bucketHours(chunk).size;

/**
 * Splits a batch so that each transaction fits: its events, the aggregate, and one bucket item per
 * hour its events count outcomes in (none for most commitments, so 99 events a transaction).
 * `reserve` items are kept free in the last chunk (the request's audit entry): when it is full,
 * its last event moves to a chunk of its own, which has room.
 */
export function chunksOf(events: AdditiveEvent[], reserve = 0): AdditiveEvent[][] {
  const chunks: AdditiveEvent[][] = [];
  let chunk: AdditiveEvent[] = [];
  let hours = new Set<string>();
  for (const event of events) {
    const more = new Set([...hours, ...bucketHours([event])]);
    if (chunk.length > 0 && chunk.length + 1 + 1 + more.size > ITEMS_PER_TRANSACTION) {
      chunks.push(chunk);
      chunk = [];
      hours = bucketHours([event]);
    } else {
      hours = more;
    }
    chunk.push(event);
  }
  if (chunk.length > 0) chunks.push(chunk);
  const last = chunks[chunks.length - 1];
  if (reserve > 0 && last && itemsOf(last) + reserve > ITEMS_PER_TRANSACTION) {
    chunks.push([last.pop() as AdditiveEvent]);
  }
  return chunks;
}

/** The sum of each counter over the events. */
function totalsOf(events: AdditiveEvent[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const { increments } of events) {
    for (const [name, amount] of Object.entries(increments)) totals[name] = (totals[name] ?? 0) + amount;
  }
  return totals;
}

/**
 * Additive events (counts, values): each is put only if new, and the period's counters move by
 * their sum in the same transaction, so a retried batch never counts an event twice.
 */
export function createAdditiveEventWriter(
  doc: DynamoDBDocumentClient,
  tableName: string,
  lookups: EventLookups,
) {
  /**
   * After a failed condition, which events were recorded before (they are duplicates), or, when
   * none was, whether the aggregate refused because the period closed. Returns those still to write.
   */
  async function settleFailedConditions(
    commitmentId: string,
    periodKey: string,
    pending: AdditiveEvent[],
    results: Map<string, RecordResult>,
  ): Promise<AdditiveEvent[]> {
    const existing = await lookups.existingEventIds(
      commitmentId,
      pending.map((e) => e.event.eventId),
    );
    for (const id of existing) results.set(id, 'duplicate');
    const fresh = pending.filter((e) => !existing.has(e.event.eventId));
    if (fresh.length === pending.length && (await lookups.isPeriodClosed(commitmentId, periodKey))) {
      for (const e of fresh) results.set(e.event.eventId, 'closed');
      return [];
    }
    return fresh;
  }

  /**
   * Records one chunk in one transaction; returns the result of each event of the chunk, in order.
   * `entry`, when given, is the request's audit entry for the results the chunk would have if the
   * attempt commits; it is the transaction's last item until a condition shows it is there already.
   */
  async function recordChunk(
    commitmentId: string,
    periodKey: string,
    chunk: AdditiveEvent[],
    entry?: (chunkResults: RecordResult[]) => AuditEntry,
  ): Promise<{ results: RecordResult[]; traced: boolean }> {
    const results = new Map<string, RecordResult>();
    let pending = chunk;
    let traced = false;
    let carrying = false;
    const ifCommitted = () => chunk.map((e) => results.get(e.event.eventId) ?? 'accepted');
    await transactWithRetries(doc, `The aggregate of '${commitmentId}' in ${periodKey}`, {
      items: () => {
        carrying = entry !== undefined && !traced;
        return [
          ...pending.map((e) => putNew(tableName, eventCodec.toItem(withMinute(e)))),
          aggregateCounterUpdate(tableName, commitmentId, periodKey, totalsOf(pending)),
          ...outcomeBucketUpdates(tableName, commitmentId, pending),
          ...(carrying && entry ? [auditPut(tableName, entry(ifCommitted()))] : []),
        ];
      },
      committed: () => {
        for (const e of pending) results.set(e.event.eventId, 'accepted');
        if (carrying) traced = true;
      },
      settle: async (codes) => {
        const entryCode = carrying ? codes[codes.length - 1] : undefined;
        const eventCodes = carrying ? codes.slice(0, -1) : codes;
        // A retried request whose entry was written before: it stays out of the next attempt.
        if (entryCode === 'ConditionalCheckFailed') traced = true;
        const refused = eventCodes.includes('ConditionalCheckFailed');
        if (
          !refused &&
          (entryCode === 'ConditionalCheckFailed' || eventCodes.includes('TransactionConflict'))
        )
          return RETRY;
        pending = await settleFailedConditions(commitmentId, periodKey, pending, results);
        return pending.length === 0 ? undefined : RETRY;
      },
    });
    return { results: chunk.map((e) => results.get(e.event.eventId) ?? 'duplicate'), traced };
  }

  /** Records a batch of one period: duplicates within it first, then chunk by chunk. */
  return async function recordAdditive(
    commitmentId: string,
    periodKey: string,
    events: AdditiveEvent[],
    trace?: (results: RecordResult[]) => AuditEntry,
  ): Promise<{ results: RecordResult[]; traced: boolean }> {
    const results: RecordResult[] = new Array(events.length);
    const firstIndex = new Map<string, number>();
    const unique: AdditiveEvent[] = [];
    events.forEach((e, i) => {
      if (firstIndex.has(e.event.eventId)) {
        results[i] = 'duplicate';
      } else {
        firstIndex.set(e.event.eventId, i);
        unique.push(e);
      }
    });
    // The batch's results with one chunk's as given: what the entry counts if that chunk commits.
    const withChunk = (chunk: AdditiveEvent[], chunkResults: RecordResult[]) => {
      const all = [...results];
      chunk.forEach((e, i) => {
        all[firstIndex.get(e.event.eventId) as number] = chunkResults[i] as RecordResult;
      });
      return all;
    };
    const chunks = chunksOf(unique, trace ? 1 : 0);
    let traced = false;
    for (const [n, chunk] of chunks.entries()) {
      const entry =
        trace && n === chunks.length - 1
          ? (chunkResults: RecordResult[]) => trace(withChunk(chunk, chunkResults))
          : undefined;
      const outcome = await recordChunk(commitmentId, periodKey, chunk, entry);
      chunk.forEach((e, i) => {
        results[firstIndex.get(e.event.eventId) as number] = outcome.results[i] as RecordResult;
      });
      traced = outcome.traced;
    }
    return { results, traced };
  };
}

/** The stored event remembers the minute its outcomes were bucketed in, for a later void. */
const withMinute = (e: AdditiveEvent) =>
  e.minute === undefined ? e.event : { ...e.event, minute: e.minute };
