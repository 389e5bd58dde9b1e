import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { makeHandler as makeApiHandler } from '../functions/api/handler.js';
import { makeNotifyHandler } from '../functions/notify-slack/handler.js';
import { makeHandler as makeSlackHandler } from '../functions/slack/handler.js';
import { makeHandler as makeSourcesHandler } from '../functions/sources/handler.js';
import { makeHandler as makeWebHandler } from '../functions/web/handler.js';
import { departmentsLoader } from '../functions/wiring.js';
import { createDynamoDigestDeliveryLog } from '../shared/adapters/dynamodb/digest-delivery-log.js';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.js';
import { createDynamoSourceStats } from '../shared/adapters/dynamodb/source-stats.js';
import { createDynamoStores } from '../shared/adapters/dynamodb/stores.js';
import { ensureTable } from '../shared/adapters/dynamodb/table-setup.js';
import { systemClock } from '../shared/adapters/system-clock.js';
import type { StoreDeps } from '../shared/app/deps.js';
import { sendWeeklyDigest } from '../shared/app/digest.js';
import { digestOverview } from '../shared/app/digest-overview.js';
import { runEvaluation } from '../shared/app/evaluator.js';
import { digestWeekDueAt, type ScheduleSettings, scheduleSettingsOf } from '../shared/app/schedule-due.js';
import { companyZone } from '../shared/app/status.js';
import type { Plan } from '../shared/domain/plan.js';
import { nextEvaluationTick } from '../shared/domain/schedule-ticks.js';
import { localCaller } from '../shared/http/caller.js';
import { makeExcusalRequestListener } from '../shared/slack/excusal-message.js';
import { makeReactionListener } from '../shared/slack/reaction-listener.js';
import { makeClockHandler } from './clock-route.js';
import { applyConfigFileIfEmpty, ConfigFileError } from './config-file.js';
import { lockDataDir, prepareDataDir } from './data-dir.js';
import { describeError } from './describe-error.js';
import { memoizedNextDigestTick } from './digest-tick.js';
import { createLocalDynamoClient } from './dynamodb-local.js';
import { makeHealthHandler } from './health-route.js';
import { asHttpHandler } from './lambda-bridge.js';
import { LocalClock } from './local-clock.js';
import {
  createLocalAlertPublisher,
  createLocalSlack,
  createOutboxDigestPublisher,
} from './local-transports.js';
import { createOutbox } from './outbox.js';
import { publishRuntimeUrl } from './runtime-file.js';
import { LocalScheduler, type Schedules } from './scheduler.js';
import { type LocalServer, startLocalServer } from './server.js';
import { type SupervisedStore, superviseDynamoDbLocal } from './store-supervisor.js';

export const LOCAL_TABLE_NAME = 'sla-local';

export interface RuntimeOptions {
  host: string;
  port: number;
  dataDir: string;
  configPath: string;
  /** Where the clock starts; real time when undefined. */
  clockStart?: number;
  /** Overrides the configuration's `evaluation.every`, in minutes (the demo evaluates hourly). */
  evaluateEveryMinutes?: number;
  slackSigningSecret?: string;
  /** When set, Slack messages also go to the real workspace. */
  slackBotToken?: string;
  /**
   * Each source's secret (`SLA_SOURCE_<NAME>_SECRET` by default); a source without one has every
   * delivery refused, and its last refusal says why.
   */
  sourceSecrets?: (sourceName: string) => Promise<string | undefined>;
  log: (line: string) => void;
  /** DynamoDB Local died and could not be restarted; `npm start` exits with this reason. */
  onStoreLost?: (reason: string) => void;
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
  /** The emulator now running, and why it is down when it is. */
  store: SupervisedStore;
  outboxPath: string;
  scheduler: Schedules;
  /** Verifies `/slack/*` requests: SLACK_SIGNING_SECRET, or one generated for this run. */
  slackSigningSecret: string;
  stop(): Promise<void>;
}

