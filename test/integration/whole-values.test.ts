import { describe, expect, it } from 'vitest';
import { putCommitment } from '../../shared/app/commitments.js';
import { recordEvents } from '../../shared/app/record-events.js';
import { getStatus } from '../../shared/app/status.js';
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
