import { describe, expect, it } from 'vitest';
import { putCommitment } from '../../shared/app/commitments.js';
import { recordEvents } from '../../shared/app/record-events.js';
import { getStatus, listStatus } from '../../shared/app/status.js';
import { useApp } from './app-context.js';

// The configuration is applied in October; the tests run at the seed's moment, 2026-11-18 10:00 New York.
const app = await useApp('2026-10-05T09:00:00-04:00');
app.clock.set('2026-11-18T10:00:00-05:00');
const LEADS = 'marketing-qualified-leads';
const REVENUE = 'sales-new-revenue';
const at = '2026-11-17T11:00:00-05:00';

describe('whole and decimal values of totals', () => {
  it('refuses half a lead, naming the field and the way to allow fractions, and counts nothing', async () => {
    const before = (await getStatus(app.deps, LEADS)).actual;
    const report = await recordEvents(app.deps, LEADS, [
      { id: 'half-lead', at, value: 2.5 },
      { id: 'two-leads', at, value: 2 },
    ]);
    expect(report.accepted).toBe(1);
    expect(report.rejected).toEqual([
      {
        index: 0,
        id: 'half-lead',
        errors: [
          {
            path: 'value',
            message: `must be a whole number of leads for ${LEADS}, got 2.5; a commitment that counts fractions says \`values: decimal\``,
          },
        ],
      },
    ]);
    expect((await getStatus(app.deps, LEADS)).actual).toBe(before + 2);
    expect(await app.deps.events.hasEvent(LEADS, 'half-lead')).toBe(false);
  });

  it('accepts fractions for a commitment that says values: decimal, and shows them', async () => {
    await putCommitment(
      app.deps,
      REVENUE,
      {
        title: 'Sales closes new revenue',
        provider: 'sales',
        consumer: 'marketing',
        measure: 'total',
        unit: 'USD',
        values: 'decimal',
        target: 10_000,
      },
      { immediate: true },
    );
    const report = await recordEvents(app.deps, REVENUE, [{ id: 'deal-1', value: 1250.5 }]);
    expect(report).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const status = await getStatus(app.deps, REVENUE);
    expect(status.actual).toBe(1250.5);
    expect(status.values).toBe('decimal');
  });
});

/** Every number in a JSON text with more than six decimals: float dust that reached the API. */
const dusty = (json: string) => json.match(/-?\d+\.\d{7,}(e-?\d+)?/g) ?? [];

describe('status JSON without float dust', () => {
  it('gives the availability budget in minutes as 60, not 60.00000000000006', async () => {
    await recordEvents(app.deps, 'website-availability', [
      { id: 'dust-down', incident: 'dust', phase: 'down', at: '2026-11-16T09:00:00-05:00' },
      { id: 'dust-up', incident: 'dust', phase: 'up', at: '2026-11-16T09:07:00-05:00' },
    ]);
    const status = await getStatus(app.deps, 'website-availability');
    // 0.5% of November's 12,000 business minutes; (1 − 0.995) × 12,000 is 60.00000000000005 in floats.
    expect(status.budget?.allowed).toBe(60);
    expect(status.budget?.used).toBe(7);
    expect(dusty(JSON.stringify(status))).toEqual([]);
    expect(dusty(JSON.stringify(await listStatus(app.deps)))).toEqual([]);
  });
});
