/**
 * Batch writes leave items unprocessed under throttling just as batch reads leave keys: they are
 * sent again with backoff, but not forever. A client that always leaves them unprocessed stands in
 * for a throttled table (DynamoDB Local never throttles).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  batchPutAll,
  MAX_BATCH_GET_RETRIES,
  UnprocessedKeysError,
} from '../../../shared/adapters/dynamodb/paging.js';

const TABLE = 't';
const items = Array.from({ length: 30 }, (_, i) => ({ pk: `C#${i}`, sk: 'SN#2026-11-02' }));

function throttled(answerAfter = Number.POSITIVE_INFINITY) {
  const requests: number[] = [];
  const doc = {
    send: async (command: { input: { RequestItems: Record<string, unknown[]> } }) => {
      const asked = command.input.RequestItems[TABLE] ?? [];
      requests.push(asked.length);
      if (requests.length > answerAfter) return {};
      return { UnprocessedItems: { [TABLE]: asked.slice(1) } };
    },
  };
  return { doc: doc as unknown as DynamoDBDocumentClient, requests };
}

/** Runs the write to its end on fake timers: its error, or undefined when it succeeded. */
async function failureOf(write: Promise<void>): Promise<unknown> {
  const outcome = write.then(
    () => undefined,
    (error: unknown) => error,
  );
  await vi.runAllTimersAsync();
  return outcome;
}

afterEach(() => vi.useRealTimers());

describe('batchPutAll under throttling', () => {
  it('writes 25 a request and sends what is left unprocessed again', async () => {
    vi.useFakeTimers();
    const table = throttled(3);
    expect(await failureOf(batchPutAll(table.doc, TABLE, items))).toBeUndefined();
    expect(table.requests).toEqual([25, 24, 23, 22, 5]);
  });

  it(`gives up after ${MAX_BATCH_GET_RETRIES} retries, saying how many items are left`, async () => {
    vi.useFakeTimers();
    const table = throttled();
    const error = await failureOf(batchPutAll(table.doc, TABLE, items.slice(0, 20)));
    expect(error).toBeInstanceOf(UnprocessedKeysError);
    expect((error as Error).message).toContain('DynamoDB left 7 keys unprocessed');
    expect(table.requests).toHaveLength(MAX_BATCH_GET_RETRIES + 1);
  });
});
