import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  type DynamoDBClient,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { HttpClient } from './http-client.js';

export interface LoadResult {
  events: number;
  ms: number;
  eventsPerSecond: number;
  /** Transactions retried because another client held the counter item (raw load only). */
  conflicts: number;
}

/**
 * `concurrency` clients each POST batches of `batchSize` events, one request at a time, until
 * `total` events are sent. Every event has a fresh id, so every one must come back accepted; any
 * other answer fails the run (a fast benchmark of failing requests would be worthless).
 */
export async function httpLoad(options: {
  http: HttpClient;
  commitmentId: string;
  total: number;
  batchSize: number;
  concurrency: number;
  /** Makes the ids of this run unique across runs on the same table. */
  runId: string;
  /** Event time: inside the open period, not in the future. */
  at: string;
}): Promise<LoadResult> {
  const { http, total, batchSize, runId, at } = options;
  const path = `/v1/commitments/${options.commitmentId}/events`;
  let nextIndex = 0;
  const takeBatch = () => {
    if (nextIndex >= total) return undefined;
    const from = nextIndex;
    nextIndex = Math.min(total, from + batchSize);
    return Array.from({ length: nextIndex - from }, (_, i) => ({ id: `${runId}-${from + i}`, at }));
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      for (let batch = takeBatch(); batch; batch = takeBatch()) {
        const reply = await http.postJson(path, { events: batch });
        const report = reply.status === 200 ? (JSON.parse(reply.body) as { accepted?: number }) : undefined;
        if (report?.accepted !== batch.length) {
          throw new Error(`POST ${path} answered ${reply.status}: ${reply.body.slice(0, 500)}`);
        }
      }
    }),
  );
  const ms = performance.now() - started;
  return { events: total, ms, eventsPerSecond: (total / ms) * 1000, conflicts: 0 };
}

/**
 * The raw limit of the emulator for our write: one TransactWriteItems per event, with the same two
 * items our recording writes (the event item with its index keys, conditional on being new, and an
 * ADD to the period's counter item), from `concurrency` clients at once on one counter, as a
 * client that records each event on its own would. Conflicts on the counter are retried.
 */
export async function rawTransactionLoad(options: {
  client: DynamoDBClient;
  tableName: string;
  total: number;
  concurrency: number;
  runId: string;
  atMs: number;
}): Promise<LoadResult> {
  const { client, tableName, total, runId, atMs } = options;
  const commitmentId = 'bench-raw-limit';
  const periodKey = '2026-11';
  const atIso = new Date(atMs).toISOString();
  let nextIndex = 0;
  let conflicts = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (nextIndex < total) {
        const eventId = `${runId}-${nextIndex++}`;
        const transactItems: TransactWriteItemsCommandInput['TransactItems'] = [
          {
            Put: {
              TableName: tableName,
              Item: {
                pk: { S: `EV#${commitmentId}#${eventId}` },
                sk: { S: 'EV' },
                gsi1pk: { S: `EVP#${commitmentId}#${periodKey}` },
                gsi1sk: { S: `${atIso}#${eventId}` },
                type: { S: 'event' },
                commitmentId: { S: commitmentId },
                eventId: { S: eventId },
                periodKey: { S: periodKey },
                at: { N: String(atMs) },
                recordedAt: { N: String(Date.now()) },
                body: { M: { id: { S: eventId }, at: { S: atIso } } },
                expiresAt: { N: String(Math.floor(Date.now() / 1000) + 400 * 86_400) },
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: { pk: { S: `C#${commitmentId}` }, sk: { S: `A#${periodKey}` } },
              UpdateExpression:
                'SET #type = :type, commitmentId = :cid, periodKey = :period ADD rev :one, #sum :one, #count :one',
              ConditionExpression: 'attribute_not_exists(#closedAt)',
              ExpressionAttributeNames: {
                '#type': 'type',
                '#closedAt': 'closedAt',
                '#sum': 'c_sum',
                '#count': 'c_count',
              },
              ExpressionAttributeValues: {
                ':type': { S: 'aggregate' },
                ':cid': { S: commitmentId },
                ':period': { S: periodKey },
                ':one': { N: '1' },
              },
            },
          },
        ];
        for (let attempt = 0; ; attempt++) {
          try {
            // A fresh token per attempt, as our store does: a cancelled attempt is not replayed.
            await client.send(
              new TransactWriteItemsCommand({
                ClientRequestToken: randomUUID(),
                TransactItems: transactItems,
              }),
            );
            break;
          } catch (error) {
            const name = (error as Error).name;
            const conflict =
              name === 'TransactionConflictException' ||
              (name === 'TransactionCanceledException' &&
                /TransactionConflict/.test((error as Error).message));
            if (!conflict || attempt >= 20) throw error;
            conflicts++;
            await delay(Math.random() * 5 * (attempt + 1));
          }
        }
      }
    }),
  );
  const ms = performance.now() - started;
  return { events: total, ms, eventsPerSecond: (total / ms) * 1000, conflicts };
}
