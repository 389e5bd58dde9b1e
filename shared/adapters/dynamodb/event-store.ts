import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Instant } from '../../domain/model.js';
import {
  type AdditiveEvent,
  type AggregateRecord,
  aggregateMapKey,
  type EventStore,
  type OutageRecord,
  type RecordResult,
  type StatefulResult,
  type StatefulWrite,
  type StoredEvent,
  type TimerRecord,
  uniqueKeys,
} from '../../ports/event-store.js';
import {
  aggregateCounterUpdate,
  aggregateFromItem,
  EXCUSAL_PREFIX,
  OUTAGE_PREFIX,
} from './aggregate-item.js';
import { DUE_TIMER_PARTITION, keys } from './keys.js';
import { batchGetAll, queryAll } from './paging.js';
import { GSI1 } from './table-definition.js';
import { backoff, cancellationCodes, requestToken } from './transactions.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** DynamoDB allows 100 items a transaction: 99 event puts and the one aggregate update. */
const EVENTS_PER_TRANSACTION = 99;
/** Events are kept this long for idempotency and export, then expire through TTL. */
const EVENT_RETENTION_SECONDS = 400 * 24 * 3600;
const MAX_CONFLICT_RETRIES = 8;

const iso = (at: Instant) => new Date(at).toISOString();

