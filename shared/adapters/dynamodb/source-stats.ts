import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Instant } from '../../domain/model.js';
import {
  SOURCE_COUNTS,
  type SourceCount,
  type SourceStats,
  type SourceStatsStore,
} from '../../ports/source-stats.js';
import { getItem } from './item-reads.js';
import { keys } from './keys.js';

/**
 * One item per source, updated with ADD so concurrent deliveries never lose a count and no read
 * comes before the write.
 */
export function createDynamoSourceStats(doc: DynamoDBDocumentClient, tableName: string): SourceStatsStore {
  return {
    async add(sourceName, counts, at, refusal) {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':at': at };
      const adds: string[] = [];
      for (const count of SOURCE_COUNTS) {
        const n = counts[count];
        if (!n) continue;
        names[`#${count}`] = count;
        values[`:${count}`] = n;
        adds.push(`#${count} :${count}`);
      }
      const sets =
        refusal === undefined
          ? ['lastDeliveryAt = :at']
          : ['lastRefusalAt = :at', 'lastRefusalReason = :reason'];
      if (refusal !== undefined) values[':reason'] = refusal;
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.sourceStats(sourceName),
          UpdateExpression: `SET ${sets.join(', ')}, #type = :type${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
          ExpressionAttributeNames: { ...names, '#type': 'type' },
          ExpressionAttributeValues: { ...values, ':type': 'sourceStats' },
        }),
      );
    },

    async get(sourceNames) {
      const found = new Map<string, SourceStats>();
      const items = await Promise.all(
        sourceNames.map((name) => getItem(doc, tableName, keys.sourceStats(name), { consistentRead: false })),
      );
      sourceNames.forEach((name, i) => {
        const item = items[i];
        if (item) found.set(name, statsOf(item));
      });
      return found;
    },
  };
}

function statsOf(item: Record<string, unknown>): SourceStats {
  const counts = Object.fromEntries(
    SOURCE_COUNTS.map((count) => [count, typeof item[count] === 'number' ? item[count] : 0]),
  ) as Record<SourceCount, number>;
  return {
    counts,
    ...(typeof item.lastDeliveryAt === 'number' ? { lastDeliveryAt: item.lastDeliveryAt as Instant } : {}),
    ...(typeof item.lastRefusalAt === 'number'
      ? { lastRefusal: { at: item.lastRefusalAt as Instant, reason: String(item.lastRefusalReason ?? '') } }
      : {}),
  };
}
