import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { makeHandler as makeApiHandler } from '../functions/api/handler.js';
import { makeNotifyHandler } from '../functions/notify-slack/handler.js';
import { makeHandler as makeSlackHandler } from '../functions/slack/handler.js';
import { createDynamoDigestDeliveryLog } from '../shared/adapters/dynamodb/digest-delivery-log.js';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.js';
import { createDynamoStores } from '../shared/adapters/dynamodb/stores.js';
import { ensureTable } from '../shared/adapters/dynamodb/table-definition.js';
import { createHolidaySources } from '../shared/adapters/holidays/holiday-sources.js';
import { applyConfig } from '../shared/app/commitments.js';
import type { StoreDeps } from '../shared/app/deps.js';
import { sendWeeklyDigest } from '../shared/app/digest.js';
import { runEvaluation } from '../shared/app/evaluator.js';
import { digestWeekAt, nextDigestFireTime } from '../shared/domain/digest/schedule.js';
import type { Plan } from '../shared/domain/plan.js';
import { ValidationError } from '../shared/domain/validation-error.js';
import { makeReactionListener } from '../shared/slack/reaction-listener.js';
import { createSlackWebClient, createWebApiPoster } from '../shared/slack/web-api-poster.js';
import { makeClockHandler } from './clock-route.js';
import { lockDataDir, prepareDataDir } from './data-dir.js';
import { createLocalDynamoClient, type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local.js';
import { asHttpHandler } from './lambda-bridge.js';
import { LocalClock } from './local-clock.js';
import {
  createLocalAlertPublisher,
  createOutboxDigestPublisher,
  createOutboxSlackPoster,
} from './local-transports.js';
import { createOutbox } from './outbox.js';
import { publishRuntimeUrl } from './runtime-file.js';
import { everyMinutes, LocalScheduler } from './scheduler.js';
import { type LocalServer, startLocalServer } from './server.js';

export const LOCAL_TABLE_NAME = 'sla-local';

export interface RuntimeOptions {
  host: string;
  port: number;
  dataDir: string;
  configPath: string;
  /** Where the clock starts; real time when undefined. */
  clockStart?: number;
  /** Overrides the configuration's evaluator interval (the demo evaluates hourly). */
  evaluateEveryMinutes?: number;
  slackSigningSecret?: string;
  /** When set, Slack messages also go to the real workspace. */
  slackBotToken?: string;
  log: (line: string) => void;
}

export interface Runtime {
  url: string;
  port: number;
  dataDir: string;
  clock: LocalClock;
  stores: StoreDeps;
  /** The plan applied at first start, when the store was empty. */
  loadedConfig?: Plan;
  dynamoEndpoint: string;
  outboxPath: string;
  scheduler: LocalScheduler;
  /** Verifies `/slack/*` requests: SLACK_SIGNING_SECRET, or one generated for this run. */
  slackSigningSecret: string;
  stop(): Promise<void>;
}

export class ConfigFileError extends Error {
  readonly code = 'CONFIG_FILE';
}

/** Starts the whole system on this machine: DynamoDB Local, the table, the handlers, the server. */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const dataDir = resolve(options.dataDir);
  prepareDataDir(dataDir);
  const releaseLock = lockDataDir(dataDir);
  const cleanups: Array<() => Promise<void> | void> = [releaseLock];
  let halt = () => {};
  const stop = async () => {
    // The schedules stop first, so a long clock move in flight ends after its current job and the
    // server's grace period lets that request answer.
    halt();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const dynamo: DynamoDbLocal = await startDynamoDbLocal({ dataDir: join(dataDir, 'dynamodb') });
    cleanups.push(() => dynamo.stop());
    const client: DynamoDBClient = createLocalDynamoClient(dynamo.endpoint);
    cleanups.push(() => client.destroy());
    await ensureTable(client, LOCAL_TABLE_NAME);

    const clock = new LocalClock(options.clockStart);
    const stores = createDynamoStores(client, LOCAL_TABLE_NAME, clock);
    let loadedConfig: Plan | undefined;
    if (!(await stores.commitments.getConfig())) {
      const configText = readConfig(options.configPath);
      try {
        loadedConfig = (
          await applyConfig(stores, {
            text: configText,
            dryRun: false,
            holidaySources: createHolidaySources((path) => readBeside(options.configPath, path)),
          })
        ).plan;
      } catch (error) {
        if (error instanceof ValidationError) {
          // One line, every problem named: `path: what to fix (line N)`.
          const problems = error.issues
            .map((i) => `${i.path}: ${i.message}${i.line === undefined ? '' : ` (line ${i.line})`}`)
            .join('; ');
          throw new ConfigFileError(`SLA_CONFIG ${options.configPath} is invalid: ${problems}`);
        }
        throw error;
      }
    }

    const outbox = createOutbox(join(dataDir, 'outbox.jsonl'), options.log);
    const logError = (message: string, error: unknown) =>
      options.log(`error: ${message}: ${(error as Error)?.stack ?? String(error)}`);
    const slackLog = {
      error: logError,
      warn: (message: string, detail?: unknown) =>
        options.log(`warning: ${message}${detail === undefined ? '' : ` ${JSON.stringify(detail)}`}`),
    };
    const slackSigningSecret = options.slackSigningSecret ?? randomBytes(16).toString('hex');
    const poster = createOutboxSlackPoster({
      outbox,
      clock,
      real: options.slackBotToken
        ? createWebApiPoster(createSlackWebClient(options.slackBotToken))
        : undefined,
    });
    const loadDepartments = async () => (await stores.commitments.getConfig())?.departments ?? {};
    // The same notifier code the Lambda subscribed to the alerts topic runs, in process.
    const notifySlack = makeNotifyHandler({
      poster,
      clock,
      loadDepartments,
      alerts: stores.alerts,
      log: slackLog,
    });
    const publisher = createLocalAlertPublisher({
      outbox,
      clock,
      subscribers: [notifySlack],
      log: options.log,
    });
    const onReaction = makeReactionListener({
      poster,
      alerts: stores.alerts,
      loadDepartments,
      log: slackLog,
    });
    const config = await stores.commitments.getConfig();
    const digestPublisher = createOutboxDigestPublisher({ outbox, clock });
    const deliveries = createDynamoDigestDeliveryLog(createDocumentClient(client), LOCAL_TABLE_NAME);
    const scheduler = new LocalScheduler(
      clock,
      [
        {
          name: 'evaluate',
          nextAfter: everyMinutes(options.evaluateEveryMinutes ?? config?.evaluateEveryMinutes ?? 15),
          run: async (at) => {
            await runEvaluation({ ...stores, publisher }, at);
          },
        },
        ...(config
          ? [
              {
                name: 'digest',
                nextAfter: (after: number) => nextDigestFireTime(config.digest, config.timezone, after),
                run: async (at: number) => {
                  await sendWeeklyDigest(
                    { ...stores, poster, publisher: digestPublisher, deliveries },
                    { week: digestWeekAt(at, config.timezone) },
                  );
                },
              },
            ]
          : []),
      ],
      (job, error) => logError(`schedule ${job} failed`, error),
    );
    cleanups.push(() => scheduler.stop());
    halt = () => scheduler.halt();

    const api = asHttpHandler(
      'sla-api',
      makeApiHandler({ ...stores, publisher, onReaction, log: { error: logError } }),
    );
    const slack = asHttpHandler(
      'sla-slack',
      makeSlackHandler({
        stores,
        clock,
        signingSecret: async () => slackSigningSecret,
        poster,
        onReaction,
        log: slackLog,
      }),
    );
    const server: LocalServer = await startLocalServer({
      host: options.host,
      port: options.port,
      clock,
      mounts: [
        { prefix: '/health', handler: api },
        { prefix: '/v1/', handler: api },
        { prefix: '/slack/', handler: slack },
        { prefix: '/local/', handler: makeClockHandler(clock, scheduler, options.log) },
      ],
      onError: (error) => logError('request failed', error),
    });
    cleanups.push(() => server.close());
    cleanups.push(publishRuntimeUrl(dataDir, server.url));
    scheduler.start();
    return {
      url: server.url,
      port: server.port,
      dataDir,
      clock,
      stores,
      loadedConfig,
      dynamoEndpoint: dynamo.endpoint,
      outboxPath: outbox.path,
      scheduler,
      slackSigningSecret,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A file the configuration names (an .ics of holidays), beside it; undefined when absent. */
function readBeside(configPath: string, path: string): string | undefined {
  try {
    return readFileSync(join(dirname(configPath), path), 'utf8');
  } catch {
    return undefined;
  }
}

function readConfig(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigFileError(
      `SLA_CONFIG ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): point SLA_CONFIG at a commitments YAML file.`,
    );
  }
}
