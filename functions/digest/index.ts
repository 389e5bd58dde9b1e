import { createDynamoDigestDeliveryLog } from '../../shared/adapters/dynamodb/digest-delivery-log.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import { digestOverview } from '../../shared/app/digest-overview.js';
import * as wiring from '../wiring.js';
import { makeHandler } from './handler.js';

const obs = wiring.observability('sla-digest');
const { dynamo, tableName, stores } = wiring.tableFromEnv();
const slackSecret = wiring.slackSecretFromEnv();

export const handler = wiring.instrumented(
  makeHandler({
    ...stores,
    publisher: wiring.digestPublisherFromEnv(),
    deliveries: createDynamoDigestDeliveryLog(createDocumentClient(dynamo), tableName),
    poster: wiring.countingPoster(wiring.slackPosterOf(slackSecret), obs.metrics),
    uploader: wiring.countingUploader(wiring.slackUploaderOf(slackSecret), obs.metrics),
    // The chart code loads when the first digest is drawn, not at cold start.
    image: digestOverview,
    log: obs.logger,
  }),
  obs,
);
