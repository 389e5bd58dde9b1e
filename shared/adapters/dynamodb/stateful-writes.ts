import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RETRY } from '../../app/retry-on-conflict.js';
import type {
  OutageRecord,
  RecordResult,
  StatefulResult,
  StatefulWrite,
  StoredEvent,
  TimerRecord,
} from '../../ports/event-store.js';
import { aggregateCounterUpdate, OUTAGE_PREFIX } from './aggregate-item.js';
import { putAtRevision, putNew } from './conditions.js';
import type { EventLookups } from './event-lookups.js';
import type { ItemCodec } from './item-codec.js';
import { eventCodec, outageCodec, timerCodec } from './item-codecs.js';
import { keys } from './keys.js';
import { type TransactItem, transactWithRetries } from './transactions.js';

/**
 * Timer and outage events: the event, the state item at its next revision and the aggregates'
 * changes in one transaction. A state item that moved on comes back as `'conflict'` for the use
 * case to read again; a race with another transaction is retried here.
 */
export function createStatefulEventWriter(
  doc: DynamoDBDocumentClient,
  tableName: string,
  lookups: EventLookups,
) {
  const eventWhat = (event: StoredEvent) => `Event '${event.eventId}' of '${event.commitmentId}'`;

  /** Why a transaction with this event was cancelled: a retry of it, or a period closed meanwhile. */
  async function refusal(
    event: StoredEvent,
    periodKeys: string[],
  ): Promise<'duplicate' | 'closed' | undefined> {
    if (await lookups.hasEvent(event.commitmentId, event.eventId)) return 'duplicate';
    for (const periodKey of periodKeys) {
      if (await lookups.isPeriodClosed(event.commitmentId, periodKey)) return 'closed';
    }
    return undefined;
  }

  function recordStateful<S extends { revision: number }>(
    write: StatefulWrite<S>,
    codec: ItemCodec<S>,
    extra: TransactItem[],
  ): Promise<StatefulResult> {
    const { event } = write;
    const items: TransactItem[] = [
      putNew(tableName, eventCodec.toItem(event)),
      putAtRevision(tableName, codec.toItem(write.next), write.expectedRevision),
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
    return transactWithRetries<StatefulResult>(doc, eventWhat(event), {
      items: () => items,
      committed: () => 'accepted',
      settle: async (codes) =>
        (await refusal(
          event,
          write.aggregates.map((a) => a.periodKey),
        )) ?? (codes.includes('ConditionalCheckFailed') ? 'conflict' : RETRY),
    });
  }

  /** The head's list of open outages, and the first measured instant, move with the outage. */
  function openOutageUpdate(write: StatefulWrite<OutageRecord>): TransactItem[] {
    const change = write.openOutage;
    if (!change) return [];
    const measured = 'firstEventAt = if_not_exists(firstEventAt, :at)';
    return [
      {
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
      },
    ];
  }

  return {
    recordTimerEvent: (write: StatefulWrite<TimerRecord>) => recordStateful(write, timerCodec, []),
    recordOutageEvent: (write: StatefulWrite<OutageRecord>) =>
      recordStateful(write, outageCodec, openOutageUpdate(write)),

    /** An `up` with no open incident: counted as evidence of measuring, and the first instant kept. */
    recordHeartbeat(event: StoredEvent): Promise<RecordResult> {
      return transactWithRetries<RecordResult>(doc, eventWhat(event), {
        items: () => [
          putNew(tableName, eventCodec.toItem(event)),
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
        committed: () => 'accepted',
        settle: async () => (await refusal(event, [event.periodKey])) ?? RETRY,
      });
    },
  };
}
