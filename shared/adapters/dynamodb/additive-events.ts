import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RETRY } from '../../app/retry-on-conflict.js';
import type { AdditiveEvent, RecordResult } from '../../ports/event-store.js';
import { aggregateCounterUpdate } from './aggregate-item.js';
import { putNew } from './conditions.js';
import type { EventLookups } from './event-lookups.js';
import { eventCodec } from './item-codecs.js';
import { bucketHours, outcomeBucketUpdates } from './outcome-buckets.js';
import { transactWithRetries } from './transactions.js';

/** DynamoDB allows 100 items a transaction: event puts, the one aggregate update, and outcome buckets. */
const ITEMS_PER_TRANSACTION = 100;

/**
 * Splits a batch so that each transaction fits: its events, the aggregate, and one bucket item per
 * hour its events count outcomes in (none for most commitments, so 99 events a transaction).
 */
function chunksOf(events: AdditiveEvent[]): AdditiveEvent[][] {
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

  /** Records one chunk in one transaction; returns the result of each event of the chunk, in order. */
  async function recordChunk(
    commitmentId: string,
    periodKey: string,
    chunk: AdditiveEvent[],
  ): Promise<RecordResult[]> {
    const results = new Map<string, RecordResult>();
    let pending = chunk;
    await transactWithRetries(doc, `The aggregate of '${commitmentId}' in ${periodKey}`, {
      items: () => [
        ...pending.map((e) => putNew(tableName, eventCodec.toItem(withMinute(e)))),
        aggregateCounterUpdate(tableName, commitmentId, periodKey, totalsOf(pending)),
        ...outcomeBucketUpdates(tableName, commitmentId, pending),
      ],
      committed: () => {
        for (const e of pending) results.set(e.event.eventId, 'accepted');
      },
      settle: async (codes) => {
        if (codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed')) return RETRY;
        pending = await settleFailedConditions(commitmentId, periodKey, pending, results);
        return pending.length === 0 ? undefined : RETRY;
      },
    });
    return chunk.map((e) => results.get(e.event.eventId) ?? 'duplicate');
  }

  /** Records a batch of one period: duplicates within it first, then chunk by chunk. */
  return async function recordAdditive(
    commitmentId: string,
    periodKey: string,
    events: AdditiveEvent[],
  ): Promise<RecordResult[]> {
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
    for (const chunk of chunksOf(unique)) {
      const chunkResults = await recordChunk(commitmentId, periodKey, chunk);
      chunk.forEach((e, i) => {
        results[firstIndex.get(e.event.eventId) as number] = chunkResults[i] as RecordResult;
      });
    }
    return results;
  };
}

/** The stored event remembers the minute its outcomes were bucketed in, for a later void. */
const withMinute = (e: AdditiveEvent) =>
  e.minute === undefined ? e.event : { ...e.event, minute: e.minute };
