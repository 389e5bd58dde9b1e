import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { createDynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { cachedSecret } from '../../shared/adapters/secrets.js';
import { createSnsPublisher } from '../../shared/adapters/sns/sns-publisher.js';
import { systemClock } from '../../shared/adapters/system-clock.js';
import { requireEnv } from '../../shared/config/env.js';
import { createLazyPoster } from '../../shared/slack/lazy-poster.js';
import { makeReactionListener } from '../../shared/slack/reaction-listener.js';
import { logAttributes } from '../../shared/slack/slack-log.js';
import { botTokenOf, slackSecretSource } from '../../shared/slack/slack-secret.js';
import { makeHandler } from './handler.js';

const logger = new Logger({ serviceName: 'sla-api' });
const stores = createDynamoStores(new DynamoDBClient({}), requireEnv('TABLE_NAME'), systemClock);
const secret = slackSecretSource(cachedSecret(new SecretsManagerClient({}), requireEnv('SLACK_SECRET_ARN')));
// An acknowledgement through the API updates the alert's Slack messages too; the Slack SDK is
// loaded only then.
const poster = createLazyPoster(async () => {
  const { createSlackWebClient, createWebApiPoster } = await import('../../shared/slack/web-api-poster.js');
  return createWebApiPoster(createSlackWebClient(botTokenOf(await secret())));
});

export const handler = makeHandler({
  ...stores,
  publisher: createSnsPublisher(new SNSClient({}), requireEnv('ALERTS_TOPIC_ARN')),
  onReaction: makeReactionListener({
    poster,
    alerts: stores.alerts,
    loadDepartments: async () => (await stores.commitments.getConfig())?.departments ?? {},
    log: {
      error: (message, error) => logger.error(message, logAttributes(error)),
      warn: (message, detail) => logger.warn(message, logAttributes(detail)),
    },
  }),
  log: { error: (message, error) => logger.error(message, logAttributes(error)) },
});
