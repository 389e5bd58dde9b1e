import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createDynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { cachedSecret } from '../../shared/adapters/secrets.js';
import { systemClock } from '../../shared/adapters/system-clock.js';
import { requireEnv } from '../../shared/config/env.js';
import { makeHandler } from './handler.js';

const logger = new Logger({ serviceName: 'sla-webhook' });
const stores = createDynamoStores(new DynamoDBClient({}), requireEnv('TABLE_NAME'), systemClock);

export const handler = makeHandler({
  ...stores,
  secret: cachedSecret(new SecretsManagerClient({}), requireEnv('WEBHOOK_SECRET_ARN')),
  log: { error: (message, error) => logger.error(message, error as Error) },
});
