import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  CommitmentRecord,
  CommitmentState,
  CommitmentStore,
  StoredConfig,
} from '../../ports/commitment-store.js';
import { isConditionFailure } from './document-client.js';
import { COMMITMENT_LIST_PARTITION, keys } from './keys.js';
import { queryAll } from './paging.js';
import { GSI1 } from './table-definition.js';

/** How many versions the head item carries in full; older ones live only in their version items. */
const VERSIONS_ON_HEAD = 12;

export function createDynamoCommitmentStore(doc: DynamoDBDocumentClient, tableName: string): CommitmentStore {
  return {
    async get(id) {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.commitmentHead(id) }));
      return out.Item ? fromItem(out.Item) : undefined;
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
      return items.map(fromItem);
    },

    async save(record, expectedRevision) {
      const next: CommitmentRecord = {
        ...record,
        revision: expectedRevision === null ? 0 : expectedRevision + 1,
      };
      const latest = next.versions[next.versions.length - 1];
      // Only the definition side of the head is written here. `closedThrough`, `openOutages` and
      // `firstEventAt` belong
      // to the evaluator and to ingestion, which update them in place, so an admin's save never
      // clobbers them.
      const listEntry = keys.commitmentListEntry(next.state, next.id);
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.commitmentHead(next.id),
            UpdateExpression:
              'SET #type = :type, id = :id, #state = :state, versions = :versions, createdAt = :createdAt, ' +
              'updatedAt = :updatedAt, revision = :next, gsi1pk = :gpk, gsi1sk = :gsk, ' +
              'openOutages = if_not_exists(openOutages, :empty)' +
              (next.activeSince === undefined ? '' : ', activeSince = :activeSince') +
              (next.archivedAt === undefined ? ' REMOVE archivedAt' : ', archivedAt = :archivedAt'),
            ConditionExpression:
              expectedRevision === null ? 'attribute_not_exists(pk)' : 'revision = :expected',
            ExpressionAttributeNames: { '#type': 'type', '#state': 'state' },
            ExpressionAttributeValues: {
              ':type': 'commitment',
              ':id': next.id,
              ':state': next.state,
              ':versions': next.versions.slice(-VERSIONS_ON_HEAD),
              ':createdAt': next.createdAt,
              ':updatedAt': next.updatedAt,
              ':next': next.revision,
              ':gpk': listEntry.gsi1pk,
              ':gsk': listEntry.gsi1sk,
              ':empty': {},
              ...(next.archivedAt === undefined ? {} : { ':archivedAt': next.archivedAt }),
              ...(next.activeSince === undefined ? {} : { ':activeSince': next.activeSince }),
              ...(expectedRevision === null ? {} : { ':expected': expectedRevision }),
            },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) return 'conflict';
        throw error;
      }
      if (latest) {
        // The version item is the permanent history; writing it again with the same content is harmless.
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keys.version(record.id, latest.version),
              type: 'version',
              commitmentId: record.id,
              ...latest,
            },
          }),
        );
      }
      return next;
    },

    async getConfig() {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.config() }));
      if (!out.Item) return undefined;
      const { pk: _pk, sk: _sk, type: _type, ...config } = out.Item;
      return config as StoredConfig;
    },

    async putConfig(config) {
      await doc.send(
        new PutCommand({ TableName: tableName, Item: { ...keys.config(), type: 'config', ...config } }),
      );
    },
  };
}

function fromItem(item: Record<string, unknown>): CommitmentRecord {
  return {
    id: item.id as string,
    state: item.state as CommitmentState,
    versions: (item.versions as CommitmentRecord['versions']) ?? [],
    closedThrough: item.closedThrough as string | undefined,
    openOutages: (item.openOutages as Record<string, number>) ?? {},
    firstEventAt: item.firstEventAt as number | undefined,
    createdAt: item.createdAt as number,
    updatedAt: item.updatedAt as number,
    archivedAt: item.archivedAt as number | undefined,
    activeSince: item.activeSince as number | undefined,
    revision: item.revision as number,
  };
}
