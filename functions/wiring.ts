/**
 * What every Lambda entry point builds the same way: the logger and the business metrics, the
 * stores on the table, the SNS publishers, the secrets and the lazy Slack poster. Entry points
 * call these at module scope; nothing here runs until called, and unused parts are dropped from a
 * function's bundle (the SDK packages have no side effects). The SNS and Secrets Manager clients
 * are imported and built on first use: many invocations publish nothing or need no secret (an
 * evaluator run without news, a status read), and their cold start should not pay for them.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SNSClient } from '@aws-sdk/client-sns';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { createDynamoStores } from '../shared/adapters/dynamodb/stores.js';
import { createPowertoolsMetrics } from '../shared/adapters/metrics/powertools-metrics.js';
import { systemClock } from '../shared/adapters/system-clock.js';
import type { StoreDeps } from '../shared/app/deps.js';
import { requireEnv } from '../shared/config/env.js';
import type { Department } from '../shared/domain/model.js';
import type { BusinessMetrics } from '../shared/ports/metrics.js';
import type { NotificationPublisher } from '../shared/ports/notification-publisher.js';
import type { DigestPublisher, SlackFileUploader, SlackPoster } from '../shared/ports/slack-poster.js';
import { makeExcusalRequestListener } from '../shared/slack/excusal-message.js';
import { createLazyPoster, createLazyUploader } from '../shared/slack/lazy-poster.js';
import { makeReactionListener } from '../shared/slack/reaction-listener.js';
import { logAttributes, type SlackLog } from '../shared/slack/slack-log.js';
import { botTokenOf, type SlackSecret, slackSecretSource } from '../shared/slack/slack-secret.js';

export interface Observability {
  logger: Logger;
  metrics: BusinessMetrics & { flush(): void };
  /** The logger as the Slack and HTTP edges take it: a message and an error or detail. */
  log: SlackLog;
}

/** The logger and metrics of one function, named by its service (`POWERTOOLS_SERVICE_NAME`). */
export function observability(serviceName: string): Observability {
  const logger = new Logger({ serviceName });
  // The namespace comes from POWERTOOLS_METRICS_NAMESPACE, set with the function's environment.
  const metrics = createPowertoolsMetrics(new Metrics({ serviceName }));
  return { logger, metrics, log: slackLogOf(logger) };
}

export function slackLogOf(logger: Logger): SlackLog {
  return {
    error: (message, error) => logger.error(message, logAttributes(error)),
    warn: (message, detail) => logger.warn(message, logAttributes(detail)),
  };
}

/**
 * The handler as Lambda runs it: every log line carries the invocation's request id (and the
 * function's name and cold start), and the metrics it emitted are flushed when it ends, failed or
 * not, so one invocation's counts never ride on the next one's.
 */
export function instrumented<TEvent, TResult>(
  handler: (event: TEvent, context: Context) => Promise<TResult>,
  { logger, metrics }: Pick<Observability, 'logger' | 'metrics'>,
) {
  return middy<TEvent, TResult>(handler)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({ after: async () => metrics.flush(), onError: async () => metrics.flush() });
}

export interface TableWiring {
  dynamo: DynamoDBClient;
  tableName: string;
  stores: StoreDeps;
}

/** The stores on the table named by TABLE_NAME. */
export function tableFromEnv(): TableWiring {
  const dynamo = new DynamoDBClient({});
  const tableName = requireEnv('TABLE_NAME');
  return { dynamo, tableName, stores: createDynamoStores(dynamo, tableName, systemClock) };
}

/** The departments of the applied configuration, read when an alert or a click needs them. */
export function departmentsLoader(
  commitments: StoreDeps['commitments'],
): () => Promise<Record<string, Department>> {
  return async () => (await commitments.getConfig())?.departments ?? {};
}

/** Builds on the first call and keeps the result; a failed build is tried again on the next call. */
export function builtOnFirstUse<T>(build: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () => {
    if (built === undefined) {
      const attempt = build();
      built = attempt;
      attempt.catch(() => {
        if (built === attempt) built = undefined;
      });
    }
    return built;
  };
}

/**
 * Publishes to the topic whose ARN is in `envName` (read now, so a missing one fails at start);
 * the SNS client and the message shaping are imported with the first publish.
 */
