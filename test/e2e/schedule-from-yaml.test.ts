import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../../local/runtime.js';

/** `sla apply` changes the schedules of a running local runtime, with no restart. */
const dataDir = mkdtempSync(join(tmpdir(), 'sla-e2e-schedule-'));
let runtime: Runtime;

async function post(path: string, body: string, contentType: string) {
  const response = await fetch(`${runtime.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return { status: response.status, body: (await response.json()) as any };
}

const moveTo = async (to: string) =>
  (await post('/local/clock', JSON.stringify({ to }), 'application/json')).body.ran as Array<{
    job: string;
    at: string;
  }>;

beforeAll(async () => {
  runtime = await startRuntime({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    configPath: 'examples/commitments.yaml',
    clockStart: Date.parse('2026-11-18T10:00:00-05:00'),
    log: () => {},
  });
});
afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('schedules read from the applied YAML', () => {
  it('evaluate every 15 minutes until a new evaluation.every and digest.schedule are applied, then follow those', async () => {
    expect(await moveTo('2026-11-18T11:00:00-05:00')).toEqual(
      ['15:15', '15:30', '15:45', '16:00'].map((t) => ({ job: 'evaluate', at: `2026-11-18T${t}:00Z` })),
    );

    const yaml = readFileSync('examples/commitments.yaml', 'utf8').replace(
      'digest: { schedule: "mon 08:00", to: executives }',
      'digest: { schedule: "wed 13:30", to: executives }\nevaluation: { every: 1h }',
    );
    expect(yaml).toContain('every: 1h');
    const applied = await post('/v1/config:apply', yaml, 'application/yaml');
    expect(applied.status).toBe(200);

    expect(await moveTo('2026-11-18T14:00:00-05:00')).toEqual([
      { job: 'evaluate', at: '2026-11-18T17:00:00Z' },
      { job: 'evaluate', at: '2026-11-18T18:00:00Z' },
      { job: 'digest', at: '2026-11-18T18:30:00Z' }, // wed 13:30 EST
      { job: 'evaluate', at: '2026-11-18T19:00:00Z' },
    ]);
    const digests = readFileSync(join(dataDir, 'outbox.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.kind === 'digest');
    expect(digests.length).toBeGreaterThan(0);
    expect(new Set(digests.map((d) => d.period))).toEqual(new Set(['2026-W46']));
  });
});
