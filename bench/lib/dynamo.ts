import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createLocalDynamoClient,
  type DynamoDbLocal,
  startDynamoDbLocal,
} from '../../local/dynamodb-local.js';
import { ensureTable } from '../../shared/adapters/dynamodb/table-setup.js';

export interface BenchDynamo {
  local: DynamoDbLocal;
  /** A fresh client (its own middleware stack, so request counters do not mix). */
  client(): DynamoDBClient;
  /** Creates a new, empty table with the project's definition and returns its name. */
  freshTable(prefix: string): Promise<string>;
  stop(): Promise<void>;
}

let tableSeq = 0;

/**
 * DynamoDB Local in memory, for benchmarks that build a large fixture: nothing is left on disk and
 * the emulator goes away with the benchmark. (The local runtime keeps its data on disk; the
 * ingestion benchmark uses that one.)
 */
export async function startBenchDynamo(): Promise<BenchDynamo> {
  const local = await startDynamoDbLocal({ startTimeoutMs: 60_000 });
  const clients: DynamoDBClient[] = [];
  const admin = createLocalDynamoClient(local.endpoint);
  clients.push(admin);
  return {
    local,
    client() {
      const client = createLocalDynamoClient(local.endpoint);
      clients.push(client);
      return client;
    },
    async freshTable(prefix) {
      const name = `${prefix}-${process.pid}-${++tableSeq}`;
      await ensureTable(admin, name);
      return name;
    },
    async stop() {
      for (const client of clients) client.destroy();
      await local.stop();
    },
  };
}