function topicPublisherFromEnv<T>(
  envName: string,
  load: () => Promise<(client: SNSClient, topicArn: string) => { publish(item: T): Promise<void> }>,
): { publish(item: T): Promise<void> } {
  const topicArn = requireEnv(envName);
  const publisher = builtOnFirstUse(async () => {
    const [{ SNSClient }, create] = await Promise.all([import('@aws-sdk/client-sns'), load()]);
    return create(new SNSClient({}), topicArn);
  });
  return { publish: async (item) => (await publisher()).publish(item) };
}

export const alertsPublisherFromEnv = (): NotificationPublisher =>
  topicPublisherFromEnv(
    'ALERTS_TOPIC_ARN',
    async () => (await import('../shared/adapters/sns/sns-publisher.js')).createSnsPublisher,
  );

export const digestPublisherFromEnv = (): DigestPublisher =>
  topicPublisherFromEnv(
    'DIGESTS_TOPIC_ARN',
    async () => (await import('../shared/adapters/sns/digest-publisher.js')).createSnsDigestPublisher,
  );

/** The secret whose ARN is in `envName`, read on first use and again after its maximum age. */
export function secretFromEnv(envName: string): () => Promise<string> {
  const secretId = requireEnv(envName);
  const secret = builtOnFirstUse(async () => {
    const [{ SecretsManagerClient }, { cachedSecret }] = await Promise.all([
      import('@aws-sdk/client-secrets-manager'),
      import('../shared/adapters/secrets.js'),
    ]);
    return cachedSecret(new SecretsManagerClient({}), secretId);
  });
  return async () => (await secret())();
}

/** The Slack app's secret (SLACK_SECRET_ARN), parsed. */
export const slackSecretFromEnv = (): (() => Promise<SlackSecret>) =>
  slackSecretSource(secretFromEnv('SLACK_SECRET_ARN'));

/** The Web API poster with the secret's bot token; the Slack SDK loads on the first post. */
export function slackPosterOf(secret: () => Promise<SlackSecret>): SlackPoster {
  return createLazyPoster(
    async () => botTokenOf(await secret()),
    async (token) => {
      const { createSlackWebClient, createWebApiPoster } = await import('../shared/slack/web-api-poster.js');
      return createWebApiPoster(createSlackWebClient(token));
    },
  );
}

/** The Web API file uploader with the secret's bot token; the Slack SDK loads on the first upload. */
export function slackUploaderOf(secret: () => Promise<SlackSecret>): SlackFileUploader {
  return createLazyUploader(
    async () => botTokenOf(await secret()),
    async (token) => {
      const { createSlackWebClient, createWebApiFileUploader } = await import(
        '../shared/slack/web-api-poster.js'
      );
      return createWebApiFileUploader(createSlackWebClient(token));
    },
  );
}

/** Runs one Slack call, counting it as sent (when it is a notification) or as a Slack failure. */
function countedCall(metrics: BusinessMetrics) {
  return async <T>(call: () => Promise<T>, sent: number): Promise<T> => {
    try {
      const result = await call();
      if (sent) metrics.add('NotificationsSent', sent);
      return result;
    } catch (error) {
      metrics.add('SlackFailures', 1);
      throw error;
    }
  };
}

/** Counts posted Slack messages and failed posts or updates, at the port, whatever posts them. */
export function countingPoster(poster: SlackPoster, metrics: BusinessMetrics): SlackPoster {
  const counted = countedCall(metrics);
  const openModal = poster.openModal?.bind(poster);
  return {
    post: (message) => counted(() => poster.post(message), 1),
    update: (message) => counted(() => poster.update(message), 0),
    ...(openModal ? { openModal: (triggerId, view) => counted(() => openModal(triggerId, view), 0) } : {}),
  };
}

/** Counts failed uploads as Slack failures; a file is no notification, so a success counts nothing. */
export function countingUploader(uploader: SlackFileUploader, metrics: BusinessMetrics): SlackFileUploader {
  const counted = countedCall(metrics);
  return { upload: (file) => counted(() => uploader.upload(file), 0) };
}

/**
 * What follows a reaction or an excusal claim wherever it was made: the alert's Slack messages are
 * updated, and a pending excusal goes to the department it blames.
 */
export function slackListeners(stores: StoreDeps, poster: SlackPoster, log: SlackLog) {
  const loadDepartments = departmentsLoader(stores.commitments);
  return {
    onReaction: makeReactionListener({ poster, alerts: stores.alerts, loadDepartments, log }),
    onExcusal: makeExcusalRequestListener({ poster, loadDepartments, log }),
  };
}
