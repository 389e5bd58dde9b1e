import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from './keys.js';

type Item = Record<string, unknown>;

/** Every item a query matches, following `LastEvaluatedKey` page by page. */
export async function queryAll(doc: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...((out.Items as Item[] | undefined) ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** DynamoDB's limit of keys per BatchGetItem request. */
const KEYS_PER_BATCH = 100;

/**
 * The items of many keys, 100 per request, retrying what DynamoDB leaves unprocessed (with a short
 * backoff, as it asks). Missing items are simply absent from the result.
 */
export async function batchGetAll(
  doc: DynamoDBDocumentClient,
  tableName: string,
  keys: ItemKey[],
  options: { consistentRead?: boolean; projection?: string } = {},
): Promise<Item[]> {
  const items: Item[] = [];
  for (let start = 0; start < keys.length; start += KEYS_PER_BATCH) {
    let pending = keys.slice(start, start + KEYS_PER_BATCH);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 10 * 2 ** attempt)));
      const out = await doc.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: pending,
              ...(options.consistentRead ? { ConsistentRead: true } : {}),
              ...(options.projection ? { ProjectionExpression: options.projection } : {}),
            },
          },
        }),
      );
      items.push(...((out.Responses?.[tableName] as Item[] | undefined) ?? []));
      pending = (out.UnprocessedKeys?.[tableName]?.Keys as ItemKey[] | undefined) ?? [];
    }
  }
  return items;
}
