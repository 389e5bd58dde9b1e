import { describe, expect, it } from 'vitest';
import { renderPlan } from '../../cli/render/plan.js';
import { runEvaluation } from '../../shared/app/evaluator.js';
import { recordEvents } from '../../shared/app/record-events.js';
import { getStatus, listStatus } from '../../shared/app/status.js';
import { denoise } from '../../shared/domain/readable-numbers.js';
import { plainStatusLine } from '../../shared/slack/status-blocks.js';
import { EXAMPLE_CONFIG, useApp } from './app-context.js';

/**
 * The example configuration applied on Friday Nov 27 2026 at 10:00 New York, the day after the
 * Thanksgiving holiday: 18 of November's 200 business hours are left, so the 100 leads a month
 * are 9 for what is left of November.
 */
const app = await useApp('2026-11-27T10:00:00-05:00');
const LEADS = 'marketing-qualified-leads';
const FOLLOW_UP = 'sales-lead-follow-up';
const deps = { ...app.deps, publisher: app.publisher };

describe('a commitment created mid-period', () => {
  it('is planned as prorated from the day it is created', async () => {
    const renamed = EXAMPLE_CONFIG.replace('id: website-availability', 'id: website-uptime');
    const dry = await app.call('POST', '/v1/config:apply?dryRun=true', {
      rawBody: renamed,
      contentType: 'application/yaml',
    });
    expect(dry.status).toBe(200);
    const created = dry.body.plan.entries.find((e: { id: string }) => e.id === 'website-uptime');
    expect(created).toMatchObject({
      action: 'create',
      effect: { at: '2026-11-27T15:00:00Z', localDate: '2026-11-27', prorated: true },
    });
    expect(renderPlan(dry.body.plan)).toContain('+ create website-uptime (prorated from Nov 27)');
  });

  it('plans one that waits for the next period as taking effect then', async () => {
    const waiting = EXAMPLE_CONFIG.replace(
      'id: website-availability',
      'id: website-uptime\n    effectiveFrom: next-period',
    );
    const dry = await app.call('POST', '/v1/config:apply?dryRun=true', {
      rawBody: waiting,
      contentType: 'application/yaml',
    });
    expect(renderPlan(dry.body.plan)).toContain('+ create website-uptime (takes effect Dec 1)');
  });

  it('refuses events from before it took effect, each with the reason', async () => {
    app.clock.set('2026-11-27T10:30:00-05:00');
    const report = await recordEvents(app.deps, LEADS, [
      { id: 'early', at: '2026-11-20T11:00:00-05:00' },
      { id: 'ok', at: '2026-11-27T10:15:00-05:00' },
    ]);
    expect(report.accepted).toBe(1);
    expect(report.rejected).toEqual([
      {
        index: 0,
        id: 'early',
        errors: [
          {
            path: 'at',
            message: expect.stringContaining(
              'is before the commitment took effect on Fri Nov 27, 2026, 10:00 EST; only events from then on are counted',
            ),
          },
        ],
      },
    ]);
    const timers = await recordEvents(app.deps, FOLLOW_UP, [
      { id: 'lead-9-start', at: '2026-11-25T09:00:00-05:00', subject: 'lead-9', phase: 'start' },
    ]);
    expect(timers.rejected[0]?.errors[0]?.message).toMatch(/^is before the commitment took effect on/);
  });

  it('is not at risk at once: it is paced from the moment it took effect', async () => {
    app.clock.set('2026-11-27T11:00:00-05:00');
    const summary = await runEvaluation(deps, app.clock.now());
    expect(summary.transitions.filter((t) => t.commitmentId === LEADS).map((t) => t.to)).not.toContain(
      'at_risk',
    );
    expect(app.published.filter((n) => n.commitmentId === LEADS)).toEqual([]);

    const status = await getStatus(app.deps, LEADS);
    expect(status).toMatchObject({ status: 'on_track', actual: 1, proratedFrom: '2026-11-27T15:00:00Z' });
    expect(status.target).toBeCloseTo(9, 9);
    expect(status.elapsed).toBe(denoise(1 / 18));
    expect(status.expected).toBeCloseTo(0.5, 9);

    const definition = await app.call('GET', `/v1/commitments/${LEADS}`);
    expect(definition.body.activeSince).toBe('2026-11-27T15:00:00Z');
    const api = await app.call('GET', `/v1/commitments/${LEADS}/status`);
    expect(api.body).toMatchObject({
      proratedFrom: '2026-11-27T15:00:00Z',
      proration: { fullTarget: 100 },
    });

    const item = (await listStatus(app.deps)).find((s) => s.evaluation.commitmentId === LEADS);
    if (!item) throw new Error('no status for the leads');
    // Half a lead of pace reads as a whole lead: leads come whole.
    expect(plainStatusLine(item, {})).toContain('1 / 9 leads · expected 1 by now');
    expect(plainStatusLine(item, {})).toContain('prorated from Nov 27');
  });

  it('closes November on the prorated target: 8 of 9 owes the first tier, not 15 credits', async () => {
    app.clock.set('2026-11-30T12:00:00-05:00');
    const more = Array.from({ length: 7 }, (_, i) => ({ id: `mon-${i}` }));
    expect((await recordEvents(app.deps, LEADS, more)).accepted).toBe(7);

    app.clock.set('2026-12-01T01:30:00-05:00');
    const summary = await runEvaluation(deps, app.clock.now());
    expect(summary.closed).toContainEqual({
      commitmentId: LEADS,
      period: '2026-11',
      status: 'breached',
      credit: 5,
    });
    const [result] = await app.deps.results.listResults(LEADS, 1);
    expect(result?.target).toBeCloseTo(9, 9);
    expect(result?.attainment).toBeCloseTo(8 / 9, 9);
    expect(result?.evaluation.proratedFrom).toBe('2026-11-27T15:00:00Z');

    // December is a whole month again, with nothing said about proration.
    const december = await getStatus(app.deps, LEADS);
    expect(december).toMatchObject({ period: '2026-12', target: 100 });
    expect(december.proratedFrom).toBeUndefined();
  });
});

