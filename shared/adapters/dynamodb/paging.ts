import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  paginateQuery,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { CodedError } from '../../domain/coded-error.js';
import type { Item } from './item-codec.js';
import type { ItemKey } from './keys.js';

/** Every item a query matches, page by page (the SDK's paginator follows `LastEvaluatedKey`). */
export async function queryAll(doc: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of paginateQuery({ client: doc }, input)) {
    items.push(...((page.Items as Item[] | undefined) ?? []));
  }
  return items;
}

/** DynamoDB's limit of keys per BatchGetItem request. */
const KEYS_PER_BATCH = 100;

/**
 * How many times keys DynamoDB leaves unprocessed are asked for again before giving up: with the
 * backoff below that is about ten seconds of a throttled table, well inside a Lambda's run.
 */
export const MAX_BATCH_GET_RETRIES = 12;

/** A batch read that DynamoDB kept leaving unprocessed: the caller fails rather than miss items. */
export class UnprocessedKeysError extends CodedError {
  readonly code = 'UNPROCESSED_KEYS';
  constructor(readonly remaining: number) {
    super(`DynamoDB left ${remaining} keys unprocessed after ${MAX_BATCH_GET_RETRIES} retries`);
  }
}

/**
 * The items of many keys, 100 per request, retrying what DynamoDB leaves unprocessed (with a short
 * backoff, as it asks) a bounded number of times. Missing items are simply absent from the result.
 */
export async function batchGetAll(
  doc: DynamoDBDocumentClient,
  tableName: string,
  keys: ItemKey[],
  options: { consistentRead?: boolean; projection?: string } = {},
): Promise<Item[]> {
  const items: Item[] = [];
  for (let start = 0; start < keys.length; start += KEYS_PER_BATCH) {
    await sendUntilProcessed(keys.slice(start, start + KEYS_PER_BATCH), async (pending) => {
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
      return (out.UnprocessedKeys?.[tableName]?.Keys as ItemKey[] | undefined) ?? [];
    });
  }
  return items;
}

/** DynamoDB's limit of requests per BatchWriteItem. */
const WRITES_PER_BATCH = 25;

/** Puts many items, 25 per request, retrying what DynamoDB leaves unprocessed like `batchGetAll`. */
export async function batchPutAll(
  doc: DynamoDBDocumentClient,
  tableName: string,
  items: Item[],
): Promise<void> {
  const requests = items.map((item) => ({ PutRequest: { Item: item } }));
  for (let start = 0; start < requests.length; start += WRITES_PER_BATCH) {
    await sendUntilProcessed(requests.slice(start, start + WRITES_PER_BATCH), async (pending) => {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      return (out.UnprocessedItems?.[tableName] as typeof pending | undefined) ?? [];
    });
  }
}

/**
 * Sends a batch, then what DynamoDB left unprocessed again (with a short backoff, as it asks), a
 * bounded number of times; `send` returns what is left.
 */
async function sendUntilProcessed<T>(batch: T[], send: (pending: T[]) => Promise<T[]>): Promise<void> {
  let pending = batch;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > MAX_BATCH_GET_RETRIES) throw new UnprocessedKeysError(pending.length);
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 10 * 2 ** attempt)));
    pending = await send(pending);
  }
}
