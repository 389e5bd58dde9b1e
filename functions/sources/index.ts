import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import { createDynamoSourceStats } from '../../shared/adapters/dynamodb/source-stats.js';
import { sourceSecretsFromMap } from '../../shared/sources/source-secrets.js';
import * as wiring from '../wiring.js';
import { makeHandler } from './handler.js';

const obs = wiring.observability('sla-sources');
const table = wiring.tableFromEnv();

export const handler = wiring.instrumented(
  makeHandler({
    ...table.stores,
    sourceStats: createDynamoSourceStats(createDocumentClient(table.dynamo), table.tableName),
    secretOf: sourceSecretsFromMap(wiring.secretFromEnv('SOURCES_SECRET_ARN')),
    log: obs.log,
    metrics: obs.metrics,
  }),
  obs,
);
