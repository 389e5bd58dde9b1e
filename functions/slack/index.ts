import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createDynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { cachedSecret } from '../../shared/adapters/secrets.js';
import { systemClock } from '../../shared/adapters/system-clock.js';
import { requireEnv } from '../../shared/config/env.js';
import { createLazyPoster } from '../../shared/slack/lazy-poster.js';
import { makeReactionListener } from '../../shared/slack/reaction-listener.js';
import { logAttributes, type SlackLog } from '../../shared/slack/slack-log.js';
import { botTokenOf, slackSecretSource } from '../../shared/slack/slack-secret.js';
import { makeHandler } from './handler.js';

// Module scope does only cheap, synchronous work: Slack answers within 3 seconds, cold start
// included. The secret is fetched on the first request; the Slack SDK is loaded only when a
// button click needs to update a message.
const logger = new Logger({ serviceName: 'sla-slack' });
const log: SlackLog = {
  error: (message, error) => logger.error(message, logAttributes(error)),
  warn: (message, detail) => logger.warn(message, logAttributes(detail)),
};
const stores = createDynamoStores(new DynamoDBClient({}), requireEnv('TABLE_NAME'), systemClock);
const secret = slackSecretSource(cachedSecret(new SecretsManagerClient({}), requireEnv('SLACK_SECRET_ARN')));
const poster = createLazyPoster(async () => {
  const { createSlackWebClient, createWebApiPoster } = await import('../../shared/slack/web-api-poster.js');
  return createWebApiPoster(createSlackWebClient(botTokenOf(await secret())));
});

export const handler = makeHandler({
  stores,
  clock: systemClock,
  signingSecret: async () => (await secret()).signingSecret,
  poster,
  onReaction: makeReactionListener({
    poster,
    alerts: stores.alerts,
    loadDepartments: async () => (await stores.commitments.getConfig())?.departments ?? {},
    log,
  }),
  log,
});
