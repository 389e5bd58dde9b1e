/**
 * The plan of `sla apply` says when each change takes effect: an amendment from the next period
 * (or at once with --immediate), a new commitment prorated from today or from its effectiveFrom.
 */
import { describe, expect, it } from 'vitest';
import { renderPlan } from '../../cli/render/plan.js';
import { applyConfig } from '../../shared/app/commitments.js';
import { EXAMPLE_CONFIG, useApp } from './app-context.js';

// Friday, November 27 2026, 10:00 in New York: mid-month.
const app = await useApp('2026-11-27T10:00:00-05:00');

const amended = EXAMPLE_CONFIG.replace('objective: 0.995', 'objective: 0.99');
const withNew = `${EXAMPLE_CONFIG}
  - id: support-first-response
    title: Support answers within a business day
    provider: it
    consumer: sales
    measure: total
    unit: answers
    target: 40
    period: month
  - id: quarterly-review-pack
    title: Finance sends the review pack
    provider: it
    consumer: sales
    measure: total
    target: 1
    period: month
    effectiveFrom: next-period
`;

describe('the apply plan says when each change takes effect', () => {
  it('an amendment governs from the next period', async () => {
    const { plan } = await applyConfig(app.deps, { text: amended, dryRun: true });
    const entry = plan.entries.find((e) => e.id === 'website-availability');
    expect(entry?.amendment).toEqual({
      immediate: false,
      at: '2026-12-01T05:00:00Z',
      localDate: '2026-12-01',
      period: '2026-12',
    });
    expect(renderPlan(plan)).toContain(
      '~ change website-availability, from Dec 1 (2026-12, the next period)',
    );
  });

  it('with --immediate, in the running period from now', async () => {
    const { plan } = await applyConfig(app.deps, { text: amended, dryRun: true, immediate: true });
    const entry = plan.entries.find((e) => e.id === 'website-availability');
    expect(entry?.amendment).toEqual({
      immediate: true,
      at: '2026-11-27T15:00:00Z',
      localDate: '2026-11-27',
      period: '2026-11',
    });
    expect(renderPlan(plan)).toContain(
      '~ change website-availability, immediately (in the running period 2026-11)',
    );
  });

  it('a new commitment is prorated from today, or waits for its effectiveFrom', async () => {
    const { plan } = await applyConfig(app.deps, { text: withNew, dryRun: true });
    const text = renderPlan(plan);
    expect(text).toContain('+ create support-first-response (prorated from Nov 27)');
    expect(text).toContain('+ create quarterly-review-pack (takes effect Dec 1)');
    expect(text).toContain('3 unchanged');
    expect(plan.entries.filter((e) => e.action === 'unchanged').every((e) => !e.amendment && !e.effect)).toBe(
      true,
    );
  });
});
