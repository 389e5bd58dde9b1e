/**
 * DynamoDB may leave keys of a BatchGetItem unprocessed when throttled; they are asked for again
 * with backoff, but not forever. DynamoDB Local never throttles, so a client that always leaves
 * the keys unprocessed stands in for a throttled table here.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  batchGetAll,
  MAX_BATCH_GET_RETRIES,
  UnprocessedKeysError,
} from '../../../shared/adapters/dynamodb/paging.js';

const TABLE = 't';
const keys = [
  { pk: 'C#a', sk: 'HEAD' },
  { pk: 'C#b', sk: 'HEAD' },
];

function throttled(answerAfter = Number.POSITIVE_INFINITY) {
  let calls = 0;
  const doc = {
    send: async (command: { input: { RequestItems: Record<string, { Keys: unknown[] }> } }) => {
      calls++;
      const asked = command.input.RequestItems[TABLE]?.Keys ?? [];
      if (calls > answerAfter) return { Responses: { [TABLE]: asked } };
      return { Responses: { [TABLE]: [] }, UnprocessedKeys: { [TABLE]: { Keys: asked } } };
    },
  };
  return { doc: doc as unknown as DynamoDBDocumentClient, calls: () => calls };
}

afterEach(() => vi.useRealTimers());

describe('batchGetAll under throttling', () => {
  it('asks again for unprocessed keys and returns them once DynamoDB answers', async () => {
    vi.useFakeTimers();
    const table = throttled(3);
    const read = batchGetAll(table.doc, TABLE, keys);
    await vi.runAllTimersAsync();
    expect(await read).toEqual(keys);
    expect(table.calls()).toBe(4);
  });

  it(`gives up after ${MAX_BATCH_GET_RETRIES} retries with an error that says how many keys are left`, async () => {
    vi.useFakeTimers();
    const table = throttled();
    const read = batchGetAll(table.doc, TABLE, keys);
    const failed = expect(read).rejects.toBeInstanceOf(UnprocessedKeysError);
    await vi.runAllTimersAsync();
    await failed;
    await expect(read).rejects.toThrow('DynamoDB left 2 keys unprocessed');
    expect(table.calls()).toBe(MAX_BATCH_GET_RETRIES + 1);
  });
});
