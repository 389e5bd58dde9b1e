import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type EmulatorPids, isAlive, readEmulatorPids } from '../../local/emulator-process.js';
import { exampleAgreedSince } from '../support/example-since.js';
import { until } from '../support/until.js';

/** `npm start` killed with SIGKILL while clients post events, then started again on the same data. */
const dataDir = mkdtempSync(join(tmpdir(), 'sla-crash-'));
const emulatorDir = join(dataDir, 'dynamodb');
const running: ChildProcess[] = [];
// The clock starts on Nov 18 and the events are dated Nov 17: the commitment must be agreed before.
const config = exampleAgreedSince('2026-11-01');

afterAll(async () => {
  for (const child of running)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  // Whatever happened above, give the watchdogs their moment before the folder goes.
  await until('the emulators to stop', async () =>
    [first, second].every((pids) => !pids || (!isAlive(pids.java) && !isAlive(pids.watchdog)))
      ? true
      : undefined,
  ).catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(dirname(config), { recursive: true, force: true });
});

let first: EmulatorPids | undefined;
let second: EmulatorPids | undefined;

/** Starts the runtime as `npm start` does and resolves with its URL once the banner is out. */
function start(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      SLA_DATA_DIR: dataDir,
      SLA_CONFIG: config,
      SLA_CLOCK: '2026-11-18T10:00:00-05:00',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  return until(
    'the runtime to start',
    async () => {
      if (child.exitCode !== null) throw new Error(`the runtime exited at start:\n${output}`);
      const url = /SLA tracker running at (http:\S+)/.exec(output)?.[1];
      return url === undefined ? undefined : { child, url, output: () => output };
    },
    120_000,
  );
}

const eventsUrl = (url: string) => `${url}/v1/commitments/marketing-qualified-leads/events`;
const at = '2026-11-17T11:00:00-05:00';

async function post(url: string, ids: string[]): Promise<number> {
  const response = await fetch(eventsUrl(url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events: ids.map((id) => ({ id, at })) }),
  });
  await response.arrayBuffer();
  return response.status;
}

async function counted(url: string): Promise<number> {
  const response = await fetch(`${url}/v1/commitments/marketing-qualified-leads/status?period=2026-11`);
  return ((await response.json()) as { actual: number }).actual;
}

describe('a runtime killed with SIGKILL during ingestion', () => {
  it('loses no acknowledged event, converges on replay, and leaves no emulator behind', async () => {
    const run = await start();
    expect(run.output()).toMatch(
      /sources\s+http:\S+\/sources\/<name> \(each source's secret from SLA_SOURCE_<NAME>_SECRET\)/,
    );
    first = readEmulatorPids(emulatorDir);
    expect(first).toBeDefined();
    const baseline = await counted(run.url);

    const sent: string[] = [];
    const acknowledged: string[] = [];
    let batches = 0;
    const client = async (name: string) => {
      for (let batch = 0; ; batch++) {
        const ids = Array.from({ length: 5 }, (_, i) => `${name}-${batch}-${i}`);
        sent.push(...ids);
        try {
          const status = await post(run.url, ids);
          if (status >= 200 && status < 300) acknowledged.push(...ids);
          batches++;
        } catch {
          return; // The runtime is gone.
        }
      }
    };
    const clients = Promise.all(['a', 'b', 'c', 'd'].map(client));
    await until('some batches to be acknowledged', async () => (batches >= 12 ? true : undefined));
    run.child.kill('SIGKILL');
    await clients;
    expect(acknowledged.length).toBeGreaterThan(0);

    // The watchdog notices the runtime is gone and stops the JVM with SIGTERM.
    const pids = first as EmulatorPids;
    await until(
      'the orphaned emulator to stop',
      async () => (!isAlive(pids.java) && !isAlive(pids.watchdog) ? true : undefined),
      20_000,
    );

    const again = await start();
    second = readEmulatorPids(emulatorDir);
    expect(again.output()).not.toMatch(/left running/);
    expect(await counted(again.url)).toBeGreaterThanOrEqual(baseline + acknowledged.length);

    const distinct = new Set(sent);
    for (let i = 0; i < sent.length; i += 100) {
      expect(await post(again.url, sent.slice(i, i + 100))).toBe(200);
    }
    expect(await counted(again.url)).toBe(baseline + distinct.size);

    again.child.kill('SIGTERM');
    await new Promise((resolve) => again.child.once('exit', resolve));
    expect(second).toBeDefined();
    expect(isAlive((second as EmulatorPids).java)).toBe(false);
    expect(isAlive((second as EmulatorPids).watchdog)).toBe(false);
  }, 300_000);
});
