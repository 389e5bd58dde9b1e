import { createDynamoDigestDeliveryLog } from '../../shared/adapters/dynamodb/digest-delivery-log.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import {
  countingPoster,
  digestPublisherFromEnv,
  instrumented,
  observability,
  slackPosterOf,
  slackSecretFromEnv,
  tableFromEnv,
} from '../wiring.js';
import { makeHandler } from './handler.js';

const obs = observability('sla-digest');
const { dynamo, tableName, stores } = tableFromEnv();

export const handler = instrumented(
  makeHandler({
    ...stores,
    publisher: digestPublisherFromEnv(),
    deliveries: createDynamoDigestDeliveryLog(createDocumentClient(dynamo), tableName),
    poster: countingPoster(slackPosterOf(slackSecretFromEnv()), obs.metrics),
    log: obs.logger,
  }),
  obs,
);
