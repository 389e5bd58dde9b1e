import { type DynamoDBDocumentClient, paginateQuery, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Instant } from '../../domain/model.js';
import type { OpenTimerPage, TimerRecord } from '../../ports/event-store.js';
import type { Item } from './item-codec.js';
import { iso, timerCodec } from './item-codecs.js';
import { keys, OPEN_SUBJECT_DUE, OPEN_SUBJECT_UNDATED } from './keys.js';
import { GSI2 } from './table-definition.js';

/**
 * Reads of one commitment's open subjects from their sparse index partition (`OS#{id}`), so a
 * listing costs what is open now, never every subject the commitment has ever had.
 */
export function createOpenTimerReads(doc: DynamoDBDocumentClient, tableName: string) {
  /** Up to `max` items of one range of the partition, in index order; `cut` when more were left. */
  async function range(
    commitmentId: string,
    condition: string,
    values: Record<string, string>,
    max: number,
  ): Promise<{ items: Item[]; cut: boolean }> {
    const items: Item[] = [];
    const pages = paginateQuery(
      { client: doc, pageSize: Math.min(max + 1, 1000) },
      {
        TableName: tableName,
        IndexName: GSI2,
        KeyConditionExpression: `gsi2pk = :p AND ${condition}`,
        ExpressionAttributeValues: { ':p': keys.openSubjectPartition(commitmentId), ...values },
      },
    );
    for await (const page of pages) {
      items.push(...((page.Items as Item[] | undefined) ?? []));
      if (items.length > max) return { items: items.slice(0, max), cut: true };
    }
    return { items, cut: false };
  }

  return {
    /** `more` whenever DynamoDB stopped early (the limit, or its 1 MB page), so the last page may be empty. */
    async page(commitmentId: string, page: OpenTimerPage): Promise<{ timers: TimerRecord[]; more: boolean }> {
      const after = page.after;
      const out = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: GSI2,
          KeyConditionExpression: 'gsi2pk = :p',
          ExpressionAttributeValues: { ':p': keys.openSubjectPartition(commitmentId) },
          Limit: page.limit,
          ...(after
            ? {
                ExclusiveStartKey: {
                  ...keys.subject(commitmentId, after.subject),
                  ...keys.openSubjectEntry(
                    commitmentId,
                    after.dueAt === undefined ? undefined : iso(after.dueAt),
                    after.subject,
                  ),
                },
              }
            : {}),
        }),
      );
      return {
        timers: ((out.Items as Item[] | undefined) ?? []).map(timerCodec.fromItem),
        more: out.LastEvaluatedKey !== undefined,
      };
    },

    async dueBy(commitmentId: string, until: Instant, max: number) {
      const [due, undated] = await Promise.all([
        range(
          commitmentId,
          'gsi2sk BETWEEN :from AND :to',
          { ':from': OPEN_SUBJECT_DUE, ':to': `${OPEN_SUBJECT_DUE}${iso(until)}#\uffff` },
          max,
        ),
        range(commitmentId, 'begins_with(gsi2sk, :undated)', { ':undated': OPEN_SUBJECT_UNDATED }, max),
      ]);
      return {
        timers: [...due.items, ...undated.items].map(timerCodec.fromItem),
        complete: !due.cut && !undated.cut,
      };
    },
  };
}
