import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getItem } from './item-reads.js';
import { keys } from './keys.js';
import { batchGetAll } from './paging.js';

/**
 * What an event write asks the table after a cancelled transaction, so it learns why from the items
 * themselves, whatever the cancellation's detail says: which events were recorded before (client
 * retries), and whether a period has closed.
 */
export function createEventLookups(doc: DynamoDBDocumentClient, tableName: string) {
  async function existingEventIds(commitmentId: string, eventIds: string[]): Promise<Set<string>> {
    const items = await batchGetAll(
      doc,
      tableName,
      eventIds.map((id) => keys.event(commitmentId, id)),
      { consistentRead: true, projection: 'eventId' },
    );
    return new Set(items.map((item) => String(item.eventId)));
  }

  async function isPeriodClosed(commitmentId: string, periodKey: string): Promise<boolean> {
    const item = await getItem(doc, tableName, keys.aggregate(commitmentId, periodKey), {
      projection: 'closedAt',
    });
    return item?.closedAt !== undefined;
  }

  return {
    existingEventIds,
    isPeriodClosed,
    hasEvent: async (commitmentId: string, eventId: string) =>
      (await existingEventIds(commitmentId, [eventId])).size > 0,
  };
}

export type EventLookups = ReturnType<typeof createEventLookups>;
