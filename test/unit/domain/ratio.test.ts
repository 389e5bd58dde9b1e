import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/domain/evaluate.js';
import type { CommitmentDefinition } from '../../../shared/domain/model.js';
import { periodFromKey } from '../../../shared/domain/periods.js';
import { conversion, ny, ZONE } from './judging-fixtures.js';

const november = periodFromKey('2026-11', ZONE);

function conversionAt(
  local: string,
  good: number,
  total: number,
  definition: CommitmentDefinition = conversion,
) {
  return evaluate({
    definition,
    period: november,
    aggregate: { measure: 'ratio', good, total },
    excusals: [],
    at: ny(local),
  });
}

describe('ratio: 20% of qualified leads become opportunities', () => {
  it('is on track above the objective, with the budget counted in outcomes', () => {
    const status = conversionAt('2026-11-18T10:00', 40, 180);
    expect(status).toMatchObject({ status: 'on_track', target: 0.2, expected: 0.2 });
    expect(status.actual).toBeCloseTo(40 / 180, 12);
    expect(status.projected).toBe(status.actual);
    expect(status.attainment).toBeCloseTo(40 / 180 / 0.2, 12);
    // 80% of 180 outcomes may be bad; 140 were.
    expect(status.budget?.allowed).toBeCloseTo(144, 10);
    expect(status.budget?.used).toBe(140);
    expect(status.budget?.remaining).toBeCloseTo(4, 10);
    expect(status.budget?.burnRate).toBeCloseTo(140 / 180 / 0.8, 12);
  });

  it('warns when the budget burns faster than it lasts, even above 95% attainment', () => {
    const status = conversionAt('2026-11-18T10:00', 39, 200);
    expect(status.attainment).toBeCloseTo(0.975, 12);
    expect(status.budget?.burnRate).toBeGreaterThan(1);
    expect(status.status).toBe('at_risk');
  });

  it('does not warn before notBefore and is never breached before the close', () => {
    expect(conversionAt('2026-11-03T12:00', 1, 30).status).toBe('on_track');
    expect(conversionAt('2026-11-30T17:59', 0, 30).status).toBe('at_risk');
  });

  it('has no data without outcomes, without NaN', () => {
    const status = conversionAt('2026-11-18T10:00', 0, 0);
    expect(status).toMatchObject({ status: 'no_data', actual: 0, projected: null, attainment: null });
    expect(status.budget).toBeUndefined();
  });

  it('is judged finally at the close', () => {
    expect(conversionAt('2026-12-01T00:00', 20, 100)).toMatchObject({ status: 'met', final: true });
    expect(conversionAt('2026-12-01T00:00', 19, 100)).toMatchObject({ status: 'breached', final: true });
    expect(conversionAt('2026-12-01T00:00', 0, 0)).toMatchObject({ status: 'no_data', final: true });
  });

  it('has no budget with an objective of 1, and any miss warns', () => {
    const everyOne = { ...conversion, objective: 1 };
    const perfect = conversionAt('2026-11-18T10:00', 50, 50, everyOne);
    expect(perfect).toMatchObject({ status: 'on_track', attainment: 1 });
    const oneMiss = conversionAt('2026-11-18T10:00', 49, 50, everyOne);
    expect(oneMiss.budget).toBeUndefined();
    expect(oneMiss.status).toBe('at_risk');
  });
});
