import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import { createDynamoSourceStats } from '../../shared/adapters/dynamodb/source-stats.js';
import { makeExcusalRequestListener } from '../../shared/slack/excusal-message.js';
import { makeReactionListener } from '../../shared/slack/reaction-listener.js';
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
    // An acknowledgement through the API updates the alert's Slack messages too.
    onReaction: makeReactionListener({
      poster,
      alerts: stores.alerts,
      loadDepartments: wiring.departmentsLoader(stores.commitments),
      log: obs.log,
    }),
    // An excusal claimed through the API goes to the department it blames, as from Slack.
    onExcusal: makeExcusalRequestListener({
      poster,
      loadDepartments: wiring.departmentsLoader(stores.commitments),
      log: obs.log,
    }),
    log: obs.log,
    metrics: obs.metrics,
  }),
  obs,
);
