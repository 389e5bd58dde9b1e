import { type DynamoDBDocumentClient, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EventStore } from '../../ports/event-store.js';
import { createAdditiveEventWriter } from './additive-events.js';
import { aggregateFromItem, EXCUSAL_PREFIX } from './aggregate-item.js';
import { createEventHistory } from './event-history.js';
import { createEventLookups } from './event-lookups.js';
import { eventCodec, iso, outageCodec, timerCodec } from './item-codecs.js';
import { getByCommitmentPeriod, getItem } from './item-reads.js';
import { DUE_TIMER_PARTITION, keys } from './keys.js';
import { createOpenTimerReads } from './open-timer-reads.js';
import { readOutcomeBuckets } from './outcome-buckets.js';
import { queryAll } from './paging.js';
import { createStatefulEventWriter } from './stateful-writes.js';
import { GSI1 } from './table-definition.js';
import { cancellationCodes } from './transactions.js';

/**
 * Events and what they add up to: additive events (additive-events.ts), timer and outage events
 * (stateful-writes.ts), the per-period aggregates they move, and the reads the evaluator makes.
 */
export function createDynamoEventStore(doc: DynamoDBDocumentClient, tableName: string): EventStore {
  const lookups = createEventLookups(doc, tableName);
  const stateful = createStatefulEventWriter(doc, tableName, lookups);
  const openTimers = createOpenTimerReads(doc, tableName);
  const history = createEventHistory(doc, tableName, lookups);

  return {
    ...history,
    recordAdditive: createAdditiveEventWriter(doc, tableName, lookups),
    hasEvent: lookups.hasEvent,
    recordTimerEvent: stateful.recordTimerEvent,
    recordOutageEvent: stateful.recordOutageEvent,
    recordHeartbeat: stateful.recordHeartbeat,

    async getTimer(commitmentId, subject) {
      const item = await getItem(doc, tableName, keys.subject(commitmentId, subject));
      return item ? timerCodec.fromItem(item) : undefined;
    },

    async getOutage(commitmentId, incident) {
      const item = await getItem(doc, tableName, keys.outage(commitmentId, incident));
      return item ? outageCodec.fromItem(item) : undefined;
    },

    async listDueTimers(at) {
      const items = await queryAll(doc, {
        TableName: tableName,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :p AND gsi1sk <= :at',
        ExpressionAttributeValues: { ':p': DUE_TIMER_PARTITION, ':at': `${iso(at)}#\uffff` },
      });
      return items.map(timerCodec.fromItem);
    },

    listOpenTimers: openTimers.page,
    listOpenTimersDueBy: openTimers.dueBy,

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

    getOutcomeBuckets: (commitmentId, from, to) => readOutcomeBuckets(doc, tableName, commitmentId, from, to),

    getAggregates(wanted) {
      return getByCommitmentPeriod(doc, tableName, wanted, {
        keyOf: keys.aggregate,
        read: aggregateFromItem,
        periodOf: (aggregate) => aggregate,
      });
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
          if (await lookups.isPeriodClosed(commitmentId, periodKey)) return 'closed';
        }
        return 'duplicate';
      }
    },

    async decideExcusal(commitmentId, periodKeys, excusal) {
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: periodKeys.map((periodKey) => ({
              Update: {
                TableName: tableName,
                Key: keys.aggregate(commitmentId, periodKey),
                UpdateExpression: 'SET #x = :x ADD rev :one',
                ConditionExpression: 'attribute_not_exists(#closedAt) AND #x.#status = :pending',
                ExpressionAttributeNames: {
                  '#closedAt': 'closedAt',
                  '#x': `${EXCUSAL_PREFIX}${excusal.id}`,
                  '#status': 'status',
                },
                ExpressionAttributeValues: { ':x': excusal, ':pending': 'pending', ':one': 1 },
              },
            })),
          }),
        );
        return 'decided';
      } catch (error) {
        if (!cancellationCodes(error)) throw error;
        for (const periodKey of periodKeys) {
          if (await lookups.isPeriodClosed(commitmentId, periodKey)) return 'closed';
        }
        return 'conflict';
      }
    },

    async listEvents(commitmentId, periodKey) {
      const items = await queryAll(doc, {
        TableName: tableName,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': keys.eventListPartition(commitmentId, periodKey) },
      });
      return items.map(eventCodec.fromItem);
    },
  };
}
