/**
 * The admin's tools as a person uses them: `sla` as a child process, offline or against the real
 * local runtime, with holidays from a country and from an .ics file beside the YAML.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../../local/runtime.js';

const REPO = resolve(import.meta.dirname, '../..');
const NOVEMBER_18 = Date.parse('2026-11-18T10:00:00-05:00');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let runtime: Runtime;
let work: string;
let dataDir: string;

/** `sla` run from `work`, without SLA_API_URL, so it must find the runtime or be told. */
function sla(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    const { SLA_API_URL: _a, SLA_DATA_DIR: _d, ...inherited } = process.env;
    execFile(
      process.execPath,
      [join(REPO, 'bin/sla.js'), ...args],
      { cwd: work, env: { ...inherited, ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        done({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'sla-admin-'));
  dataDir = join(work, 'runtime-data');
  copyFileSync(join(REPO, 'test/fixtures/company-holidays.ics'), join(work, 'company-holidays.ics'));
  const example = readFileSync(join(REPO, 'examples/commitments.yaml'), 'utf8');
  writeFileSync(
    join(work, 'commitments.yaml'),
    example.replace(
      /holidays: \[[^\]]*\]/,
      'holidays: [{ country: US, region: NY }, { ics: company-holidays.ics }, "2026-11-27"]',
    ),
  );
  runtime = await startRuntime({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    configPath: 'examples/commitments.yaml',
    clockStart: NOVEMBER_18,
    log: () => {},
  });
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('sla validate', () => {
  it('checks the file with nothing listening and no API configured, holidays resolved', async () => {
    const run = await sla(['validate', '-f', 'commitments.yaml'], { SLA_API_URL: 'http://127.0.0.1:9' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('commitments.yaml is valid: 3 commitments, 4 departments.');
    expect(run.stdout).toContain('Holidays of calendar business from US-NY:');
    expect(run.stdout).toMatch(/2026 {2}.*Nov 26 Thanksgiving Day/s);
    expect(run.stdout).toContain('Holidays of calendar business from company-holidays.ics:');
    expect(run.stdout).toMatch(/2027 {2}Jun 15 Founders' Day/);
  });

  it('exits 2 naming what to fix, still offline', async () => {
    writeFileSync(join(work, 'broken.yaml'), 'timezone: Mars/Olympus\ndepartments: {}\ncommitments: []\n');
    const run = await sla(['validate', '-f', 'broken.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('timezone: unknown time zone');
  });
});

describe('sla against the runtime it finds', () => {
  it('the runtime leaves its URL in its data folder, and sla finds it there', async () => {
    expect(JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')).url).toBe(runtime.url);
    const run = await sla(['status'], { SLA_DATA_DIR: dataDir });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('marketing-qualified-leads');
  });

  it('apply uploads the .ics beside the YAML; the plan shows the resolved holidays; they govern', async () => {
    const env = { SLA_DATA_DIR: dataDir };
    const dry = await sla(['apply', '-f', 'commitments.yaml', '--dry-run'], env);
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toMatch(/calendar\.holidays: \d+ added \(/);
    expect(dry.stdout).toContain('Holidays of calendar business from company-holidays.ics:');
    expect(dry.stdout).toContain('Nov 26 Thanksgiving Day');

    const applied = await sla(['apply', '-f', 'commitments.yaml'], env);
    expect(applied.code).toBe(0);
    const response = await fetch(`${runtime.url}/v1/commitments/marketing-qualified-leads`);
    const body = JSON.stringify(await response.json());
    for (const date of ['2026-11-26', '2026-06-15', '2027-06-15', '2026-12-29', '2026-11-27']) {
      expect(body).toContain(date);
    }
  });

  it('an .ics that is not beside the YAML is refused with its path, and nothing changes', async () => {
    writeFileSync(
      join(work, 'missing.yaml'),
      readFileSync(join(work, 'commitments.yaml'), 'utf8').replace('company-holidays.ics', 'gone.ics'),
    );
    const run = await sla(['apply', '-f', 'missing.yaml'], { SLA_DATA_DIR: dataDir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/calendars\.business\.holidays\[1\]\.ics: gone\.ics was not found/);
  });

  it('the file goes when the runtime stops', async () => {
    await runtime.stop();
    expect(existsSync(join(dataDir, 'runtime.json'))).toBe(false);
  });
});
