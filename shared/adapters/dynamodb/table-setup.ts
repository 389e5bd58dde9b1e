import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from './table-definition.js';

export function createTableInput(tableName: string): CreateTableCommandInput {
  const keys = [
    tableDefinition.partitionKey,
    tableDefinition.sortKey,
    ...tableDefinition.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  const attributeTypes = new Map(keys.map((key) => [key.name, key.type]));
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributeTypes].map(([name, type]) => ({
      AttributeName: name,
      AttributeType: type,
    })),
    KeySchema: [
      { AttributeName: tableDefinition.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey.name, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

/**
 * Creates the table unless it exists, waits until it is ACTIVE and makes sure TTL is on.
 * Creating first and treating "in use" as success keeps two concurrent callers safe. TTL is
 * checked on both paths because a run that crashed between the two calls leaves it off.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'exists'> {
  let outcome: 'created' | 'exists' = 'created';
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    outcome = 'exists';
  }
  // DynamoDB Local is ACTIVE at once; the short delays only matter against the real service.
  await waitUntilTableExists(
    { client, maxWaitTime: 120, minDelay: 1, maxDelay: 5 },
    { TableName: tableName },
  );
  if (outcome === 'exists') await addMissingIndexes(client, tableName);
  await enableTimeToLive(client, tableName, tableDefinition.timeToLiveAttribute);
  return outcome;
}

/**
 * A table made by an earlier version (a local data folder kept across upgrades) gets the indexes
 * added since, one at a time as DynamoDB allows, and each is waited for until it serves queries.
 */
async function addMissingIndexes(client: DynamoDBClient, tableName: string): Promise<void> {
  const input = createTableInput(tableName);
  for (const index of input.GlobalSecondaryIndexes ?? []) {
    const existing = await indexStatuses(client, tableName);
    if (!existing.has(index.IndexName as string)) {
      const attributes = new Set(index.KeySchema?.map((k) => k.AttributeName));
      try {
        await client.send(
          new UpdateTableCommand({
            TableName: tableName,
            AttributeDefinitions: input.AttributeDefinitions?.filter((a) => attributes.has(a.AttributeName)),
            GlobalSecondaryIndexUpdates: [
              {
                Create: {
                  IndexName: index.IndexName,
                  KeySchema: index.KeySchema,
                  Projection: index.Projection,
                },
              },
            ],
          }),
        );
      } catch (error) {
        // A concurrent caller may have added it between our two calls.
        if (!(await indexStatuses(client, tableName)).has(index.IndexName as string)) throw error;
      }
    }
    await waitForIndex(client, tableName, index.IndexName as string);
  }
}

async function indexStatuses(client: DynamoDBClient, tableName: string): Promise<Map<string, string>> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  return new Map(
    (Table?.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName as string, i.IndexStatus ?? 'ACTIVE']),
  );
}

/** An index being built answers no queries; the real service takes minutes, DynamoDB Local none. */
async function waitForIndex(client: DynamoDBClient, tableName: string, indexName: string): Promise<void> {
  const deadline = Date.now() + 15 * 60_000;
  while ((await indexStatuses(client, tableName)).get(indexName) !== 'ACTIVE') {
    if (Date.now() > deadline) throw new Error(`index ${indexName} of ${tableName} did not become ACTIVE`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

async function enableTimeToLive(client: DynamoDBClient, tableName: string, attributeName: string) {
  if (await timeToLiveIsOn(client, tableName)) return;
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: attributeName, Enabled: true },
      }),
    );
  } catch (error) {
    // Enabling twice is rejected; a concurrent caller may have won between our two calls.
    if (await timeToLiveIsOn(client, tableName)) return;
    throw error;
  }
}

async function timeToLiveIsOn(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const current = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = current.TimeToLiveDescription?.TimeToLiveStatus;
  return status === 'ENABLED' || status === 'ENABLING';
}
