import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createDynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { cachedSecret } from '../../shared/adapters/secrets.js';
import { systemClock } from '../../shared/adapters/system-clock.js';
import { requireEnv } from '../../shared/config/env.js';
import { makeReactionListener } from '../../shared/slack/reaction-listener.js';
import type { SlackLog } from '../../shared/slack/slack-log.js';
import { botTokenOf, slackSecretSource } from '../../shared/slack/slack-secret.js';
import {
  createLazyPoster,
  createSlackWebClient,
  createWebApiPoster,
} from '../../shared/slack/web-api-poster.js';
import { makeHandler } from './handler.js';

// Module scope does only cheap, synchronous work: the secret is fetched on the first request.
const logger = new Logger({ serviceName: 'sla-slack' });
const log: SlackLog = {
  error: (message, error) => logger.error(message, { error }),
  warn: (message, detail) => logger.warn(message, { detail }),
};
const stores = createDynamoStores(new DynamoDBClient({}), requireEnv('TABLE_NAME'), systemClock);
const secret = slackSecretSource(cachedSecret(new SecretsManagerClient({}), requireEnv('SLACK_SECRET_ARN')));
const poster = createLazyPoster(async () =>
  createWebApiPoster(createSlackWebClient(botTokenOf(await secret()))),
);

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
