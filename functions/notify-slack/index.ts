import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createDynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { cachedSecret } from '../../shared/adapters/secrets.js';
import { systemClock } from '../../shared/adapters/system-clock.js';
import { requireEnv } from '../../shared/config/env.js';
import { logAttributes } from '../../shared/slack/slack-log.js';
import { botTokenOf, slackSecretSource } from '../../shared/slack/slack-secret.js';
import {
  createLazyPoster,
  createSlackWebClient,
  createWebApiPoster,
} from '../../shared/slack/web-api-poster.js';
import { makeNotifyHandler } from './handler.js';

const logger = new Logger({ serviceName: 'sla-notify-slack' });
const stores = createDynamoStores(new DynamoDBClient({}), requireEnv('TABLE_NAME'), systemClock);
const secret = slackSecretSource(cachedSecret(new SecretsManagerClient({}), requireEnv('SLACK_SECRET_ARN')));

export const handler = makeNotifyHandler({
  clock: systemClock,
  poster: createLazyPoster(async () => createWebApiPoster(createSlackWebClient(botTokenOf(await secret())))),
  loadDepartments: async () => (await stores.commitments.getConfig())?.departments ?? {},
  alerts: stores.alerts,
  log: {
    error: (message, error) => logger.error(message, logAttributes(error)),
    warn: (message, detail) => logger.warn(message, logAttributes(detail)),
  },
});
