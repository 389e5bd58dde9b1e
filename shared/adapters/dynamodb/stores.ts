import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { StoreDeps } from '../../app/deps.js';
import type { Clock } from '../../domain/model.js';
import { createDynamoAlertStore } from './alert-store.js';
import { createDynamoAuditLog } from './audit-log.js';
import { createDynamoCommitmentStore } from './commitment-store.js';
import { createDocumentClient } from './document-client.js';
import { createDynamoEventStore } from './event-store.js';
import { createDynamoResultStore } from './result-store.js';

/** Every store on one table, from one injected client. */
export function createDynamoStores(client: DynamoDBClient, tableName: string, clock: Clock): StoreDeps {
  const doc = createDocumentClient(client);
  return {
    commitments: createDynamoCommitmentStore(doc, tableName),
    events: createDynamoEventStore(doc, tableName),
    alerts: createDynamoAlertStore(doc, tableName),
    results: createDynamoResultStore(doc, tableName),
    audit: createDynamoAuditLog(doc, tableName),
    clock,
  };
}
