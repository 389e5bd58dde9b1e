/**
 * The `sla` command line against the real local runtime: DynamoDB Local, the API handlers and
 * the HTTP server in this process, the CLI as a child process exactly as a user runs it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../../local/runtime.js';
import { decodePng } from '../support/chart-images.js';
import { exampleAgreedSince } from '../support/example-since.js';

const REPO = resolve(import.meta.dirname, '../..');
// The leads were agreed from Nov 1, so November is judged whole although the runtime starts on the 18th.
const CONFIG = exampleAgreedSince('2026-11-01');
const NOVEMBER_18 = Date.parse('2026-11-18T10:00:00-05:00');
// Past the end of November and the hour of grace the evaluator waits for late events.
const DECEMBER_1 = Date.parse('2026-12-01T01:30:00-05:00');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let runtime: Runtime;
let dataDir: string;

const start = (clockStart: number) =>
  startRuntime({ host: '127.0.0.1', port: 0, dataDir, configPath: CONFIG, clockStart, log: () => {} });

function sla(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    const { SLA_API_URL: _ignored, ...env } = process.env;
    execFile(
      process.execPath,
      ['bin/sla.js', ...args, '--api', runtime.url],
      { cwd: REPO, env, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

const json = <T>(run: Run): T => JSON.parse(run.stdout) as T;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sla-cli-e2e-'));
  runtime = await start(NOVEMBER_18);
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('sla against the local runtime', () => {
  it('plans the loaded example as all unchanged', async () => {
    const run = await sla('apply', '-f', CONFIG, '--dry-run');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe('3 unchanged\n\nNo changes: the configuration is already applied.\n');
    console.log(`$ sla apply -f ${CONFIG} --dry-run\n${run.stdout}`);
  });

  it('refuses a broken config whole, naming the field, and applies nothing', async () => {
    const broken = join(dataDir, 'broken.yaml');
    const text = readFileSync(CONFIG, 'utf8');
    // A second change that alone would be valid: it must not be applied either.
    writeFileSync(
      broken,
      text.replace('closeRate: 0.2', 'closeRate: 0').replace('threshold: 24h', 'threshold: 8h'),
    );
    const run = await sla('apply', '-f', broken);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('commitments[0].target.derive.closeRate: must be > 0');
    expect(run.stderr).toContain('nothing was applied');
    console.log(`$ sla apply -f broken.yaml\n${run.stderr}`);
    expect((await sla('apply', '-f', CONFIG, '--dry-run')).stdout).toMatch(/^3 unchanged/);
  });

  it('refuses a YAML alias bomb with exit 2 and says why, applying nothing', async () => {
    const bomb = join(dataDir, 'bomb.yaml');
    // Four lines that would expand to 10,000 values if the aliases were followed.
    writeFileSync(
      bomb,
      [
        'a: &a [x, x, x, x, x, x, x, x, x, x]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
        '',
      ].join('\n'),
    );
    const run = await sla('apply', '-f', bomb);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('excessive alias count');
    expect(run.stderr).toContain('nothing was applied');
    expect((await sla('apply', '-f', CONFIG, '--dry-run')).stdout).toMatch(/^3 unchanged/);
  });

  it('records an event and shows it in the status', async () => {
    const record = await sla('record', 'marketing-qualified-leads', '5');
    expect(record.code).toBe(0);
    expect(record.stdout).toMatch(
      /^Recorded 5 on marketing-qualified-leads \(event cli-[0-9a-f-]{36}\)\.\n$/,
    );

    const single = await sla('status', 'marketing-qualified-leads', '--json');
    expect(single.code).toBe(0);
    expect(json<{ actual: number; target: number; period: string }>(single)).toMatchObject({
      actual: 5,
      target: 100,
      period: '2026-11',
    });

    const table = await sla('status');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/marketing-qualified-leads\s+marketing → sales\s+▓░{9} 5%\s+5 \/ 100 leads/);
    console.log(`$ sla status\n${table.stdout}`);
  });

  it('counts a retried event once', async () => {
    const first = await sla('record', 'marketing-qualified-leads', '2', '--id', 'crm-lead-77');
    const retry = await sla('record', 'marketing-qualified-leads', '2', '--id', 'crm-lead-77');
    expect(first.code).toBe(0);
    expect(retry).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Already recorded/) });
    const status = json<{ actual: number }>(await sla('status', 'marketing-qualified-leads', '--json'));
    expect(status.actual).toBe(7);
  });

  it('writes a chart to the file named, PNG or SVG by its extension', async () => {
    const png = join(dataDir, 'leads.png');
    const drawn = await sla('chart', 'marketing-qualified-leads', '-o', png);
    expect(drawn.stderr).toBe('');
    expect(drawn.code).toBe(0);
    const image = decodePng(readFileSync(png));
    expect({ width: image.width, height: image.height }).toEqual({ width: 800, height: 420 });
    const svg = join(dataDir, 'leads.svg');
    expect((await sla('chart', 'marketing-qualified-leads', '--kind', 'history', '-o', svg)).code).toBe(0);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg /);
    const refused = await sla(
      'chart',
      'marketing-qualified-leads',
      '--kind',
      'budget',
      '-o',
      join(dataDir, 'b.svg'),
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('its charts are burnup and history');
  });

  it('exits 3 for an unknown commitment', async () => {
    const status = await sla('status', 'no-such-commitment');
    expect(status.code).toBe(3);
    expect(status.stderr).toContain("no commitment 'no-such-commitment'");
    expect((await sla('record', 'no-such-commitment', '1')).code).toBe(3);
    expect((await sla('history', 'no-such-commitment')).code).toBe(3);
  });

  it('keeps everything across a restart, then closes the month with its credit', async () => {
    await runtime.stop();
    // Started again on the same data folder, this time just after the end of November.
    runtime = await start(DECEMBER_1);
    const november = await sla('status', 'marketing-qualified-leads', '--period', '2026-11', '--json');
    expect(november.code).toBe(0);
    expect(json<{ actual: number }>(november).actual).toBe(7);

    const evaluate = await sla('evaluate');
    expect(evaluate.code).toBe(0);
    expect(evaluate.stdout).toMatch(/^Evaluated 3 commitments at Tue Dec 1, 2026, 01:3\d EST\.$/m);
    console.log(`$ sla evaluate\n${evaluate.stdout}`);

    const history = await sla('history', 'marketing-qualified-leads');
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(
      /2026-11\s+BREACHED\s+7 \/ 100 leads\s+7% \(breached: 93 leads short\)\s+15 credits/,
    );
    console.log(`$ sla history marketing-qualified-leads\n${history.stdout}`);

    const csv = await sla('export', 'marketing-qualified-leads', '--csv');
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')).toEqual([
      'period,status,actual,target,attainment,credit,final,creditUnit',
      '2026-11,breached,7,100,7%,15,true,credits',
      expect.stringMatching(/^2026-12,(on_track|no_data),0,100,0%,,false,$/),
      '',
    ]);
  });
});
