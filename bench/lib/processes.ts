import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ProcessMemory {
  /** Peak resident set size so far (VmHWM), in MiB. */
  peakMiB: number;
  /** Current resident set size (VmRSS), in MiB. */
  rssMiB: number;
}

/** Linux only: reads the kernel's own accounting, so it works for any process we started. */
export function processMemory(pid: number): ProcessMemory | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { peakMiB: kib('VmHWM') / 1024, rssMiB: kib('VmRSS') / 1024 };
}

/** Direct children of a process (the local runtime's DynamoDB Local JVM, for instance). */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter((s) => s !== '')
      .map(Number);
  } catch {
    return [];
  }
}

export interface RuntimeChild {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Wall time from spawn until the server printed its URL. */
  startMs: number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * `npm start` as a user runs it, minus npm: `node --import tsx local/start.ts` with PORT=0 so the
 * server picks a free port, which it prints in its banner. The pid is Node's own (no wrapper).
 */
export async function spawnRuntime(options: {
  root: string;
  dataDir: string;
  clock: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<RuntimeChild> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: options.root,
    env: {
      ...process.env,
      PORT: '0',
      SLA_DATA_DIR: options.dataDir,
      SLA_CLOCK: options.clock,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`the local runtime did not start within ${options.timeoutMs ?? 60_000} ms:\n${output}`),
        ),
      options.timeoutMs ?? 60_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the local runtime exited (${code}) before it started:\n${output}`));
    });
  });
  const startMs = performance.now() - started;
  return {
    child,
    pid: child.pid as number,
    url,
    startMs,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const forced = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(forced);
      }
    },
  };
}

/** Runs a command to completion and returns its stdout; rejects with stderr on a non-zero exit. */
export function runToCompletion(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<{ stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr, ms: performance.now() - started });
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code}):\n${stderr}${stdout}`));
    });
  });
}
