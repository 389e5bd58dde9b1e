import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CommitmentRecord, CommitmentStore } from '../../ports/commitment-store.js';
import { atRevision, setAttributes, writeIf } from './conditions.js';
import { commitmentCodec, configCodec, versionCodec } from './item-codecs.js';
import { getItem } from './item-reads.js';
import { COMMITMENT_LIST_PARTITION, keys } from './keys.js';
import { queryAll } from './paging.js';
import { GSI1 } from './table-definition.js';

export function createDynamoCommitmentStore(doc: DynamoDBDocumentClient, tableName: string): CommitmentStore {
  return {
    async get(id) {
      const item = await getItem(doc, tableName, keys.commitmentHead(id), { consistentRead: false });
      return item ? commitmentCodec.fromItem(item) : undefined;
    },

    async list(state) {
      const items = await queryAll(doc, {
        TableName: tableName,
        IndexName: GSI1,
        KeyConditionExpression: state ? 'gsi1pk = :p AND begins_with(gsi1sk, :s)' : 'gsi1pk = :p',
        ExpressionAttributeValues: state
          ? { ':p': COMMITMENT_LIST_PARTITION, ':s': `${state}#` }
          : { ':p': COMMITMENT_LIST_PARTITION },
      });
      return items.map(commitmentCodec.fromItem);
    },

    async save(record, expectedRevision) {
      const next: CommitmentRecord = {
        ...record,
        revision: expectedRevision === null ? 0 : expectedRevision + 1,
      };
      // The head is updated, not replaced: the codec gives only its definition side, so what the
      // evaluator and ingestion keep on it (closed periods, open outages) is left as it is.
      const { pk: _pk, sk: _sk, ...head } = commitmentCodec.toItem(next);
      const set = setAttributes(Object.fromEntries(Object.entries(head).filter(([, v]) => v !== undefined)));
      const condition = atRevision(expectedRevision);
      // A new head has no alert states before it, so its alert periods are complete from now on.
      const since = expectedRevision === null ? ', alertPeriodsSince = :createdAt' : '';
      const saved = await writeIf(
        doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.commitmentHead(next.id),
            UpdateExpression:
              `${set.UpdateExpression}, openOutages = if_not_exists(openOutages, :empty)${since}` +
              (next.archivedAt === undefined ? ' REMOVE archivedAt' : ''),
            ConditionExpression: condition.ConditionExpression,
            ExpressionAttributeNames: set.ExpressionAttributeNames,
            ExpressionAttributeValues: {
              ...set.ExpressionAttributeValues,
              ...condition.ExpressionAttributeValues,
              ':empty': {},
              ...(since ? { ':createdAt': next.createdAt } : {}),
            },
          }),
        ),
      );
      if (!saved) return 'conflict';
      const latest = next.versions[next.versions.length - 1];
      if (latest) {
        // The version item is the permanent history; writing it again with the same content is harmless.
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: versionCodec.toItem({ commitmentId: record.id, ...latest }),
          }),
        );
      }
      return next;
    },

    async getConfig() {
      const item = await getItem(doc, tableName, keys.config(), { consistentRead: false });
      return item ? configCodec.fromItem(item) : undefined;
    },

    async putConfig(config) {
      await doc.send(new PutCommand({ TableName: tableName, Item: configCodec.toItem(config) }));
    },
  };
}
