import { makeReactionListener } from '../../shared/slack/reaction-listener.js';
import {
  alertsPublisherFromEnv,
  departmentsLoader,
  instrumented,
  observability,
  slackPosterOf,
  slackSecretFromEnv,
  tableFromEnv,
} from '../wiring.js';
import { makeHandler } from './handler.js';

const obs = observability('sla-api');
const { stores } = tableFromEnv();

export const handler = instrumented(
  makeHandler({
    ...stores,
    publisher: alertsPublisherFromEnv(),
    // An acknowledgement through the API updates the alert's Slack messages too.
    onReaction: makeReactionListener({
      poster: slackPosterOf(slackSecretFromEnv()),
      alerts: stores.alerts,
      loadDepartments: departmentsLoader(stores.commitments),
      log: obs.log,
    }),
    log: obs.log,
    metrics: obs.metrics,
  }),
  obs,
);
