/**
 * Availability that nobody measures is not 100%: the website commitment, with a credit tier that
 * any shortfall would trigger, sees no event in October (no data, closes no_data, owes nothing),
 * then a monitor's heartbeat in November (measured: 100%, closes met), then a quiet December
 * (still measured, because the monitor is known to be there).
 */
import { describe, expect, it } from 'vitest';
import { buildWeeklyDigest } from '../../shared/app/digest.js';
import { runEvaluation } from '../../shared/app/evaluator.js';
import { recordEvents } from '../../shared/app/record-events.js';
import { getStatus } from '../../shared/app/status.js';
import { denoise } from '../../shared/domain/readable-numbers.js';
import { EXAMPLE_CONFIG, useApp } from './app-context.js';
import { closeUpToNow } from './close-helper.js';

const WEBSITE = 'website-availability';
const config = EXAMPLE_CONFIG.replace(
  '    objective: 0.995\n',
  '    objective: 0.995\n    credits: [ { below: 1.0, credit: 5 } ]\n',
);
const app = await useApp('2026-10-01T00:30:00-04:00', config);
const at = (iso: string) => app.clock.set(iso);

describe('availability with no data', () => {
  it('is no_data in a month without events, closes no_data with no credit, and the digest says the measurement is missing', async () => {
    at('2026-10-15T10:00:00-04:00');
    expect(await getStatus(app.deps, WEBSITE)).toMatchObject({
      status: 'no_data',
      attainment: null,
      projected: null,
    });

    // The evaluator runs, leaving the snapshot the week's digest reads.
    at('2026-10-16T17:00:00-04:00');
    await runEvaluation({ ...app.deps, publisher: { publish: async () => {} } });
    at('2026-10-19T08:30:00-04:00');
    const digest = await buildWeeklyDigest(app.deps, { week: '2026-W42' });
    const line = digest.providers.flatMap((p) => p.commitments).find((c) => c.id === WEBSITE);
    expect(line?.status).toBe('no_data');
    expect(line?.figures).toMatch(/measurement missing/i);
    expect(digest.text).toMatch(
      /NO DATA: Website available 99\.5% in business hours\n.*\n\s+.*measurement missing/i,
    );

    at('2026-11-01T02:00:00-05:00');
    const [october] = await closeUpToNow(app.deps, WEBSITE);
    expect(october).toMatchObject({ period: '2026-10', status: 'no_data', credit: 0, attainment: null });
    expect(await app.deps.results.getResult(WEBSITE, '2026-10')).toMatchObject({ status: 'no_data' });
    expect(await app.deps.results.listLedger('it')).toEqual([]);
  });

  it('counts an "up" with no open incident as a heartbeat, once per event id: measured from then on', async () => {
    at('2026-11-02T09:00:00-05:00');
    const heartbeat = { id: 'hb-1', incident: 'monitor', phase: 'up' };
    expect(await recordEvents(app.deps, WEBSITE, [heartbeat])).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [],
    });
    expect(await recordEvents(app.deps, WEBSITE, [heartbeat])).toEqual({
      accepted: 0,
      duplicates: 1,
      rejected: [],
    });
    const aggregates = await app.deps.events.getAggregates([{ commitmentId: WEBSITE, periodKey: '2026-11' }]);
    expect([...aggregates.values()][0]?.counters.heartbeats).toBe(1);

    at('2026-11-10T10:00:00-05:00');
    expect(await getStatus(app.deps, WEBSITE)).toMatchObject({
      status: 'on_track',
      actual: 1,
      // The API gives derived numbers to six decimals (no float dust).
      attainment: denoise(1 / 0.995),
    });

    at('2026-12-01T02:00:00-05:00');
    const [november] = await closeUpToNow(app.deps, WEBSITE);
    expect(november).toMatchObject({ period: '2026-11', status: 'met', actual: 1, credit: 0 });

    // December has no event of its own, but the monitor is known to be there: genuinely 100%.
    at('2026-12-10T10:00:00-05:00');
    expect(await getStatus(app.deps, WEBSITE)).toMatchObject({ status: 'on_track', actual: 1 });
  });
});
