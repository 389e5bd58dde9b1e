import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/domain/evaluate.js';
import type { CommitmentDefinition } from '../../../shared/domain/model.js';
import { periodFromKey } from '../../../shared/domain/periods.js';
import { adSpend, leads, ny, ZONE } from './judging-fixtures.js';

const november = periodFromKey('2026-11', ZONE);

function leadsAt(local: string, sum: number, definition: CommitmentDefinition = leads) {
  return evaluate({
    definition,
    period: november,
    aggregate: { measure: 'total', sum, count: sum },
    excusals: [],
    at: ny(local),
  });
}

describe('total, atLeast: qualified leads', () => {
  it('does not warn before notBefore, however far behind', () => {
    // Tuesday 3 November 18:00: 20 of 200 business hours gone, below notBefore 0.2.
    const status = leadsAt('2026-11-03T18:00', 0);
    expect(status.elapsed).toBeCloseTo(0.1, 12);
    expect(status.status).toBe('on_track');
    expect(status.projected).toBe(0);
  });

  it('warns once notBefore has passed and the projection is below 95%', () => {
    // Thursday 5 November 18:00: 40 of 200 hours (0.2); 18 leads project to 90.
    const status = leadsAt('2026-11-05T18:00', 18);
    expect(status.projected).toBeCloseTo(90, 10);
    expect(status.status).toBe('at_risk');
    expect(leadsAt('2026-11-05T18:00', 19).status).toBe('on_track');
  });

  it('is met as soon as the target is reached, mid-month', () => {
    const status = leadsAt('2026-11-20T12:00', 100);
    expect(status).toMatchObject({ status: 'met', attainment: 1 });
    expect(status.final).toBeUndefined();
  });

  it('has no projection before any business time has passed', () => {
    const status = leadsAt('2026-11-01T09:00', 3);
    expect(status).toMatchObject({
      elapsed: 0,
      expected: 0,
      projected: null,
      attainment: 0.03,
      status: 'on_track',
    });
  });

  it('is breached at close when short, and final', () => {
    const status = leadsAt('2026-12-01T00:00', 99);
    expect(status).toMatchObject({
      status: 'breached',
      final: true,
      elapsed: 1,
      expected: 100,
      projected: 99,
    });
    expect(status.evaluatedAt).toBe('2026-12-01T05:00:00Z');
  });

  it('writes evaluatedAt in UTC, whatever the daylight-saving offset', () => {
    const october = periodFromKey('2026-10', ZONE);
    const status = evaluate({
      definition: leads,
      period: october,
      aggregate: { measure: 'total', sum: 1, count: 1 },
      excusals: [],
      at: ny('2026-10-15T09:30'),
    });
    expect(status.evaluatedAt).toBe('2026-10-15T13:30:00Z');
  });
});

describe('total, atMost: ad spend, calendar pacing', () => {
  function spendAt(local: string, sum: number) {
    return evaluate({
      definition: adSpend,
      period: november,
      aggregate: { measure: 'total', sum, count: 3 },
      excusals: [],
      at: ny(local),
    });
  }

  it('is on track while spending under the pace', () => {
    // 16 November 00:00: 361 of November's 721 hours (1 November has 25).
    const status = spendAt('2026-11-16T00:00', 9000);
    expect(status.elapsed).toBeCloseTo(361 / 721, 12);
    expect(status.expected).toBeCloseTo((20000 * 361) / 721, 8);
    expect(status.status).toBe('on_track');
  });

  it('warns when the projected spend exceeds the cap', () => {
    const status = spendAt('2026-11-16T00:00', 12000);
    expect(status.projected).toBeCloseTo((12000 * 721) / 361, 8);
    expect(status.status).toBe('at_risk');
    expect(status.attainment).toBeCloseTo(0.6, 12);
  });

  it('does not warn before notBefore', () => {
    expect(spendAt('2026-11-03T00:00', 5000).status).toBe('on_track');
  });

  it('is breached the moment the cap is exceeded, and met at close when under it', () => {
    expect(spendAt('2026-11-16T00:00', 20001).status).toBe('breached');
    expect(spendAt('2026-12-01T00:00', 20000)).toMatchObject({ status: 'met', final: true, attainment: 1 });
    expect(spendAt('2026-12-01T00:00', 25000)).toMatchObject({ status: 'breached', attainment: 1.25 });
  });

  it('is never met before the period ends', () => {
    expect(spendAt('2026-11-30T23:00', 0).status).toBe('on_track');
  });
});
