import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import { createDynamoSourceStats } from '../../shared/adapters/dynamodb/source-stats.js';
import { makeReactionListener } from '../../shared/slack/reaction-listener.js';
import * as wiring from '../wiring.js';
import { makeHandler } from './handler.js';

const obs = wiring.observability('sla-api');
const { stores, dynamo, tableName } = wiring.tableFromEnv();

export const handler = wiring.instrumented(
  makeHandler({
    ...stores,
    sourceStats: createDynamoSourceStats(createDocumentClient(dynamo), tableName),
    publisher: wiring.alertsPublisherFromEnv(),
    // An acknowledgement through the API updates the alert's Slack messages too.
    onReaction: makeReactionListener({
      poster: wiring.slackPosterOf(wiring.slackSecretFromEnv()),
      alerts: stores.alerts,
      loadDepartments: wiring.departmentsLoader(stores.commitments),
      log: obs.log,
    }),
    log: obs.log,
    metrics: obs.metrics,
  }),
  obs,
);
