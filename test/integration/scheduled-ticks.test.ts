import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/evaluate/handler.js';
import { createInMemoryMetrics } from '../../shared/adapters/metrics/in-memory-metrics.js';
import { EXAMPLE_CONFIG, useApp } from './app-context.js';

const app = await useApp('2026-11-18T10:00:00-05:00');
const metrics = createInMemoryMetrics();
const handler = makeHandler({
  ...app.deps,
  publisher: app.publisher,
  log: { info: () => {}, error: () => {} },
  metrics,
});
const tick = (iso: string) => ({ source: 'schedule', scheduledTime: new Date(iso).toISOString() });
const ran = (result: object) => !('skipped' in result);

describe('the evaluate function on the five-minute tick', () => {
  it('runs on the quarter hours by default and returns "not due" at the ticks between', async () => {
    expect(ran(await handler(tick('2026-11-18T10:15:00-05:00')))).toBe(true);
    expect(await handler(tick('2026-11-18T10:20:00-05:00'))).toEqual({
      skipped: 'not_due',
      tick: '2026-11-18T15:20:00.000Z',
    });
  });

  it('follows a newly applied evaluation.every at the next tick', async () => {
    const hourly = EXAMPLE_CONFIG.replace(
      'digest: { schedule: "mon 08:00", to: executives }',
      'digest: { schedule: "mon 08:00", to: executives }\nevaluation: { every: 1h }',
    );
    expect(hourly).not.toBe(EXAMPLE_CONFIG);
    const applied = await app.call('POST', '/v1/config:apply', {
      rawBody: hourly,
      contentType: 'application/yaml',
    });
    expect(applied.status).toBe(200);
    expect(ran(await handler(tick('2026-11-18T10:30:00-05:00')))).toBe(false);
    expect(ran(await handler(tick('2026-11-18T10:45:00-05:00')))).toBe(false);
    expect(ran(await handler(tick('2026-11-18T11:00:00-05:00')))).toBe(true);
  });

  it('emits the commitments evaluated and the run time of a run, and nothing for a tick not due', async () => {
    const before = metrics.total('CommitmentsEvaluated');
    await handler(tick('2026-11-18T12:05:00-05:00'));
    expect(metrics.total('CommitmentsEvaluated')).toBe(before);
    const summary = await handler({});
    if ('skipped' in summary) throw new Error('a run by hand is never skipped');
    expect(summary.evaluated).toBeGreaterThan(0);
    expect(metrics.total('CommitmentsEvaluated')).toBe(before + summary.evaluated);
    expect(metrics.total('EvaluationTime')).toBeGreaterThan(0);
  });

  it('always runs when invoked by hand, with no tick', async () => {
    expect(ran(await handler({}))).toBe(true);
    expect(ran(await handler())).toBe(true);
  });
});
