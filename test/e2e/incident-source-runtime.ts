import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Runtime, startRuntime } from '../../local/runtime.js';
import { sourceSecretEnvName, sourceSecretsFromEnv } from '../../shared/sources/source-secrets.js';

/**
 * The local runtime as `npm start` runs it (secrets from `SLA_SOURCE_<NAME>_SECRET`), started at a
 * weekday morning with the example's website commitment measured from the start of that month and
 * one source added: what a monitoring sender's deliveries must move.
 */
export const CLOCK_START = '2026-11-18T10:40:00-05:00';
export const SITE = 'website-availability';

export interface SourceRuntime {
  url: string;
  post(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: any }>;
  /** Business minutes of downtime this month, and whether the website is down now. */
  availability(): Promise<{ used: number; body: Record<string, unknown> }>;
  sourceCounts(name: string): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function startWithSource(
  source: { name: string; secret: string; yaml: string },
  prefix: string,
): Promise<SourceRuntime> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const example = readFileSync(new URL('../../examples/commitments.yaml', import.meta.url), 'utf8');
  const text = example.replace(
    /(\n {2}- id: website-availability[^\n]*\n)/,
    '$1    effectiveFrom: 2026-11-01\n',
  );
  if (text === example) throw new Error('the example no longer has the website commitment');
  const configPath = join(dir, 'commitments.yaml');
  writeFileSync(configPath, `${text}\nsources:\n${source.yaml}`);
  const env = sourceSecretEnvName(source.name);
  process.env[env] = source.secret;
  let runtime: Runtime;
  try {
    runtime = await startRuntime({
      host: '127.0.0.1',
      port: 0,
      dataDir: join(dir, 'data'),
      configPath,
      clockStart: Date.parse(CLOCK_START),
      sourceSecrets: sourceSecretsFromEnv(process.env),
      log: () => undefined,
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const url = runtime.url;
  return {
    url,
    async post(path, body, headers) {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      return { status: response.status, body: await response.json() };
    },
    async availability() {
      const response = await fetch(`${url}/v1/commitments/${SITE}/status`);
      const body = (await response.json()) as { budget?: { used: number } };
      return { used: body.budget?.used ?? 0, body };
    },
    async sourceCounts(name) {
      const response = await fetch(`${url}/v1/sources`);
      const body = (await response.json()) as { sources: Array<{ name: string }> };
      const found = body.sources.find((s) => s.name === name);
      if (!found) throw new Error(`GET /v1/sources does not list ${name}`);
      return found;
    },
    async stop() {
      await runtime.stop();
      delete process.env[env];
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
