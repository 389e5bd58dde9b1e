import { describe, expect, it } from 'vitest';
import { recordEvents } from '../../shared/app/record-events.js';
import { getStatus } from '../../shared/app/status.js';
import { useApp } from './app-context.js';
import { closeUpToNow } from './close-helper.js';

// The configuration is applied in October; the tests run at the seed's moment, 2026-11-18 10:00 New York.
const app = await useApp('2026-10-05T09:00:00-04:00');
app.clock.set('2026-11-18T10:00:00-05:00');
const LEADS = 'marketing-qualified-leads';

const lead = (id: string, at = '2026-11-17T11:00:00-05:00', extra: Record<string, unknown> = {}) => ({
  id,
  at,
  ...extra,
});

async function leadsIn(period?: string) {
  return (await getStatus(app.deps, LEADS, period)).actual;
}

describe('recording events exactly once', () => {
  it('counts the same event sent twice once', async () => {
    const before = await leadsIn();
    const first = await recordEvents(app.deps, LEADS, [lead('once-1')]);
    const again = await recordEvents(app.deps, LEADS, [lead('once-1')]);
    expect(first).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect(again).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    expect(await leadsIn()).toBe(before + 1);
  });

  it('counts a batch sent twice once, and a duplicate inside one batch once', async () => {
    const before = await leadsIn();
    const batch = Array.from({ length: 250 }, (_, i) => lead(`batch-${i}`));
    const first = await recordEvents(app.deps, LEADS, [...batch, lead('batch-0')]);
    expect(first).toEqual({ accepted: 250, duplicates: 1, rejected: [] });
    const retry = await recordEvents(app.deps, LEADS, batch);
    expect(retry).toEqual({ accepted: 0, duplicates: 250, rejected: [] });
    expect(await leadsIn()).toBe(before + 250);
  });

  it('records the new events of a batch that mixes retries and new ones', async () => {
    const before = await leadsIn();
    await recordEvents(app.deps, LEADS, [lead('mix-1'), lead('mix-2')]);
    const mixed = await recordEvents(app.deps, LEADS, [
      lead('mix-1'),
      lead('mix-3'),
      lead('mix-2'),
      lead('mix-4'),
    ]);
    expect(mixed).toEqual({ accepted: 2, duplicates: 2, rejected: [] });
    expect(await leadsIn()).toBe(before + 4);
  });

  it('gives exact totals with 20 concurrent writers sending 1,000 events with 20% duplicate ids', async () => {
    const before = await leadsIn();
    // 800 distinct ids; 200 of the 1,000 sends repeat an id another writer also sends.
    const sends = Array.from({ length: 1000 }, (_, i) =>
      lead(`conc-${i < 800 ? i : (i * 7) % 800}`, undefined, { value: 1 }),
    );
    const writers = Array.from({ length: 20 }, (_, w) => sends.filter((_, i) => i % 20 === w));
    const reports = await Promise.all(
      writers.map(async (events) => {
        const parts = [];
        for (let i = 0; i < events.length; i += 10)
          parts.push(await recordEvents(app.deps, LEADS, events.slice(i, i + 10)));
        return parts;
      }),
    );
    const flat = reports.flat();
    const accepted = flat.reduce((n, r) => n + r.accepted, 0);
    const duplicates = flat.reduce((n, r) => n + r.duplicates, 0);
    expect(flat.every((r) => r.rejected.length === 0)).toBe(true);
    expect(accepted).toBe(800);
    expect(duplicates).toBe(200);
    expect(await leadsIn()).toBe(before + 800);
  });
});

describe('the events route', () => {
  it('emits the accepted, duplicate and rejected counts of each request as metrics', async () => {
    const totals = () =>
      (['EventsAccepted', 'EventsDuplicate', 'EventsRejected'] as const).map((name) =>
        app.metrics.total(name),
      );
    const before = totals();
    const post = (events: unknown[]) =>
      app.call('POST', `/v1/commitments/${LEADS}/events`, { body: { events } });
    expect((await post([lead('metric-1'), lead('metric-2'), lead('metric-3', 'yesterday')])).status).toBe(
      200,
    );
    expect((await post([lead('metric-1'), lead('metric-4')])).status).toBe(200);
    expect((await post([lead('metric-5', 'not a time')])).status).toBe(400);
    const [accepted, duplicates, rejected] = totals().map((total, i) => total - (before[i] ?? 0));
    expect({ accepted, duplicates, rejected }).toEqual({ accepted: 3, duplicates: 1, rejected: 2 });
  });
});

describe('periods', () => {
  it('counts a late event in its earlier period while that period is still open', async () => {
    const october = await leadsIn('2026-10');
    const report = await recordEvents(app.deps, LEADS, [lead('late-oct', '2026-10-30T15:00:00-04:00')]);
    expect(report.accepted).toBe(1);
    expect(await leadsIn('2026-10')).toBe(october + 1);
  });

  it('rejects an event more than 5 minutes in the future', async () => {
    const report = await recordEvents(app.deps, LEADS, [lead('future', '2026-11-18T10:06:00-05:00')]);
    expect(report.accepted).toBe(0);
    expect(report.rejected[0]?.errors[0]).toMatchObject({
      path: 'at',
      message: expect.stringContaining('future'),
    });
  });

  it('rejects an event in a closed period with a clear reason and counts nothing', async () => {
    const [result] = await closeUpToNow(app.deps, LEADS);
    expect(result).toMatchObject({ period: '2026-10', status: 'breached' });
    const october = await leadsIn('2026-10');
    const report = await recordEvents(app.deps, LEADS, [lead('too-late', '2026-10-15T12:00:00-04:00')]);
    expect(report.accepted).toBe(0);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]?.errors[0]).toMatchObject({
      path: 'at',
      message: expect.stringMatching(/2026-10.*closed/),
    });
    expect(await leadsIn('2026-10')).toBe(october);
  });

  it('rejects an event from before the commitment existed', async () => {
    const report = await recordEvents(app.deps, LEADS, [lead('ancient', '2026-09-15T12:00:00-04:00')]);
    expect(report.rejected[0]?.errors[0]).toMatchObject({
      path: 'at',
      message: expect.stringContaining(
        'is before the commitment took effect on Mon Oct 5, 2026, 09:00 EDT; only events from then on are counted',
      ),
    });
  });
});
