import { isConditionFailure } from './document-client.js';
import type { Item } from './item-codec.js';
import type { TransactItem } from './transactions.js';

/**
 * The condition of a write that moves a state item on by one revision: with `null` the item must
 * not exist yet, otherwise it must still be at `expected`. Spread into a Put; an Update that has
 * values of its own merges them.
 */
export function atRevision(expected: number | null): {
  ConditionExpression: string;
  ExpressionAttributeValues?: Record<string, unknown>;
} {
  return expected === null
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : {
        ConditionExpression: 'revision = :expectedRevision',
        ExpressionAttributeValues: { ':expectedRevision': expected },
      };
}

/** A transaction's put of an item at a revision (`null`: an item that must not exist yet). */
export function putAtRevision(tableName: string, item: Item, expected: number | null): TransactItem {
  return { Put: { TableName: tableName, Item: item, ...atRevision(expected) } };
}

/** A transaction's put of an item written once (an event, a claim, a result): refused if it exists. */
export function putNew(tableName: string, item: Item): TransactItem {
  return putAtRevision(tableName, item, null);
}

/** Runs a conditional write: false when its condition failed (someone else's state won), true when done. */
export async function writeIf(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * `SET #a0 = :a0, …` for the given attributes, with their names and values, so one update can set
 * attributes whose names are data (annotations, progress fields) without building strings by hand.
 */
export function setAttributes(attributes: Record<string, unknown>): {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
} {
  const entries = Object.entries(attributes);
  return {
    UpdateExpression: `SET ${entries.map((_, i) => `#a${i} = :a${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#a${i}`, name])),
    ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], i) => [`:a${i}`, value])),
  };
}