export { ConfigFileError };

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
    const dynamo = await superviseDynamoDbLocal({
      dataDir: join(dataDir, 'dynamodb'),
      log: options.log,
      onGiveUp: options.onStoreLost ?? ((reason) => options.log(`error: ${reason}`)),
    });
    cleanups.push(() => dynamo.stop());
    const client: DynamoDBClient = createLocalDynamoClient(dynamo.endpoint);
    cleanups.push(() => client.destroy());
    await ensureTable(client, LOCAL_TABLE_NAME);

    const clock = new LocalClock(options.clockStart);
    const stores = createDynamoStores(client, LOCAL_TABLE_NAME, clock);
    const sourceStats = createDynamoSourceStats(createDocumentClient(client), LOCAL_TABLE_NAME);
    const loadedConfig = await applyConfigFileIfEmpty(stores, options.configPath);

    const outbox = createOutbox(join(dataDir, 'outbox.jsonl'), options.log);
    const logError = (message: string, error: unknown) =>
      options.log(`error: ${message}: ${describeError(error)}`);
    const slackLog = {
      error: logError,
      warn: (message: string, detail?: unknown) =>
        options.log(`warning: ${message}${detail === undefined ? '' : ` ${JSON.stringify(detail)}`}`),
    };
    const slackSigningSecret = options.slackSigningSecret ?? randomBytes(16).toString('hex');
    const { poster, uploader } = createLocalSlack({
      outbox,
      clock,
      dataDir,
      ...(options.slackBotToken ? { botToken: options.slackBotToken } : {}),
    });
    const loadDepartments = departmentsLoader(stores.commitments);
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
    const onExcusal = makeExcusalRequestListener({ poster, loadDepartments, log: slackLog });
    const evaluationError = (commitmentId: string, error: unknown) =>
      logError(`evaluating ${commitmentId} failed (the others were evaluated)`, error);
    const digestPublisher = createOutboxDigestPublisher({ outbox, clock });
    const deliveries = createDynamoDigestDeliveryLog(createDocumentClient(client), LOCAL_TABLE_NAME);
    // The same tick decisions as the functions in AWS, read from the configuration applied now.
    const nextDigest = memoizedNextDigestTick();
    const scheduler = new LocalScheduler<ScheduleSettings>(
      clock,
      [
        {
          name: 'evaluate',
          nextAfter: (after, settings) =>
            nextEvaluationTick(
              options.evaluateEveryMinutes ?? settings.evaluateEveryMinutes,
              settings.zone,
              after,
            ),
          run: async (at) => {
            await runEvaluation({ ...stores, publisher, onCommitmentError: evaluationError }, at);
          },
        },
        {
          name: 'digest',
          nextAfter: (after, settings) => nextDigest(after, settings),
          run: async (at, settings) => {
            const week = digestWeekDueAt(settings, at);
            if (week === undefined) return;
            await sendWeeklyDigest(
              { ...stores, poster, uploader, image: digestOverview, publisher: digestPublisher, deliveries },
              { week },
            );
          },
        },
      ],
      (job, error) => logError(`schedule ${job} failed`, error),
      async () => scheduleSettingsOf(await stores.commitments.getConfig()),
    );
    cleanups.push(() => scheduler.stop());
    halt = () => scheduler.halt();

    const api = asHttpHandler(
      'sla-api',
      makeApiHandler({
        ...stores,
        sourceStats,
        publisher,
        onReaction,
        onExcusal,
        callerOf: localCaller,
        log: { error: logError },
      }),
    );
    const slack = asHttpHandler(
      'sla-slack',
      makeSlackHandler({
        stores,
        clock,
        // A workspace reached through a tunnel signs with real time, whatever SLA_CLOCK says.
        replayWindowClocks: [clock, systemClock],
        signingSecret: async () => slackSigningSecret,
        poster,
        onReaction,
        onExcusal,
        log: slackLog,
      }),
    );
    const server: LocalServer = await startLocalServer({
      host: options.host,
      port: options.port,
      clock,
      mounts: [
        { prefix: '/health', handler: makeHealthHandler(dynamo, api) },
        { prefix: '/v1/', handler: api },
        { prefix: '/slack/', handler: slack },
        {
          prefix: '/sources/',
          handler: asHttpHandler(
            'sla-sources',
            makeSourcesHandler({
              ...stores,
              sourceStats,
              secretOf: options.sourceSecrets ?? (async () => undefined),
              // A sender signs with real time, whatever SLA_CLOCK says, as Slack does.
              replayWindowClocks: [clock, systemClock],
              log: { error: logError },
            }),
          ),
        },
        {
          prefix: '/local/',
          handler: makeClockHandler(clock, scheduler, options.log, () => companyZone(stores)),
        },
        // Last, so every other prefix wins: the dashboard answers the rest, with no sign-in here.
        { prefix: '/', handler: makeWebHandler({ ...stores, log: { error: logError } }) },
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
      store: dynamo,
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
