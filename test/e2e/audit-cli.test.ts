/**
 * The audit trail and event voids through the `sla` command line, against the real local runtime:
 * the CLI as a child process, the API behind the local HTTP server, DynamoDB Local.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../../local/runtime.js';
import { exampleAgreedSince } from '../support/example-since.js';

const REPO = resolve(import.meta.dirname, '../..');
const CONFIG = exampleAgreedSince('2026-11-01');
const LEADS = 'marketing-qualified-leads';

let runtime: Runtime;
let dataDir: string;

function sla(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const { SLA_API_URL: _ignored, ...env } = process.env;
    execFile(
      process.execPath,
      ['bin/sla.js', ...args, '--api', runtime.url],
      { cwd: REPO, env, timeout: 30_000 },
      (error, stdout, stderr) => {
        done({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sla-audit-e2e-'));
  runtime = await startRuntime({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    configPath: CONFIG,
    clockStart: Date.parse('2026-11-18T10:00:00-05:00'),
    log: () => {},
  });
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('sla events, void and audit against the local runtime', () => {
  it('records, lists, voids once and traces it all, authored by the local admin through the CLI', async () => {
    expect((await sla('record', LEADS, '30', '--id', 'typo')).code).toBe(0);
    expect((await sla('record', LEADS, '3', '--id', 'right')).code).toBe(0);
    const status = async () => JSON.parse((await sla('status', LEADS, '--json')).stdout).actual as number;
    expect(await status()).toBe(33);

    const events = await sla('events', LEADS);
    expect(events.code).toBe(0);
    expect(events.stdout).toMatch(/typo\s+30\s+local\s+cli/);

    const voidArgs = ['void', LEADS, 'typo', '--by', 'U0MKTLEAD', '--reason', 'typed 30 instead of 3'];
    const first = await sla(...voidArgs);
    const second = await sla(...voidArgs);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout).toBe(first.stdout);
    expect(await status()).toBe(3);

    const audit = await sla('audit', '--commitment', LEADS, '--json');
    const entries = JSON.parse(audit.stdout).entries as Array<{ action: string; by: string; via: string }>;
    expect(entries.filter((e) => e.action === 'event.voided')).toEqual([
      expect.objectContaining({ by: 'U0MKTLEAD', via: 'cli' }),
    ]);
    expect(entries.filter((e) => e.action === 'events.recorded')).toEqual([
      expect.objectContaining({ by: 'local', via: 'cli' }),
      expect.objectContaining({ by: 'local', via: 'cli' }),
    ]);
    const table = await sla('audit', '--commitment', LEADS, '--limit', '2');
    expect(table.stdout).toMatch(/^WHEN\s+BY\s+VIA\s+ACTION/);
    expect(table.stdout).toContain('More: repeat with --cursor ');
    console.log(`$ sla audit --commitment ${LEADS} --limit 2\n${table.stdout}`);
  });
});
