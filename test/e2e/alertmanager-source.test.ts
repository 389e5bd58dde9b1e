import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../../local/runtime.js';
import { sourceSecretEnvName, sourceSecretsFromEnv } from '../../shared/sources/source-secrets.js';

/**
 * The real Prometheus Alertmanager (Debian's `prometheus-alertmanager`, with `amtool`) delivering
 * to the local runtime's `/sources/monitoring`: an alert fired, re-sent at its repeat interval,
 * then resolved, must count as one outage of its length inside business hours.
 */
const PACKAGE = 'prometheus-alertmanager';
const installed = ['prometheus-alertmanager', 'amtool'].every(
  (program) => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0,
);
if (!installed && process.env.CI === 'true') {
  throw new Error(
    `The Alertmanager end-to-end test needs the Debian package ${PACKAGE} (prometheus-alertmanager and amtool); .ci/run installs it.`,
  );
}
if (!installed) {
  console.warn(`Skipping the Alertmanager end-to-end test: install the Debian package ${PACKAGE} to run it.`);
}

const SOURCE = 'monitoring';
const TOKEN = 'the e2e alertmanager bearer token';
const ZONE = 'America/New_York';
const HOLIDAYS = new Set(['2026-11-26', '2026-12-25']);

/**
 * Alertmanager stamps nothing itself here, but it keeps real time: an outage it resolves must have
 * ended before now. So the outage is 10:00-10:20 on the last open weekday before today, and the
 * runtime's clock starts just after it, which keeps both instants in its past.
 */
function lastOpenWeekday(): DateTime {
  let day = DateTime.now().setZone(ZONE).startOf('day').minus({ days: 1 });
  while (day.weekday > 5 || HOLIDAYS.has(day.toISODate() ?? '')) day = day.minus({ days: 1 });
  return day;
}
const start = lastOpenWeekday().set({ hour: 10 });
const end = start.plus({ minutes: 20 });
const OUTAGE_MINUTES = 20;

/** The example, with the website measured from the outage's month and the monitoring source added. */
function configFile(dir: string): string {
  const example = readFileSync(new URL('../../examples/commitments.yaml', import.meta.url), 'utf8');
  const text = example.replace(
    /(\n {2}- id: website-availability[^\n]*\n)/,
    `$1    effectiveFrom: ${start.startOf('month').toISODate()}\n`,
  );
  if (text === example) throw new Error('the example no longer has the website commitment');
  const path = join(dir, 'commitments.yaml');
  writeFileSync(
    path,
    `${text}
sources:
  ${SOURCE}:
    type: alertmanager
    rules:
      - when: { labels: { alertname: WebsiteDown } }
        record: { commitment: website-availability }
`,
  );
  return path;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'sla-alertmanager-'));
let runtime: Runtime | undefined;
let alertmanager: ChildProcess | undefined;
let alertmanagerUrl = '';
const alertmanagerLog: string[] = [];

async function sourceCounts(): Promise<Record<string, number>> {
  const response = await fetch(`${runtime?.url}/v1/sources`);
  const body = (await response.json()) as { sources: Array<Record<string, number> & { name: string }> };
  const source = body.sources.find((s) => s.name === SOURCE);
  if (!source) throw new Error(`GET /v1/sources does not list ${SOURCE}`);
  return source;
}

function amtool(...args: string[]) {
  execFileSync(
    'amtool',
    [`--alertmanager.url=${alertmanagerUrl}`, 'alert', 'add', 'alertname=WebsiteDown', 'site=www', ...args],
    { stdio: 'pipe' },
  );
}

describe.skipIf(!installed)('Prometheus Alertmanager as a source', () => {
  beforeAll(async () => {
    process.env[sourceSecretEnvName(SOURCE)] = TOKEN;
    runtime = await startRuntime({
      host: '127.0.0.1',
      port: 0,
      dataDir: join(dir, 'data'),
      configPath: configFile(dir),
      clockStart: end.plus({ minutes: 10 }).toMillis(),
      sourceSecrets: sourceSecretsFromEnv(process.env),
      log: () => undefined,
    });
    const port = await freePort();
    alertmanagerUrl = `http://127.0.0.1:${port}`;
    writeFileSync(
      join(dir, 'alertmanager.yml'),
      `route:
  receiver: sla
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 2s
receivers:
  - name: sla
    webhook_configs:
      - url: ${runtime.url}/sources/${SOURCE}
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: ${TOKEN}
`,
    );
    alertmanager = spawn(
      'prometheus-alertmanager',
      [
        `--config.file=${join(dir, 'alertmanager.yml')}`,
        `--storage.path=${join(dir, 'alertmanager')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    alertmanager.stderr?.on('data', (chunk) => alertmanagerLog.push(String(chunk)));
    await until('Alertmanager to be ready', async () => {
      const response = await fetch(`${alertmanagerUrl}/-/ready`);
      return response.ok ? true : undefined;
    });
  });

  afterAll(async () => {
    alertmanager?.kill('SIGTERM');
    await runtime?.stop();
    delete process.env[sourceSecretEnvName(SOURCE)];
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a fired, re-sent, then resolved alert as one outage of its length in business hours', async () => {
    try {
      amtool(`--start=${start.toISO()}`);
      // Delivered once, then re-sent whole at the repeat interval: the repeat is a duplicate.
      const fired = await until('the firing alert to be delivered and re-sent', async () => {
        const counts = await sourceCounts();
        return counts.recorded === 1 && (counts.duplicates ?? 0) >= 1 ? counts : undefined;
      });
      expect(fired).toMatchObject({ recorded: 1, ignored: 0, refused: 0, rejected: 0 });

      amtool(`--start=${start.toISO()}`, `--end=${end.toISO()}`);
      const resolved = await until('the resolved alert to be delivered', async () => {
        const counts = await sourceCounts();
        return counts.recorded === 2 ? counts : undefined;
      });
      expect(resolved).toMatchObject({ recorded: 2, ignored: 0, refused: 0, rejected: 0 });

      const status = await fetch(`${runtime?.url}/v1/commitments/website-availability/status`);
      const body = (await status.json()) as { budget?: { used: number }; period: string };
      expect(body.period).toBe(start.toFormat('yyyy-MM'));
      // 10:00-10:20 on an open weekday: the whole outage counts, once despite the re-sends.
      expect(body.budget?.used).toBeCloseTo(OUTAGE_MINUTES, 5);
    } catch (error) {
      console.error(`Alertmanager's log:\n${alertmanagerLog.join('')}`);
      throw error;
    }
  });
});
