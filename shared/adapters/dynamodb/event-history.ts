import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RETRY } from '../../app/retry-on-conflict.js';
import { MAX_BURN_RATE_WINDOW_MS } from '../../domain/limits.js';
import type { Instant } from '../../domain/model.js';
import type {
  AdditiveEvent,
  EventPage,
  StoredEvent,
  VoidResult,
  VoidWrite,
} from '../../ports/event-store.js';
import { aggregateCounterUpdate } from './aggregate-item.js';
import { auditPut } from './audit-log.js';
import { decodeCursor, encodeCursor, queryNewestFirst } from './cursor.js';
import type { EventLookups } from './event-lookups.js';
import { eventCodec } from './item-codecs.js';
import { getItem } from './item-reads.js';
import { keys } from './keys.js';
import { outcomeBucketUpdates } from './outcome-buckets.js';
import { GSI1 } from './table-definition.js';
import { transactWithRetries } from './transactions.js';

/** Negates every counter, so a void takes back exactly what the event added. */
const negated = (increments: Record<string, number>) =>
  Object.fromEntries(Object.entries(increments).map(([name, amount]) => [name, -amount]));

/**
 * The outcomes a void takes back out of its minute's burn-rate bucket: only for an event that was
 * bucketed, and only while a window can still read that minute (an older bucket may already have
 * expired, and adding to it would bring it back negative).
 */
function bucketedOutcomes(
  event: StoredEvent,
  increments: Record<string, number>,
  now: Instant,
): AdditiveEvent[] {
  if (event.minute === undefined || now - event.minute >= MAX_BURN_RATE_WINDOW_MS) return [];
  return [{ event, minute: event.minute, increments: negated(increments) }];
}

/**
 * Recorded events as people see and undo them: one event, a period's events page by page, and a
 * void that takes the event's counts back out of its aggregate.
 */
export function createEventHistory(doc: DynamoDBDocumentClient, tableName: string, lookups: EventLookups) {
  async function getEvent(commitmentId: string, eventId: string): Promise<StoredEvent | undefined> {
    const item = await getItem(doc, tableName, keys.event(commitmentId, eventId));
    return item ? eventCodec.fromItem(item) : undefined;
  }

  async function listEventPage(
    commitmentId: string,
    periodKey: string,
    page: { limit: number; cursor?: string; source?: string },
  ): Promise<EventPage> {
    const partition = keys.eventListPartition(commitmentId, periodKey);
    const cursor =
      page.cursor === undefined
        ? undefined
        : decodeCursor(page.cursor, (c) => c.m === undefined && c.k?.gsi1pk === partition);
    const { items, last } = await queryNewestFirst(
      doc,
      {
        TableName: tableName,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :p',
        ...(page.source === undefined
          ? { ExpressionAttributeValues: { ':p': partition } }
          : {
              FilterExpression: 'via = :s OR #by = :s OR #by = :sp OR #body.#source = :s',
              ExpressionAttributeNames: { '#by': 'by', '#body': 'body', '#source': 'source' },
              ExpressionAttributeValues: {
                ':p': partition,
                ':s': page.source,
                ':sp': `source:${page.source}`,
              },
            }),
      },
      page.limit,
      cursor?.k,
    );
    return { events: items.map(eventCodec.fromItem), ...(last ? { cursor: encodeCursor({ k: last }) } : {}) };
  }

  /**
   * The event is marked voided only if it is not yet (so a second void changes nothing), its
   * aggregate gives back what it added only while its period is open, and the audit entry is put
   * only if new: all three in one transaction, or none.
   */
  function voidEvent(write: VoidWrite): Promise<VoidResult> {
    const { event } = write;
    return transactWithRetries<VoidResult>(
      doc,
      `Voiding event '${event.eventId}' of '${event.commitmentId}'`,
      {
        items: () => [
          {
            Update: {
              TableName: tableName,
              Key: keys.event(event.commitmentId, event.eventId),
              UpdateExpression: 'SET voided = :voided',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(voided)',
              ExpressionAttributeValues: { ':voided': write.voided },
            },
          },
          aggregateCounterUpdate(tableName, event.commitmentId, event.periodKey, negated(write.increments)),
          ...outcomeBucketUpdates(
            tableName,
            event.commitmentId,
            bucketedOutcomes(event, write.increments, write.voided.at),
          ),
          auditPut(tableName, write.audit),
        ],
        committed: () => 'voided',
        settle: async () => {
          const current = await getEvent(event.commitmentId, event.eventId);
          if (!current) return 'missing';
          if (current.voided) return 'already';
          if (await lookups.isPeriodClosed(event.commitmentId, event.periodKey)) return 'closed';
          return RETRY;
        },
      },
    );
  }

  return { getEvent, listEventPage, voidEvent };
}
