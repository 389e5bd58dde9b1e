/**
 * The table's shape as plain data, with no SDK code, so the CDK app reads it without loading the
 * DynamoDB client; `table-setup.ts` creates the table from it where one is needed.
 */

/** Key attribute types DynamoDB accepts; infra maps them 1:1 onto CDK's `AttributeType`. */
export type KeyAttributeType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyAttributeType;
}

export interface GlobalSecondaryIndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
}

export interface TableDefinition {
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly globalSecondaryIndexes: readonly GlobalSecondaryIndexDefinition[];
  readonly timeToLiveAttribute: string;
}

/**
 * The single table, declared once: the CDK stack, the local runtime and the tests all read it,
 * so a key or index cannot drift between environments. Every index projects ALL attributes and
 * billing is on demand; both are decided in `createTableInput` (table-setup.ts) and mirrored by
 * the stack.
 */
export const tableDefinition = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [
    {
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
    },
    {
      indexName: 'gsi2',
      partitionKey: { name: 'gsi2pk', type: 'S' },
      sortKey: { name: 'gsi2sk', type: 'S' },
    },
  ],
  timeToLiveAttribute: 'expiresAt',
} as const satisfies TableDefinition;

/** The one secondary index: lists, due timers, pending notifications, events by period, the audit trail by month. */
export const GSI1 = tableDefinition.globalSecondaryIndexes[0].indexName;

/** The second index: the open subjects of one duration commitment by due time, and one commitment's audit trail. */
export const GSI2 = tableDefinition.globalSecondaryIndexes[1].indexName;