export function createDynamoEventStore(doc: DynamoDBDocumentClient, tableName: string): EventStore {
  const eventPut = (event: StoredEvent): TransactItem => ({
    Put: {
      TableName: tableName,
      Item: {
        ...keys.event(event.commitmentId, event.eventId),
        ...keys.eventListEntry(event.commitmentId, event.periodKey, iso(event.at), event.eventId),
        type: 'event',
        ...event,
        expiresAt: Math.floor(event.recordedAt / 1000) + EVENT_RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });

  async function existingEventIds(commitmentId: string, eventIds: string[]): Promise<Set<string>> {
    const items = await batchGetAll(
      doc,
      tableName,
      eventIds.map((id) => keys.event(commitmentId, id)),
      { consistentRead: true, projection: 'eventId' },
    );
    return new Set(items.map((item) => item.eventId as string));
  }

  async function isPeriodClosed(commitmentId: string, periodKey: string): Promise<boolean> {
    const out = await doc.send(
      new GetCommand({
        TableName: tableName,
        Key: keys.aggregate(commitmentId, periodKey),
        ProjectionExpression: 'closedAt',
        ConsistentRead: true,
      }),
    );
    return out.Item?.closedAt !== undefined;
  }

  /** Records one chunk; returns the result of each event of the chunk, in order. */
  async function recordChunk(
    commitmentId: string,
    periodKey: string,
    chunk: AdditiveEvent[],
  ): Promise<RecordResult[]> {
    const results = new Map<string, RecordResult>();
    let pending = chunk;
    for (let attempt = 0; pending.length > 0; attempt++) {
      const totals: Record<string, number> = {};
      for (const { increments } of pending) {
        for (const [name, amount] of Object.entries(increments)) totals[name] = (totals[name] ?? 0) + amount;
      }
      const ids = pending.map((e) => e.event.eventId);
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              ...pending.map((e) => eventPut(e.event)),
              aggregateCounterUpdate(tableName, commitmentId, periodKey, totals),
            ],
            ClientRequestToken: requestToken(),
          }),
        );
        for (const id of ids) results.set(id, 'accepted');
        pending = [];
      } catch (error) {
        const reasons = cancellationCodes(error);
        if (!reasons) throw error;
        if (reasons.includes('TransactionConflict') && !reasons.includes('ConditionalCheckFailed')) {
          if (attempt >= MAX_CONFLICT_RETRIES) throw error;
          await backoff(attempt);
          continue;
        }
        // A condition failed: some events were recorded before (retries), or the period is closed.
        // Find out which, from the table itself, so it works whatever the cancellation detail says.
        const existing = await existingEventIds(commitmentId, ids);
        for (const id of existing) results.set(id, 'duplicate');
        const fresh = pending.filter((e) => !existing.has(e.event.eventId));
        if (fresh.length === pending.length) {
          // No event was there before, so the aggregate's condition failed: the period is closed.
          if (await isPeriodClosed(commitmentId, periodKey)) {
            for (const e of fresh) results.set(e.event.eventId, 'closed');
            pending = [];
            continue;
          }
          await backoff(attempt);
        }
        pending = fresh;
        if (attempt >= MAX_CONFLICT_RETRIES) throw error;
      }
    }
    return chunk.map((e) => results.get(e.event.eventId) ?? 'duplicate');
  }

  async function recordStateful<S extends { revision: number }>(
    write: StatefulWrite<S>,
    stateItem: (next: S) => Record<string, unknown>,
    extra: TransactItem[],
  ): Promise<StatefulResult> {
    const { event } = write;
    const items: TransactItem[] = [
      eventPut(event),
      {
        Put: {
          TableName: tableName,
          Item: stateItem(write.next),
          ...(write.expectedRevision === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'revision = :r',
                ExpressionAttributeValues: { ':r': write.expectedRevision },
              }),
        },
      },
      ...write.aggregates.map((a) =>
        aggregateCounterUpdate(
          tableName,
          event.commitmentId,
          a.periodKey,
          a.increments ?? {},
          a.outage
            ? { [`${OUTAGE_PREFIX}${a.outage.incident}`]: { down: a.outage.down, up: a.outage.up } }
            : {},
        ),
      ),
      ...extra,
    ];
    for (let attempt = 0; ; attempt++) {
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: items,
            ClientRequestToken: requestToken(),
          }),
        );
        return 'accepted';
      } catch (error) {
        const reasons = cancellationCodes(error);
        if (!reasons) throw error;
        if ((await existingEventIds(event.commitmentId, [event.eventId])).size > 0) return 'duplicate';
        for (const a of write.aggregates) {
          if (await isPeriodClosed(event.commitmentId, a.periodKey)) return 'closed';
        }
        if (reasons.includes('ConditionalCheckFailed')) return 'conflict';
        if (attempt >= MAX_CONFLICT_RETRIES) throw error;
        await backoff(attempt);
      }
    }
  }

  const timerItem = (t: TimerRecord) => ({
    ...keys.subject(t.commitmentId, t.subject),
    // In the due index only while it runs and has not been counted as a miss yet.
    ...(t.dueAt !== undefined && t.stoppedAt === undefined && !t.retired
      ? keys.dueTimerEntry(iso(t.dueAt), t.commitmentId, t.subject)
      : {}),
    type: 'timer',
    ...t,
  });

  return {
    async recordAdditive(commitmentId, periodKey, events) {
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
      for (let start = 0; start < unique.length; start += EVENTS_PER_TRANSACTION) {
        const chunk = unique.slice(start, start + EVENTS_PER_TRANSACTION);
        const chunkResults = await recordChunk(commitmentId, periodKey, chunk);
        chunk.forEach((e, i) => {
          results[firstIndex.get(e.event.eventId) as number] = chunkResults[i] as RecordResult;
        });
      }
      return results;
    },

    async hasEvent(commitmentId, eventId) {
      return (await existingEventIds(commitmentId, [eventId])).size > 0;
    },

    async getTimer(commitmentId, subject) {
      const out = await doc.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.subject(commitmentId, subject),
          ConsistentRead: true,
        }),
      );
      return out.Item ? (strip(out.Item) as unknown as TimerRecord) : undefined;
    },

    recordTimerEvent(write) {
      return recordStateful(write, timerItem, []);
    },

    async getOutage(commitmentId, incident) {
      const out = await doc.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.outage(commitmentId, incident),
          ConsistentRead: true,
        }),
      );
      return out.Item ? (strip(out.Item) as unknown as OutageRecord) : undefined;
    },

    recordOutageEvent(write) {
      const head: TransactItem[] = [];
      if (write.openOutage) {
        const change = write.openOutage;
        const measured = 'firstEventAt = if_not_exists(firstEventAt, :at)';
        head.push({
          Update: {
            TableName: tableName,
            Key: keys.commitmentHead(write.event.commitmentId),
            UpdateExpression:
              'closed' in change
                ? `REMOVE openOutages.#i SET ${measured}`
                : `SET openOutages.#i = :down, ${measured}`,
            ConditionExpression: 'attribute_exists(openOutages)',
            ExpressionAttributeNames: { '#i': change.incident },
            ExpressionAttributeValues: {
              ':at': write.event.at,
              ...('closed' in change ? {} : { ':down': change.down }),
            },
          },
        });
      }
      return recordStateful(
        write,
        (o: OutageRecord) => ({ ...keys.outage(o.commitmentId, o.incident), type: 'outage', ...o }),
        head,
      );
    },

    async recordHeartbeat(event) {
      for (let attempt = 0; ; attempt++) {
        try {
          await doc.send(
            new TransactWriteCommand({
              TransactItems: [
                eventPut(event),
                aggregateCounterUpdate(tableName, event.commitmentId, event.periodKey, { heartbeats: 1 }),
                {
                  Update: {
                    TableName: tableName,
                    Key: keys.commitmentHead(event.commitmentId),
                    UpdateExpression: 'SET firstEventAt = if_not_exists(firstEventAt, :at)',
                    ConditionExpression: 'attribute_exists(pk)',
                    ExpressionAttributeValues: { ':at': event.at },
                  },
                },
              ],
              ClientRequestToken: requestToken(),
            }),
          );
          return 'accepted';
        } catch (error) {
          const reasons = cancellationCodes(error);
          if (!reasons) throw error;
          if ((await existingEventIds(event.commitmentId, [event.eventId])).size > 0) return 'duplicate';
          if (await isPeriodClosed(event.commitmentId, event.periodKey)) return 'closed';
          if (attempt >= MAX_CONFLICT_RETRIES) throw error;
          await backoff(attempt);
        }
      }
    },

    async listDueTimers(at) {
      const items = await queryAll(doc, {
        TableName: tableName,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :p AND gsi1sk <= :at',
        ExpressionAttributeValues: { ':p': DUE_TIMER_PARTITION, ':at': `${iso(at)}#\uffff` },
      });
      return items.map((item) => strip(item) as unknown as TimerRecord);
    },

    async retireTimer(commitmentId, subject) {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.subject(commitmentId, subject),
          // The revision moves too, so a stop racing this retirement re-reads and does not count twice.
          UpdateExpression: 'REMOVE gsi1pk, gsi1sk SET retired = :t ADD revision :one',
          ExpressionAttributeValues: { ':t': true, ':one': 1 },
        }),
      );
    },

    async getAggregates(wanted) {
      const result = new Map<string, AggregateRecord>();
      const items = await batchGetAll(
        doc,
        tableName,
        uniqueKeys(wanted).map((k) => keys.aggregate(k.commitmentId, k.periodKey)),
      );
      for (const item of items) {
        const record = aggregateFromItem(item);
        result.set(aggregateMapKey(record.commitmentId, record.periodKey), record);
      }
      return result;
    },

    async addExcusal(commitmentId, periodKeys, excusal) {
      const attribute = `${EXCUSAL_PREFIX}${excusal.id}`;
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: periodKeys.map((periodKey) => ({
              Update: {
                TableName: tableName,
                Key: keys.aggregate(commitmentId, periodKey),
                UpdateExpression:
                  'SET #type = :type, commitmentId = :cid, periodKey = :period, #x = :x ADD rev :one',
                ConditionExpression: 'attribute_not_exists(#closedAt) AND attribute_not_exists(#x)',
                ExpressionAttributeNames: { '#type': 'type', '#closedAt': 'closedAt', '#x': attribute },
                ExpressionAttributeValues: {
                  ':type': 'aggregate',
                  ':cid': commitmentId,
                  ':period': periodKey,
                  ':x': excusal,
                  ':one': 1,
                },
              },
            })),
          }),
        );
        return 'accepted';
      } catch (error) {
        if (!cancellationCodes(error)) throw error;
        for (const periodKey of periodKeys) {
          if (await isPeriodClosed(commitmentId, periodKey)) return 'closed';
        }
        return 'duplicate';
      }
    },

    async listEvents(commitmentId, periodKey) {
      const items = await queryAll(doc, {
        TableName: tableName,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': keys.eventListPartition(commitmentId, periodKey) },
      });
      return items.map(({ commitmentId: c, eventId, periodKey: p, at, recordedAt, body }) => ({
        commitmentId: c,
        eventId,
        periodKey: p,
        at,
        recordedAt,
        body,
      })) as StoredEvent[];
    },
  };
}

/** Drops the table's own attributes (keys, index keys, type) from an item. */
function strip(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, ...rest } = item;
  return rest;
}
