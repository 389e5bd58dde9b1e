/**
 * The low-traffic guard: an objective is not judged at risk from its burn rate until
 * `atRisk.minEvents` outcomes (subjects, open hours) have been judged, but a used-up budget is
 * always reported.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type MeasureAggregate } from '../../../shared/domain/evaluate.js';
import type { CommitmentDefinition } from '../../../shared/domain/model.js';
import { periodFromKey } from '../../../shared/domain/periods.js';
import { availability, conversion, followUp, ny, ZONE } from './judging-fixtures.js';

const november = periodFromKey('2026-11', ZONE);
/** Tuesday the 10th at noon: 6.4 of November's 20 business days have gone. */
const TUESDAY_NOON = '2026-11-10T12:00';
const nineInTen: CommitmentDefinition = { ...conversion, objective: 0.9 };

function judged(definition: CommitmentDefinition, aggregate: MeasureAggregate, local = TUESDAY_NOON) {
  return evaluate({ definition, period: november, aggregate, excusals: [], at: ny(local) });
}

const ratio = (good: number, total: number): MeasureAggregate => ({ measure: 'ratio', good, total });

describe('a ratio with few outcomes', () => {
  it('is not at risk from a high burn rate with 9 judged outcomes', () => {
    const status = judged(nineInTen, ratio(7, 9));
    expect(status.elapsed).toBeCloseTo(0.32, 9);
    // Two misses in nine burn the budget 2.2 times too fast, but 0.71 of the month's budget is left to use.
    expect(status.budget?.burnRate).toBeCloseTo(2 / 9 / 0.1, 9);
    expect(status.status).toBe('on_track');
  });

  it('is at risk from the same burn rate once 10 outcomes are judged', () => {
    const status = judged(nineInTen, ratio(8, 10));
    expect(status.budget?.burnRate).toBeCloseTo(2, 9);
    expect(status.status).toBe('at_risk');
  });

  it('reports a budget used up after only 3 outcomes', () => {
    // Two misses in three: at this volume the month allows 3 / 0.32 × 0.1 ≈ 0.94 misses, and two happened.
    const status = judged(nineInTen, ratio(1, 3));
    expect(status.status).toBe('at_risk');
  });

  it('holds back the projection rule too, which says the same thing for an objective', () => {
    const status = judged({ ...nineInTen, atRisk: { ...nineInTen.atRisk, projectedBelow: 1 } }, ratio(8, 9));
    expect(status.attainment).toBeLessThan(1);
    expect(status.status).toBe('on_track');
  });

  it('takes its threshold from atRisk.minEvents; 0 turns the guard off', () => {
    const atLeast = (minEvents: number) => ({ ...nineInTen, atRisk: { ...nineInTen.atRisk, minEvents } });
    expect(judged(atLeast(0), ratio(3, 4)).status).toBe('at_risk');
    expect(judged(atLeast(5), ratio(3, 4)).status).toBe('on_track');
    expect(judged(atLeast(5), ratio(4, 5)).status).toBe('at_risk');
  });

  it('still waits for notBefore, however much was judged', () => {
    expect(judged(nineInTen, ratio(0, 3), '2026-11-03T12:00').status).toBe('on_track');
  });
});

describe('a duration with few subjects judged', () => {
  const duration = (completed: number, within: number, overdue = 0): MeasureAggregate => ({
    measure: 'duration',
    completed,
    completedWithin: within,
    openOverdue: overdue,
  });
  const lenient = { ...followUp, objective: 0.8 };

  it('counts completed and overdue subjects: 9 are not enough, 10 are', () => {
    // 0.8 allows one late lead in five; 3 of 9 (or 10) late burns it 1.5-1.7 times too fast.
    expect(judged(lenient, duration(8, 6, 1)).status).toBe('on_track');
    expect(judged(lenient, duration(9, 7, 1)).status).toBe('at_risk');
  });
});

describe('availability counts open hours of the window as its evidence', () => {
  const early = { ...availability, atRisk: { ...availability.atRisk, notBefore: 0 } };
  // A ten-minute outage on the first morning, of sixty minutes allowed in the month.
  const outage: MeasureAggregate = {
    measure: 'availability',
    outages: [{ incident: 'INC-1', down: ny('2026-11-02T08:00'), up: ny('2026-11-02T08:10') }],
  };

  it('does not warn after six open hours, and does after eleven', () => {
    expect(judged(early, outage, '2026-11-02T14:00').status).toBe('on_track');
    expect(judged(early, outage, '2026-11-03T09:00').status).toBe('at_risk');
  });
});
