import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Item } from './item-codec.js';
import type { ItemKey } from './keys.js';

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
