/**
 * The seed example: Marketing owes Sales 100 qualified leads a month, derived from
 * $10,000 / $500 / 20%, paced on New York business hours with Thanksgiving closed.
 */
import { describe, expect, it } from 'vitest';
import { closePeriod } from '../../../shared/domain/close.js';
import { evaluate } from '../../../shared/domain/evaluate.js';
import { periodFromKey } from '../../../shared/domain/periods.js';
import { availability, excusal, followUp, leads, ny, ZONE } from './judging-fixtures.js';

const november = periodFromKey('2026-11', ZONE);

describe('Marketing qualified leads, November 2026', () => {
  it('derives the target from revenue, deal size and close rate', () => {
    const { revenue, dealSize, closeRate } = leads.derivation ?? { revenue: 0, dealSize: 1, closeRate: 1 };
    expect(Math.ceil(revenue / dealSize / closeRate)).toBe(leads.target);
  });

  it('is at risk on Wednesday 18 November at 10:00 with 40 leads', () => {
    const status = evaluate({
      definition: leads,
      period: november,
      aggregate: { measure: 'total', sum: 40, count: 40 },
      excusals: [],
      at: ny('2026-11-18T10:00'),
    });

    // 20 business days of 10 hours (Thanksgiving closed); 12 days and 2 hours are gone.
    expect(status.elapsed).toBeCloseTo(0.61, 10);
    expect(status.expected).toBeCloseTo(61, 10);
    expect(status.projected).toBeCloseTo(65.57, 2);
    expect(status.attainment).toBeCloseTo(0.4, 10);
    expect(status).toMatchObject({
      commitmentId: 'marketing-qualified-leads',
      period: '2026-11',
      measure: 'total',
      status: 'at_risk',
      actual: 40,
      target: 100,
      unit: 'leads',
      evaluatedAt: '2026-11-18T15:00:00Z',
    });
    expect(status.budget).toBeUndefined();
    expect(status.excused).toBeUndefined();
    expect(status.final).toBeUndefined();
  });

  it('is on track with 62 leads at the same moment (projected ≈ 101.6)', () => {
    const status = evaluate({
      definition: leads,
      period: november,
      aggregate: { measure: 'total', sum: 62, count: 62 },
      excusals: [],
      at: ny('2026-11-18T10:00'),
    });
    expect(status.status).toBe('on_track');
    expect(status.projected).toBeCloseTo(62 / 0.61, 10);
  });

  it('counts a two-day hold-up caused by Sales in Marketing’s favour, and closes the month', () => {
    const waitingOnSales = excusal('2026-11-10T08:00', '2026-11-12T08:00', 'sales');
    const closed = closePeriod({
      definition: leads,
      version: 1,
      period: november,
      aggregate: { measure: 'total', sum: 86, count: 86 },
      excusals: [waitingOnSales],
      closedAt: ny('2026-12-01T00:15'),
    });
    expect(closed.status).toBe('breached');
    expect(closed.target).toBeCloseTo(90, 10);
    expect(closed.attainment).toBeCloseTo(86 / 90, 10);
    expect(closed.credit).toBe(5);
    expect(closed.excused).toEqual({ share: 0.1, windows: 1, causedBy: ['sales'], originalTarget: 100 });
    expect(closed.closedAt).toBe('2026-12-01T05:15:00Z');
  });
});

describe('the other two seed commitments on the same Wednesday', () => {
  it('Sales follow-up: one lead overdue and two late ones put 95% within 24h at risk', () => {
    const status = evaluate({
      definition: followUp,
      period: november,
      aggregate: { measure: 'duration', completed: 38, completedWithin: 36, openOverdue: 1 },
      excusals: [],
      at: ny('2026-11-18T10:00'),
    });
    expect(status.actual).toBeCloseTo(36 / 39, 10);
    expect(status.status).toBe('at_risk');
    expect(status.budget?.used).toBe(3);
  });

  it('Website availability: a 25-minute outage over the weekend is on track', () => {
    const status = evaluate({
      definition: availability,
      period: november,
      aggregate: {
        measure: 'availability',
        outages: [{ incident: 'INC-7', down: ny('2026-11-13T17:45'), up: ny('2026-11-16T08:10') }],
      },
      excusals: [],
      at: ny('2026-11-18T10:00'),
    });
    expect(status.status).toBe('on_track');
    expect(status.budget).toMatchObject({ allowed: expect.closeTo(60, 9), used: 25 });
  });
});
