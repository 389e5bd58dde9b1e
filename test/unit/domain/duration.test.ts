import { describe, expect, it } from 'vitest';
import { evaluate, type MeasureAggregate } from '../../../shared/domain/evaluate.js';
import { periodFromKey } from '../../../shared/domain/periods.js';
import { followUp, ny, ZONE } from './judging-fixtures.js';

const november = periodFromKey('2026-11', ZONE);

function followUpAt(
  local: string,
  counts: Omit<Extract<MeasureAggregate, { measure: 'duration' }>, 'measure'>,
) {
  return evaluate({
    definition: followUp,
    period: november,
    aggregate: { measure: 'duration', ...counts },
    excusals: [],
    at: ny(local),
  });
}

describe('duration: 95% of leads contacted within 24 business hours', () => {
  it('is on track when every lead so far was contacted in time', () => {
    const status = followUpAt('2026-11-18T10:00', {
      completed: 20,
      completedWithin: 20,
      openOverdue: 0,
    });
    expect(status).toMatchObject({
      status: 'on_track',
      actual: 1,
      target: 0.95,
      expected: 0.95,
      projected: 1,
    });
    expect(status.budget).toMatchObject({ used: 0, burnRate: 0 });
    expect(status.budget?.allowed).toBeCloseTo(1, 10);
  });

  it('counts open leads past their due time as misses at once', () => {
    const status = followUpAt('2026-11-18T10:00', {
      completed: 20,
      completedWithin: 20,
      openOverdue: 2,
    });
    expect(status.actual).toBeCloseTo(20 / 22, 12);
    expect(status.budget?.used).toBe(2);
    expect(status.status).toBe('at_risk');
  });

  it('reports the budget in subjects: late ones plus overdue ones', () => {
    const status = followUpAt('2026-11-18T10:00', {
      completed: 40,
      completedWithin: 38,
      openOverdue: 1,
    });
    expect(status.actual).toBeCloseTo(38 / 41, 12);
    expect(status.attainment).toBeCloseTo(38 / 41 / 0.95, 12);
    expect(status.budget?.allowed).toBeCloseTo(0.05 * 41, 10);
    expect(status.budget?.used).toBe(3);
    expect(status.budget?.burnRate).toBeCloseTo(3 / 41 / 0.05, 10);
    expect(status.status).toBe('at_risk');
  });

  it('has no data while every lead is still open and not yet due', () => {
    const status = followUpAt('2026-11-18T10:00', {
      completed: 0,
      completedWithin: 0,
      openOverdue: 0,
    });
    expect(status).toMatchObject({ status: 'no_data', attainment: null, projected: null });
  });

  it('closes met at exactly 95% and breached below it', () => {
    const met = followUpAt('2026-12-01T00:00', {
      completed: 100,
      completedWithin: 95,
      openOverdue: 0,
    });
    expect(met).toMatchObject({ status: 'met', final: true });
    const missed = followUpAt('2026-12-01T00:00', {
      completed: 99,
      completedWithin: 94,
      openOverdue: 1,
    });
    expect(missed).toMatchObject({ status: 'breached', final: true });
  });
});
