import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RETRY } from '../../app/retry-on-conflict.js';
import type { AuditEntry } from '../../domain/audit.js';
import type { AuditLog, AuditPage, AuditQuery } from '../../ports/audit-log.js';
import { putNew } from './conditions.js';
import {
  decodeCursor,
  encodeCursor,
  MAX_QUERIES_PER_PAGE,
  type PageCursor,
  queryNewestFirst,
} from './cursor.js';
import { auditCodec, iso, monthOf } from './item-codecs.js';
import { keys } from './keys.js';
import { GSI1, GSI2 } from './table-definition.js';
import { type TransactItem, transactWithRetries } from './transactions.js';

/**
 * An entry's one item, for a transaction: keyed by its id and put only if new, which is what makes
 * it exactly once; both listings (by time, by commitment) read it through the indexes.
 */
export function auditPut(tableName: string, entry: AuditEntry): TransactItem {
  return putNew(tableName, auditCodec.toItem(entry));
}

/** The month before `2026-01` is `2025-12`. */
function previousMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

export function createDynamoAuditLog(doc: DynamoDBDocumentClient, tableName: string): AuditLog {
  const byFilter = (by: string | undefined) =>
    by === undefined
      ? {}
      : {
          FilterExpression: '#by = :by',
          ExpressionAttributeNames: { '#by': 'by' } as Record<string, string>,
        };

  async function listOfCommitment(query: AuditQuery & { commitmentId: string }): Promise<AuditPage> {
    const partition = keys.commitmentAuditPartition(query.commitmentId);
    const cursor =
      query.cursor === undefined
        ? undefined
        : decodeCursor(query.cursor, (c) => c.m === undefined && c.k?.gsi2pk === partition);
    const { items, last } = await queryNewestFirst(
      doc,
      {
        TableName: tableName,
        IndexName: GSI2,
        KeyConditionExpression: 'gsi2pk = :p AND gsi2sk BETWEEN :from AND :to',
        ...byFilter(query.by),
        ExpressionAttributeValues: {
          ':p': partition,
          ':from': iso(query.since),
          ':to': iso(query.until),
          ...(query.by === undefined ? {} : { ':by': query.by }),
        },
      },
      query.limit,
      cursor?.k,
      { queries: 0 },
    );
    return {
      entries: items.map(auditCodec.fromItem),
      ...(last ? { cursor: encodeCursor({ k: last }) } : {}),
    };
  }

  async function listByTime(query: AuditQuery): Promise<AuditPage> {
    const firstMonth = monthOf(query.since);
    const lastMonth = monthOf(query.until);
    const cursor: PageCursor =
      query.cursor === undefined
        ? { m: lastMonth }
        : decodeCursor(
            query.cursor,
            (c) =>
              c.m !== undefined &&
              c.m >= firstMonth &&
              c.m <= lastMonth &&
              (c.k === undefined || c.k.gsi1pk === keys.auditMonthPartition(c.m)),
          );
    const entries: AuditEntry[] = [];
    const budget = { queries: 0 };
    let month = cursor.m as string;
    let start = cursor.k;
    while (month >= firstMonth) {
      const { items, last } = await queryNewestFirst(
        doc,
        {
          TableName: tableName,
          IndexName: GSI1,
          KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :from AND :to',
          ...byFilter(query.by),
          ExpressionAttributeValues: {
            ':p': keys.auditMonthPartition(month),
            ':from': iso(query.since),
            ':to': iso(query.until),
            ...(query.by === undefined ? {} : { ':by': query.by }),
          },
        },
        query.limit - entries.length,
        start,
        budget,
      );
      entries.push(...items.map(auditCodec.fromItem));
      if (last) return { entries, cursor: encodeCursor({ m: month, k: last }) };
      month = previousMonth(month);
      start = undefined;
      const more = month >= firstMonth;
      if (more && (entries.length >= query.limit || budget.queries >= MAX_QUERIES_PER_PAGE)) {
        return { entries, cursor: encodeCursor({ m: month }) };
      }
    }
    return { entries };
  }

  return {
    append(entry) {
      return transactWithRetries(doc, `The audit entry '${entry.id}'`, {
        items: () => [auditPut(tableName, entry)],
        committed: () => 'appended' as const,
        // The entry is there already: this is a retry of a change that was traced before.
        settle: async (codes) => (codes[0] === 'ConditionalCheckFailed' ? 'duplicate' : RETRY),
      });
    },

    list(query) {
      return query.commitmentId === undefined
        ? listByTime(query)
        : listOfCommitment({ ...query, commitmentId: query.commitmentId });
    },
  };
}
