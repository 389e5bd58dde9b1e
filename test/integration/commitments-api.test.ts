import { describe, expect, it } from 'vitest';
import { denoise } from '../../shared/domain/readable-numbers.js';
import { EXAMPLE_CONFIG, useApp } from './app-context.js';

const app = await useApp('2026-11-01T00:30:00-04:00');
app.clock.set('2026-11-18T10:00:00-05:00');
const LEADS = '/v1/commitments/marketing-qualified-leads';

const leadsDefinition = {
  title: 'Marketing delivers qualified leads to Sales',
  provider: 'marketing',
  consumer: 'sales',
  measure: 'total',
  unit: 'leads',
  period: 'month',
  target: 120,
  calendar: 'business',
  pacing: 'business',
  atRisk: { projectedBelow: 0.95, notBefore: 0.2 },
  credits: [
    { below: 1.0, credit: 5 },
    { below: 0.8, credit: 15 },
  ],
  review: 'quarter',
};

describe('commitments as versioned definitions', () => {
  it('shows the definition with the derivation of its target', async () => {
    const { status, body } = await app.call('GET', LEADS);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'marketing-qualified-leads', version: 1, state: 'active' });
    expect(body.derivation).toMatchObject({
      revenue: 10000,
      dealSize: 500,
      closeRate: 0.2,
      formula: '10000 / 500 / 0.2 = 100',
    });
  });

  it('plans an unchanged config as unchanged, on a dry run and for real', async () => {
    const dry = await app.call('POST', '/v1/config:apply?dryRun=true', {
      rawBody: EXAMPLE_CONFIG,
      contentType: 'application/yaml',
    });
    expect(dry.status).toBe(200);
    expect(dry.body.plan.counts).toEqual({ create: 0, change: 0, unchanged: 3, archive: 0 });
    expect(dry.body).toMatchObject({ dryRun: true, applied: false });
  });

  it('amends with a new version that governs from the next period', async () => {
    const put = await app.call('PUT', LEADS, { body: leadsDefinition });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ version: 2, changed: true, effectiveFrom: '2026-12-01T05:00:00Z' });
    // November is still judged by version 1 (100 leads).
    expect((await app.call('GET', `${LEADS}/status`)).body.target).toBe(100);
    app.clock.set('2026-12-02T10:00:00-05:00');
    expect((await app.call('GET', `${LEADS}/status`)).body.target).toBe(120);
    const versions = (await app.call('GET', LEADS)).body.versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it('applies an immediate amendment to the running period', async () => {
    const put = await app.call('PUT', `${LEADS}?immediate=true`, {
      body: { ...leadsDefinition, target: 130 },
    });
    expect(put.body).toMatchObject({ version: 3, changed: true });
    expect((await app.call('GET', `${LEADS}/status`)).body.target).toBe(130);
  });

  it('refuses an amendment made against a stale version (If-Match)', async () => {
    const put = await app.call('PUT', LEADS, {
      body: { ...leadsDefinition, target: 140 },
      headers: { 'if-match': '"1"' },
    });
    expect(put.status).toBe(409);
    expect(put.body.detail).toMatch(/version 3, not 1/);
  });

  it('treats the same definition again as no change', async () => {
    const put = await app.call('PUT', `${LEADS}?immediate=true`, {
      body: { ...leadsDefinition, target: 130 },
    });
    expect(put.body).toMatchObject({ version: 3, changed: false });
  });

  it('archives a commitment and keeps its history readable', async () => {
    const del = await app.call('DELETE', '/v1/commitments/website-availability');
    expect(del.body).toMatchObject({ state: 'archived' });
    const list = await app.call('GET', '/v1/status');
    expect(list.body.statuses.map((s: { commitmentId: string }) => s.commitmentId)).not.toContain(
      'website-availability',
    );
    expect((await app.call('GET', '/v1/commitments/website-availability')).body.state).toBe('archived');
    const again = await app.call('DELETE', '/v1/commitments/website-availability');
    expect(again.status).toBe(404);
  });

  it('plans the example config against the amended store: one change, one create', async () => {
    const dry = await app.call('POST', '/v1/config:apply?dryRun=true', {
      rawBody: EXAMPLE_CONFIG,
      contentType: 'application/yaml',
    });
    expect(dry.body.plan.counts).toEqual({ create: 1, change: 1, unchanged: 1, archive: 0 });
    const change = dry.body.plan.entries.find((e: { action: string }) => e.action === 'change');
    expect(change.id).toBe('marketing-qualified-leads');
    expect(change.changes.map((c: { path: string }) => c.path)).toContain('target');
  });
});

describe('an archived commitment made active again', async () => {
  const later = await useApp('2026-10-05T09:00:00-04:00');
  const evaluator = { ...later.deps, publisher: later.publisher };

  it('is not judged, nor charged credits, for the months it spent archived', async () => {
    const { runEvaluation } = await import('../../shared/app/evaluator.js');
    later.clock.set('2026-11-01T02:00:00-05:00');
    await runEvaluation(evaluator);
    expect(
      (await later.deps.results.listResults('marketing-qualified-leads', 5)).map((r) => r.period),
    ).toEqual(['2026-10']);
    later.clock.set('2026-11-02T10:00:00-05:00');
    expect((await later.call('DELETE', '/v1/commitments/marketing-qualified-leads')).status).toBe(200);

    // Back on Friday Jan 15: the same YAML applies, and the definition governs January at once,
    // judged from that moment on (108 of January's 210 business hours are left).
    later.clock.set('2027-01-15T10:00:00-05:00');
    const applied = await later.call('POST', '/v1/config:apply', {
      rawBody: EXAMPLE_CONFIG,
      contentType: 'application/yaml',
    });
    expect(applied.status).toBe(200);
    const summary = await runEvaluation(evaluator);
    const closed = summary.closed.filter((c) => c.commitmentId === 'marketing-qualified-leads');
    expect(closed).toEqual([]);
    const ledger = await later.deps.results.listLedger('marketing');
    expect(ledger.map((e) => e.periodKey)).toEqual(['2026-10']);
    const status = await later.call('GET', '/v1/commitments/marketing-qualified-leads/status');
    expect(status.body).toMatchObject({
      period: '2027-01',
      proratedFrom: '2027-01-15T15:00:00Z',
      proration: { localDate: '2027-01-15', fullTarget: 100 },
    });
    // Derived numbers leave the API at six decimals.
    expect(status.body.target).toBe(denoise((100 * 108) / 210));
  });
});
