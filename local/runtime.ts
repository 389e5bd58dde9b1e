import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { makeHandler as makeApiHandler } from '../functions/api/handler.js';
import { createDynamoStores } from '../shared/adapters/dynamodb/stores.js';
import { ensureTable } from '../shared/adapters/dynamodb/table-definition.js';
import { applyConfig } from '../shared/app/commitments.js';
import type { StoreDeps } from '../shared/app/deps.js';
import type { Plan } from '../shared/domain/plan.js';
import { describeIssues, ValidationError } from '../shared/domain/validation-error.js';
import { lockDataDir, prepareDataDir } from './data-dir.js';
import { createLocalDynamoClient, type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local.js';
import { asHttpHandler } from './lambda-bridge.js';
import { LocalClock } from './local-clock.js';
import { type LocalServer, startLocalServer } from './server.js';

export const LOCAL_TABLE_NAME = 'sla-local';

export interface RuntimeOptions {
  host: string;
  port: number;
  dataDir: string;
  configPath: string;
  /** Where the clock starts; real time when undefined. */
  clockStart?: number;
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
  const stop = async () => {
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
        loadedConfig = (await applyConfig(stores, { text: configText, dryRun: false })).plan;
      } catch (error) {
        if (error instanceof ValidationError) {
          throw new ConfigFileError(
            `SLA_CONFIG ${options.configPath} is invalid: ${describeIssues(error.issues)}`,
          );
        }
        throw error;
      }
    }

    const api = makeApiHandler({
      ...stores,
      log: {
        error: (message, error) =>
          options.log(`error: ${message}: ${(error as Error)?.stack ?? String(error)}`),
      },
    });
    const server: LocalServer = await startLocalServer({
      host: options.host,
      port: options.port,
      clock,
      mounts: [
        { prefix: '/health', handler: asHttpHandler('sla-api', api) },
        { prefix: '/v1/', handler: asHttpHandler('sla-api', api) },
      ],
      onError: (error) => options.log(`error: ${(error as Error)?.stack ?? String(error)}`),
    });
    cleanups.push(() => server.close());
    return {
      url: server.url,
      port: server.port,
      dataDir,
      clock,
      stores,
      loadedConfig,
      dynamoEndpoint: dynamo.endpoint,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
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
