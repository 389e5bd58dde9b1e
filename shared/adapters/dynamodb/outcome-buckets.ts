/**
 * Outcomes counted per minute, for burn-rate windows: one item per commitment and UTC hour
 * (`OB#2026-11-18T15`) with counters `g{mm}` (good) and `t{mm}` (total) per minute of that hour,
 * added atomically in the same transaction as the events, so a retried batch never counts twice.
 * An evaluation reads the hours of its longest window with one query, however many outcomes came.
 * The items expire a day after the longest window (three days) has passed them.
 */
import type { DynamoDBDocumentClient, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { OutcomeBucket } from '../../domain/alerts/burn-rate.js';
import { MAX_BURN_RATE_WINDOW_MS } from '../../domain/limits.js';
import type { Instant } from '../../domain/model.js';
import type { AdditiveEvent } from '../../ports/event-store.js';
import { keys } from './keys.js';
import { queryAll } from './paging.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const KEEP_SECONDS = (MAX_BURN_RATE_WINDOW_MS + 24 * HOUR_MS) / 1000;

/** `2026-11-18T15`: the UTC hour an instant falls in, as the sort key writes it. */
const hourOf = (at: Instant) => new Date(Math.floor(at / HOUR_MS) * HOUR_MS).toISOString().slice(0, 13);
const minuteOfHour = (at: Instant) => String(new Date(at).getUTCMinutes()).padStart(2, '0');

/** The distinct hours a batch of events writes buckets in: each is one more item in the transaction. */
export function bucketHours(events: readonly AdditiveEvent[]): Set<string> {
  return new Set(events.flatMap((e) => (e.minute === undefined ? [] : [hourOf(e.minute)])));
}

/** One update per hour the events fall in, adding their good and total outcomes to their minutes. */
export function outcomeBucketUpdates(
  tableName: string,
  commitmentId: string,
  events: readonly AdditiveEvent[],
): TransactItem[] {
  const byHour = new Map<string, Map<string, { good: number; total: number }>>();
  for (const { minute, increments } of events) {
    if (minute === undefined) continue;
    const minutes = byHour.get(hourOf(minute)) ?? new Map();
    byHour.set(hourOf(minute), minutes);
    const counts = minutes.get(minuteOfHour(minute)) ?? { good: 0, total: 0 };
    counts.good += increments.good ?? 0;
    counts.total += increments.total ?? 0;
    minutes.set(minuteOfHour(minute), counts);
  }
  return [...byHour].map(([hour, minutes]) => {
    const names: Record<string, string> = { '#type': 'type' };
    const values: Record<string, unknown> = {
      ':type': 'outcomeBuckets',
      ':cid': commitmentId,
      ':expires': Math.floor(Date.parse(`${hour}:00:00Z`) / 1000) + KEEP_SECONDS,
    };
    const adds: string[] = [];
    [...minutes].forEach(([mm, counts], i) => {
      names[`#g${i}`] = `g${mm}`;
      names[`#t${i}`] = `t${mm}`;
      values[`:g${i}`] = counts.good;
      values[`:t${i}`] = counts.total;
      adds.push(`#g${i} :g${i}`, `#t${i} :t${i}`);
    });
    return {
      Update: {
        TableName: tableName,
        Key: keys.outcomeBuckets(commitmentId, hour),
        UpdateExpression: `SET #type = :type, commitmentId = :cid, expiresAt = :expires ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  });
}

/** The minutes in [from, to] that have outcomes, from the hour items that hold them. */
export async function readOutcomeBuckets(
  doc: DynamoDBDocumentClient,
  tableName: string,
  commitmentId: string,
  from: Instant,
  to: Instant,
): Promise<OutcomeBucket[]> {
  const { pk } = keys.outcomeBuckets(commitmentId, hourOf(from));
  const items = await queryAll(doc, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': pk,
      ':from': keys.outcomeBuckets(commitmentId, hourOf(from)).sk,
      ':to': keys.outcomeBuckets(commitmentId, hourOf(to)).sk,
    },
  });
  const buckets: OutcomeBucket[] = [];
  for (const item of items) {
    const hourStart = Date.parse(`${String(item.sk).slice(keys.outcomeBucketsPrefix.length)}:00:00Z`);
    for (let mm = 0; mm < 60; mm++) {
      const total = Number(item[`t${String(mm).padStart(2, '0')}`] ?? 0);
      if (total === 0) continue;
      const minute = hourStart + mm * MINUTE_MS;
      if (minute < from || minute > to) continue;
      buckets.push({ minute, good: Number(item[`g${String(mm).padStart(2, '0')}`] ?? 0), total });
    }
  }
  return buckets;
}
