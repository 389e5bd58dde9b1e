import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startRuntime } from '../../local/runtime.js';

const dataDir = mkdtempSync(join(tmpdir(), 'sla-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('stopping the local runtime', () => {
  it('ends a long clock move after the job in hand and lets its request answer', async () => {
    const runtime = await startRuntime({
      host: '127.0.0.1',
      port: 0,
      dataDir,
      configPath: 'examples/commitments.yaml',
      clockStart: Date.parse('2026-11-02T07:00:00-05:00'),
      log: () => undefined,
    });
    // Thirty days of 15-minute evaluations would take a while; the stop must not wait for them all.
    const move = fetch(`${runtime.url}/local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance: 'P30D' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await runtime.stop();
    expect(Date.now() - started).toBeLessThan(8_000);
    const answer = await move;
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { ran: unknown[]; to: string };
    // It stopped early: far fewer than the 2,880 runs a whole month would take.
    expect(body.ran.length).toBeLessThan(2_880);
  }, 60_000);
});
