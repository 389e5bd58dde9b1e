import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DigestDeliveryLog, DigestDeliveryProgress } from '../../app/digest-delivery.js';
import { setAttributes, writeIf } from './conditions.js';
import { isConditionFailure } from './document-client.js';
import { keys } from './keys.js';

/**
 * The digest's delivery record: one item per week. A run claims it (a lease, so two runs never post
 * at once), saves its progress after every message, and marks it complete; a retry resumes where the
 * last run stopped, and a completed week is never sent again.
 */
export function createDynamoDigestDeliveryLog(
  doc: DynamoDBDocumentClient,
  tableName: string,
): DigestDeliveryLog {
  return {
    async claim(week, now, leaseMs) {
      try {
        const out = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.digestDelivery(week),
            UpdateExpression:
              'SET #type = :type, week = :week, claimedAt = :now, ' +
              'repliesPosted = if_not_exists(repliesPosted, :zero), emailed = if_not_exists(emailed, :false)',
            ConditionExpression:
              'attribute_not_exists(pk) OR (attribute_not_exists(completedAt) AND claimedAt < :stale)',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: {
              ':type': 'digest-delivery',
              ':week': week,
              ':now': now,
              ':stale': now - leaseMs,
              ':zero': 0,
              ':false': false,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        const item = out.Attributes ?? {};
        return {
          week,
          channel: item.channel as string | undefined,
          summaryTs: item.summaryTs as string | undefined,
          repliesPosted: (item.repliesPosted as number | undefined) ?? 0,
          ...(typeof item.chartFileId === 'string' ? { chartFileId: item.chartFileId } : {}),
          emailed: item.emailed === true,
        };
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    async release(week) {
      // A week that completed (or was never claimed) has nothing to give back.
      await writeIf(
        doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.digestDelivery(week),
            UpdateExpression: 'SET claimedAt = :zero',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(completedAt)',
            ExpressionAttributeValues: { ':zero': 0 },
          }),
        ),
      );
    },

    async save(progress: DigestDeliveryProgress) {
      const fields = Object.entries({
        channel: progress.channel,
        summaryTs: progress.summaryTs,
        repliesPosted: progress.repliesPosted,
        chartFileId: progress.chartFileId,
        emailed: progress.emailed,
        completedAt: progress.completedAt,
      }).filter(([, value]) => value !== undefined);
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.digestDelivery(progress.week),
          ...setAttributes(Object.fromEntries(fields)),
        }),
      );
    },
  };
}
