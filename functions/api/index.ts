import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import { createDynamoSourceStats } from '../../shared/adapters/dynamodb/source-stats.js';
import * as wiring from '../wiring.js';
import { makeHandler } from './handler.js';

const obs = wiring.observability('sla-api');
const { stores, dynamo, tableName } = wiring.tableFromEnv();
const poster = wiring.slackPosterOf(wiring.slackSecretFromEnv());

export const handler = wiring.instrumented(
  makeHandler({
    ...stores,
    sourceStats: createDynamoSourceStats(createDocumentClient(dynamo), tableName),
    publisher: wiring.alertsPublisherFromEnv(),
    // Acknowledgements and excusals through the API reach Slack as they do from Slack.
    ...wiring.slackListeners(stores, poster, obs.log),
    log: obs.log,
    metrics: obs.metrics,
  }),
  obs,
);