describe('a commitment that waits for the next period', async () => {
  const waiting = await useApp(
    '2026-11-27T10:00:00-05:00',
    EXAMPLE_CONFIG.replace(`id: ${LEADS}`, `id: ${LEADS}\n    effectiveFrom: next-period`),
  );
  const evaluator = { ...waiting.deps, publisher: waiting.publisher };

  it('judges nothing before December, refuses November events and then holds December whole', async () => {
    const november = await getStatus(waiting.deps, LEADS);
    expect(november).toMatchObject({
      period: '2026-11',
      status: 'no_data',
      notInEffectUntil: '2026-12-01T05:00:00Z',
      proration: { localDate: '2026-12-01', share: 0 },
    });
    const refused = await recordEvents(waiting.deps, LEADS, [{ id: 'nov' }]);
    expect(refused.rejected[0]?.errors[0]?.message).toContain(
      'is before the commitment took effect on Tue Dec 1, 2026, 00:00 EST',
    );

    waiting.clock.set('2026-12-01T01:30:00-05:00');
    const summary = await runEvaluation(evaluator, waiting.clock.now());
    expect(summary.closed.filter((c) => c.commitmentId === LEADS)).toEqual([]);
    const december = await getStatus(waiting.deps, LEADS);
    expect(december).toMatchObject({ period: '2026-12', target: 100 });
    expect(december.proratedFrom).toBeUndefined();
  });
});

describe('a commitment archived and made active again within one period', async () => {
  const again = await useApp('2026-11-02T07:30:00-05:00');

  it('carries on from when it first took effect, keeping that period whole', async () => {
    expect((await recordEvents(again.deps, LEADS, [{ id: 'first' }])).accepted).toBe(1);
    again.clock.set('2026-11-10T10:00:00-05:00');
    expect((await again.call('DELETE', `/v1/commitments/${LEADS}`)).status).toBe(200);
    again.clock.set('2026-11-12T10:00:00-05:00');
    const applied = await again.call('POST', '/v1/config:apply', {
      rawBody: EXAMPLE_CONFIG,
      contentType: 'application/yaml',
    });
    expect(applied.status).toBe(200);
    const status = await getStatus(again.deps, LEADS);
    // Created on Monday Nov 2 at 07:30, before any business hour had passed: the whole month,
    // with the event recorded before the archive still counted.
    expect(status).toMatchObject({ actual: 1, target: 100 });
    expect(status.proratedFrom).toBeUndefined();
    const early = await recordEvents(again.deps, LEADS, [
      { id: 'too-early', at: '2026-11-02T07:00:00-05:00' },
    ]);
    expect(early.rejected[0]?.errors[0]?.message).toContain('took effect on Mon Nov 2, 2026, 07:30 EST');
  });
});
