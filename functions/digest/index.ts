import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { createDynamoDigestDeliveryLog } from '../../shared/adapters/dynamodb/digest-delivery-log.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import { createDynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { cachedSecret } from '../../shared/adapters/secrets.js';
import { createSnsDigestPublisher } from '../../shared/adapters/sns/digest-publisher.js';
import { systemClock } from '../../shared/adapters/system-clock.js';
import { requireEnv } from '../../shared/config/env.js';
import { botTokenOf, slackSecretSource } from '../../shared/slack/slack-secret.js';
import {
  createLazyPoster,
  createSlackWebClient,
  createWebApiPoster,
} from '../../shared/slack/web-api-poster.js';
import { makeHandler } from './handler.js';

const logger = new Logger({ serviceName: 'sla-digest' });
const dynamo = new DynamoDBClient({});
const tableName = requireEnv('TABLE_NAME');
const stores = createDynamoStores(dynamo, tableName, systemClock);
const publisher = createSnsDigestPublisher(new SNSClient({}), requireEnv('DIGESTS_TOPIC_ARN'));
// Fetched once per container, on first use, and cached.
const secret = slackSecretSource(cachedSecret(new SecretsManagerClient({}), requireEnv('SLACK_SECRET_ARN')));

export const handler = makeHandler({
  ...stores,
  publisher,
  deliveries: createDynamoDigestDeliveryLog(createDocumentClient(dynamo), tableName),
  poster: createLazyPoster(async () => createWebApiPoster(createSlackWebClient(botTokenOf(await secret())))),
  log: logger,
});
