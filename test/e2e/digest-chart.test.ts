import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../../local/runtime.js';
import { decodePng } from '../support/chart-images.js';

/** The Monday digest of the local runtime draws its overview and keeps it in the data folder. */
const dataDir = mkdtempSync(join(tmpdir(), 'sla-e2e-digest-chart-'));
let runtime: Runtime;

beforeAll(async () => {
  runtime = await startRuntime({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    configPath: 'examples/commitments.yaml',
    clockStart: Date.parse('2026-11-16T07:50:00-05:00'),
    log: () => {},
  });
});
afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the local digest's overview image", () => {
  it('is saved in the data folder and written to the outbox as digest_chart in the summary thread', async () => {
    const moved = await fetch(`${runtime.url}/local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: '2026-11-16T08:05:00-05:00' }),
    });
    expect(((await moved.json()) as { ran: Array<{ job: string }> }).ran).toContainEqual(
      expect.objectContaining({ job: 'digest' }),
    );
    const lines = readFileSync(join(dataDir, 'outbox.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const summary = lines.find((l) => l.transport === 'slack' && l.kind === 'digest');
    const charts = lines.filter((l) => l.kind === 'digest_chart');
    expect(charts).toEqual([
      expect.objectContaining({
        transport: 'slack',
        period: '2026-W46',
        target: 'C0EXEC',
        text: 'SLA overview, week 2026-W46',
        threadTs: summary?.ts,
        file: join(dataDir, 'charts', 'sla-digest-2026-W46.png'),
      }),
    ]);
    const png = readFileSync(join(dataDir, 'charts', 'sla-digest-2026-W46.png'));
    expect(png.length).toBe(charts[0]?.bytes);
    expect(decodePng(png).width).toBe(720);
  });
});
