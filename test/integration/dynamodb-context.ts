import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, inject } from 'vitest';
import { createLocalDynamoClient } from '../../local/dynamodb-local.js';
import { ensureTable } from '../../shared/adapters/dynamodb/table-setup.js';

export interface TestTable {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tableName: string;
}

/**
 * A fresh table on the shared emulator, removed after the file's tests. Call it once at the top
 * level of a test file (`const table = await useTestTable();`), where `afterAll` can still be
 * registered: a table per file keeps files independent while they share one emulator.
 */
export async function useTestTable(): Promise<TestTable> {
  const client = createLocalDynamoClient(inject('dynamoEndpoint'));
  // Optional fields arrive as undefined, which the marshaller would otherwise reject.
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const tableName = `test-${randomUUID()}`;
  await ensureTable(client, tableName);
  afterAll(async () => {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
    client.destroy();
  });
  return { client, doc, tableName };
}
