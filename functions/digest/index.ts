import { createDynamoDigestDeliveryLog } from '../../shared/adapters/dynamodb/digest-delivery-log.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import * as wiring from '../wiring.js';
import { makeHandler } from './handler.js';

const obs = wiring.observability('sla-digest');
const { dynamo, tableName, stores } = wiring.tableFromEnv();

export const handler = wiring.instrumented(
  makeHandler({
    ...stores,
    publisher: wiring.digestPublisherFromEnv(),
    deliveries: createDynamoDigestDeliveryLog(createDocumentClient(dynamo), tableName),
    poster: wiring.countingPoster(wiring.slackPosterOf(wiring.slackSecretFromEnv()), obs.metrics),
    log: obs.logger,
  }),
  obs,
);
