import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** `npm start` as a user runs it, failing at start: each failure is one line that says what to do. */
const scratch = mkdtempSync(join(tmpdir(), 'sla-startup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      SLA_DATA_DIR: mkdtempSync(join(scratch, 'data-')),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const lines = result.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm warn'));
  return { status: result.status, lines };
}

describe('startup failures are explained in one line', () => {
  it('Java missing', () => {
    const { status, lines } = start({ JAVA_HOME: join(scratch, 'no-java-here') });
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sla: .*Java 17/);
  });

  it('port taken', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const { status, lines } = start({ PORT: String(port) });
      expect(status).toBe(1);
      expect(lines).toEqual([
        expect.stringMatching(new RegExp(`^sla: Port ${port} .* already in use.*PORT=`)),
      ]);
    } finally {
      server.close();
    }
  });

  it('data folder not writable', () => {
    const locked = join(scratch, 'read-only');
    rmSync(locked, { recursive: true, force: true });
    writeFileSync(locked, 'a file where a folder should be');
    const { status, lines } = start({ SLA_DATA_DIR: join(locked, 'data') });
    expect(status).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^sla: Data folder .* is not writable.*SLA_DATA_DIR/)]);
    chmodSync(locked, 0o644);
  });

  it('broken SLA_CONFIG, with the field named', () => {
    const config = join(scratch, 'broken.yaml');
    writeFileSync(
      config,
      `timezone: America/New_York
departments:
  marketing: { name: Marketing }
  sales: { name: Sales }
digest: { schedule: "mon 08:00", to: sales }
commitments:
  - id: leads
    title: Leads
    provider: marketing
    consumer: sales
    measure: total
    target: { derive: { revenue: 10000, dealSize: 500, closeRate: 0 } }
`,
    );
    const { status, lines } = start({ SLA_CONFIG: config });
    expect(status).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^sla: SLA_CONFIG .* is invalid: .*commitments\[0\]\.target\.derive\.closeRate/),
    ]);
  });

  it('a bad SLA_CLOCK', () => {
    const { status, lines } = start({ SLA_CLOCK: 'next tuesday' });
    expect(status).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^sla: SLA_CLOCK 'next tuesday' is not an ISO-8601 instant/),
    ]);
  });
});
