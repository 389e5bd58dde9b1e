import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { BadRequestError } from '../../app/errors.js';
import type { Item } from './item-codec.js';

/**
 * Page cursors: where the next page starts (DynamoDB's `LastEvaluatedKey`, and for the trail by time
 * the month it is in), as opaque base64url text. A cursor is only trusted after checking it points
 * into the partition the query reads, so a tampered one is a 400, never a failed query.
 */
export interface PageCursor {
  /** The month partition, for the trail by time. */
  m?: string;
  /** The key to start after. */
  k?: Record<string, string>;
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

const refused = () =>
  new BadRequestError(
    'cursor is not one this API gave out for this query; repeat the query without it to start again',
    'cursor',
  );

/** The cursor's content, checked field by field; `fits` says whether its key belongs to the query. */
export function decodeCursor(text: string, fits: (cursor: PageCursor) => boolean): PageCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw refused();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refused();
  const { m, k } = value as { m?: unknown; k?: unknown };
  if (m !== undefined && (typeof m !== 'string' || !/^\d{4}-\d{2}$/.test(m))) throw refused();
  if (k !== undefined) {
    if (typeof k !== 'object' || k === null || Array.isArray(k)) throw refused();
    if (!Object.values(k).every((v) => typeof v === 'string')) throw refused();
  }
  const cursor = { ...(m === undefined ? {} : { m }), ...(k === undefined ? {} : { k }) } as PageCursor;
  if (!fits(cursor)) throw refused();
  return cursor;
}

/** The start key of a page, as the query wants it. */
export const startKey = (key: Record<string, string> | undefined) =>
  key ? { ExclusiveStartKey: key as Item } : {};

/** Queries one page needs at most: a filter that matches little must not read a year in one request. */
export const MAX_QUERIES_PER_PAGE = 25;

/**
 * Reads one partition's range, newest first, until `limit` items matched (a filter drops some of
 * each page) or it ends, or the page's query budget is spent; `last` is where the next page starts.
 */
export async function queryNewestFirst(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  limit: number,
  start: Record<string, string> | undefined,
  budget: { queries: number } = { queries: 0 },
): Promise<{ items: Item[]; last?: Record<string, string> }> {
  const items: Item[] = [];
  let key = start;
  do {
    budget.queries++;
    const out = await doc.send(
      new QueryCommand({ ...input, ScanIndexForward: false, Limit: limit - items.length, ...startKey(key) }),
    );
    items.push(...((out.Items as Item[] | undefined) ?? []));
    key = out.LastEvaluatedKey as Record<string, string> | undefined;
  } while (key && items.length < limit && budget.queries < MAX_QUERIES_PER_PAGE);
  return { items, ...(key ? { last: key } : {}) };
}
