import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { createDynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { createSnsPublisher } from '../../shared/adapters/sns/sns-publisher.js';
import { systemClock } from '../../shared/adapters/system-clock.js';
import { requireEnv } from '../../shared/config/env.js';
import { makeHandler } from './handler.js';

const logger = new Logger({ serviceName: 'sla-api' });
const stores = createDynamoStores(new DynamoDBClient({}), requireEnv('TABLE_NAME'), systemClock);

export const handler = makeHandler({
  ...stores,
  publisher: createSnsPublisher(new SNSClient({}), requireEnv('ALERTS_TOPIC_ARN')),
  log: { error: (message, error) => logger.error(message, error as Error) },
});
