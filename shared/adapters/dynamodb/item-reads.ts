import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { aggregateMapKey, uniqueKeys } from '../../ports/event-store.js';
import type { Item } from './item-codec.js';
import type { ItemKey } from './keys.js';
import { batchGetAll } from './paging.js';

type CommitmentPeriod = { commitmentId: string; periodKey: string };

/** One item by its key, read strongly consistent unless told otherwise; undefined when absent. */
export async function getItem(
  doc: DynamoDBDocumentClient,
  tableName: string,
  key: ItemKey,
  options: { consistentRead?: boolean; projection?: string } = {},
): Promise<Item | undefined> {
  const out = await doc.send(
    new GetCommand({
      TableName: tableName,
      Key: key,
      ...(options.consistentRead === false ? {} : { ConsistentRead: true }),
      ...(options.projection ? { ProjectionExpression: options.projection } : {}),
    }),
  );
  return out.Item;
}

/** The items of one partition whose sort key starts with `prefix`: one page, as the caller bounds it. */
export async function queryPrefix(
  doc: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  prefix: string,
  options: { limit?: number; newestFirst?: boolean; consistentRead?: boolean } = {},
): Promise<Item[]> {
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      ...(options.newestFirst ? { ScanIndexForward: false } : {}),
      ...(options.limit === undefined ? {} : { Limit: options.limit }),
      ...(options.consistentRead ? { ConsistentRead: true } : {}),
    }),
  );
  return out.Items ?? [];
}

/**
 * The items of many commitment-periods (aggregates, alert states), each asked for once, decoded and
 * keyed by `aggregateMapKey`; absent ones are simply not in the map.
 */
export async function getByCommitmentPeriod<T>(
  doc: DynamoDBDocumentClient,
  tableName: string,
  wanted: CommitmentPeriod[],
  item: {
    keyOf: (commitmentId: string, periodKey: string) => ItemKey;
    read: (item: Item) => T;
    /** Which commitment-period a value is of. */
    periodOf: (value: T) => CommitmentPeriod;
  },
  options: { consistentRead?: boolean } = {},
): Promise<Map<string, T>> {
  const items = await batchGetAll(
    doc,
    tableName,
    uniqueKeys(wanted).map((k) => item.keyOf(k.commitmentId, k.periodKey)),
    options,
  );
  const result = new Map<string, T>();
  for (const stored of items) {
    const value = item.read(stored);
    const { commitmentId, periodKey } = item.periodOf(value);
    result.set(aggregateMapKey(commitmentId, periodKey), value);
  }
  return result;
}
