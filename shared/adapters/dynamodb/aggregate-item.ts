import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Excusal } from '../../domain/model.js';
import type { AggregateRecord } from '../../ports/event-store.js';
import { keys } from './keys.js';

/**
 * The per-period aggregate item: counters are attributes `c_{name}` (added atomically), outages
 * `o:{incident}` and excusals `x:{id}` (set one by one, so no nested map must exist first), `rev`
 * bumped by every write, and `closedAt` once the period is final. See docs/data-model.md.
 */
export const COUNTER_PREFIX = 'c_';
export const OUTAGE_PREFIX = 'o:';
export const EXCUSAL_PREFIX = 'x:';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Adds to counters and sets attributes of an aggregate, refused once its period is closed. */
export function aggregateCounterUpdate(
  tableName: string,
  commitmentId: string,
  periodKey: string,
  increments: Record<string, number>,
  sets: Record<string, unknown> = {},
): TransactItem {
  const names: Record<string, string> = { '#type': 'type', '#closedAt': 'closedAt' };
  const values: Record<string, unknown> = {
    ':type': 'aggregate',
    ':cid': commitmentId,
    ':period': periodKey,
    ':one': 1,
  };
  const adds = ['rev :one'];
  Object.entries(increments).forEach(([name, amount], i) => {
    names[`#c${i}`] = `${COUNTER_PREFIX}${name}`;
    values[`:c${i}`] = amount;
    adds.push(`#c${i} :c${i}`);
  });
  const setParts = ['#type = :type', 'commitmentId = :cid', 'periodKey = :period'];
  Object.entries(sets).forEach(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    setParts.push(`#s${i} = :s${i}`);
  });
  return {
    Update: {
      TableName: tableName,
      Key: keys.aggregate(commitmentId, periodKey),
      UpdateExpression: `SET ${setParts.join(', ')} ADD ${adds.join(', ')}`,
      ConditionExpression: 'attribute_not_exists(#closedAt)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The aggregate as the use cases see it, from the item's prefixed attributes. */
export function aggregateFromItem(item: Record<string, unknown>): AggregateRecord {
  const record: AggregateRecord = {
    commitmentId: item.commitmentId as string,
    periodKey: item.periodKey as string,
    counters: {},
    outages: {},
    excusals: [],
    closedAt: item.closedAt as number | undefined,
    rev: (item.rev as number | undefined) ?? 0,
  };
  for (const [name, value] of Object.entries(item)) {
    // Number(): a counter beyond 2^53 would come back as a BigInt and poison every sum it meets.
    if (name.startsWith(COUNTER_PREFIX)) record.counters[name.slice(COUNTER_PREFIX.length)] = Number(value);
    else if (name.startsWith(OUTAGE_PREFIX))
      record.outages[name.slice(OUTAGE_PREFIX.length)] = value as { down: number; up?: number };
    else if (name.startsWith(EXCUSAL_PREFIX)) record.excusals.push(value as Excusal);
  }
  record.excusals.sort((a, b) => a.from - b.from);
  return record;
}
