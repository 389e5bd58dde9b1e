import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * The processes of a persistent emulator, written into its data folder, so a start that follows a
 * crash finds an emulator still running on the same files and stops it before opening a second one.
 */
export interface EmulatorPids {
  watchdog: number;
  java: number;
}

const PID_FILE = 'emulator.pid.json';
const POLL_MS = 50;

export function recordEmulatorPids(dataDir: string, pids: EmulatorPids): void {
  writeFileSync(join(dataDir, PID_FILE), `${JSON.stringify(pids)}\n`);
}

export function forgetEmulatorPids(dataDir: string): void {
  rmSync(join(dataDir, PID_FILE), { force: true });
}

export function readEmulatorPids(dataDir: string): EmulatorPids | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, PID_FILE), 'utf8')) as Partial<EmulatorPids>;
    if (Number.isInteger(parsed.watchdog) && Number.isInteger(parsed.java)) return parsed as EmulatorPids;
  } catch {
    // No file, or a torn one: nothing recorded that we could trust.
  }
  return undefined;
}

/**
 * Stops the emulator a previous run left on `dataDir`, if any: SIGTERM so it closes its database,
 * then SIGKILL only if it is still there after `graceMs`. A recorded pid is only signalled when its
 * command line shows it is DynamoDB Local (or its watchdog) on this very folder, since pids are
 * reused. Returns the pids that were stopped.
 */
export async function stopStaleEmulator(dataDir: string, graceMs = 10_000): Promise<number[]> {
  const recorded = readEmulatorPids(dataDir);
  const stale = recorded
    ? [recorded.watchdog, recorded.java].filter((pid) => isAlive(pid) && isEmulatorOf(pid, dataDir))
    : [];
  if (stale.length > 0) await terminate(stale, graceMs, (pid) => isEmulatorOf(pid, dataDir));
  forgetEmulatorPids(dataDir);
  return stale;
}

/** SIGTERM, wait for every pid to be gone, SIGKILL the survivors that `stillOurs` confirms. */
export async function terminate(
  pids: number[],
  graceMs: number,
  stillOurs: (pid: number) => boolean = () => true,
): Promise<void> {
  for (const pid of pids) signal(pid, 'SIGTERM');
  if (await allGone(pids, Date.now() + graceMs)) return;
  for (const pid of pids) if (isAlive(pid) && stillOurs(pid)) signal(pid, 'SIGKILL');
  await allGone(pids, Date.now() + 2_000);
}

async function allGone(pids: number[], deadline: number): Promise<boolean> {
  while (pids.some(isAlive)) {
    if (Date.now() >= deadline) return false;
    await delay(POLL_MS);
  }
  return true;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/** Alive and not a zombie: an orphan nobody reaps must not count as a running emulator. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // No /proc (macOS): signal 0 is the best we have.
  }
}

/** Whether `pid` runs DynamoDB Local with `-dbPath dataDir` (the watchdog's arguments carry it too). */
export function isEmulatorOf(pid: number, dataDir: string): boolean {
  const line = commandLine(pid)?.join(' ');
  // The folder is followed by another argument, so `/data` does not match `/data-2`.
  if (line === undefined) return false;
  return line.includes('DynamoDBLocal.jar') && line.includes(` -dbPath ${dataDir} -`);
}

/** The process's arguments, or undefined when it is gone or cannot be read. */
export function commandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
  } catch {
    try {
      // Without /proc (macOS), ps joins the arguments with spaces, which is all the check needs.
      return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' })
        .trim()
        .split(/\s+/);
    } catch {
      return undefined;
    }
  }
}
