import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetModel } from '../../../../shared/domain/charts/budget.js';
import { burnupModel } from '../../../../shared/domain/charts/burnup.js';
import { historyModel } from '../../../../shared/domain/charts/history.js';
import { overviewModel } from '../../../../shared/domain/charts/overview.js';
import type { ClosedPeriodResult } from '../../../../shared/domain/close.js';
import { type Evaluation, evaluate } from '../../../../shared/domain/evaluate.js';
import type { CommitmentDefinition, Excusal, Instant } from '../../../../shared/domain/model.js';
import { periodFromKey } from '../../../../shared/domain/periods.js';
import { excusal, followUp, HOUR, leads, ny } from '../judging-fixtures.js';

const DAY = 24 * HOUR;
/** 100 leads a week, paced on wall time, in UTC: the pace is a straight line from 0 to 100. */
const weekly: CommitmentDefinition = {
  ...leads,
  period: 'week',
  timezone: 'UTC',
  calendar: undefined,
  pacing: 'calendar',
};
const week = periodFromKey('2026-W48', 'UTC');

function judged(definition: CommitmentDefinition, sum: number, at: Instant, excusals: Excusal[] = []) {
  const period = definition.period === 'week' ? week : periodFromKey('2026-11', definition.timezone);
  return evaluate({ definition, period, aggregate: { measure: 'total', sum, count: sum }, excusals, at });
}

function burnup(sum: number, at: Instant, excusals: Excusal[] = [], earlier: Evaluation[] = []) {
  return burnupModel({
    definition: weekly,
    period: week,
    excusals,
    earlier,
    current: judged(weekly, sum, at, excusals),
    at,
  });
}

const valueAt = (points: readonly (readonly [number, number])[], at: Instant) =>
  points.find(([t]) => t === at)?.[1];

describe('burn-up model', () => {
  it('paces a calendar-paced target straight from 0 at the start to the target at the end', () => {
    const model = burnup(30, week.start + 3 * DAY);
    expect(model.target).toBe(100);
    expect(valueAt(model.pace, week.start)).toBe(0);
    expect(valueAt(model.pace, week.end)).toBeCloseTo(100, 9);
    // Hourly samples for a week: the middle of the week is one of them.
    expect(valueAt(model.pace, week.start + 84 * HOUR)).toBeCloseTo(50, 9);
  });

  it('projects from the actual at now to the end at the current pace, and marks now', () => {
    const now = week.start + 3 * DAY;
    const model = burnup(30, now);
    expect(model.now).toBe(now);
    expect(model.projection?.[0]).toEqual([now, 30]);
    expect(model.projection?.[1][0]).toBe(week.end);
    expect(model.projection?.[1][1]).toBeCloseTo(70, 9); // 30 in 3 of 7 days
    expect(model.status).toBe('at_risk');
  });

  it('starts the actual at 0, keeps only this period’s earlier evaluations, and ends at now', () => {
    const now = week.start + 3 * DAY;
    const monday = judged(weekly, 10, week.start + DAY);
    const lastWeek = { ...judged(weekly, 99, week.start - DAY), period: '2026-W47' };
    const model = burnup(30, now, [], [lastWeek, monday]);
    expect(model.actual).toEqual([
      [week.start, 0],
      [week.start + DAY, 10],
      [now, 30],
    ]);
  });

  it('scales the target and the pace down for an excused day, and shades that day', () => {
    const from = week.start + DAY;
    const excused: Excusal = { id: 'x', from, to: from + DAY, causedBy: 'sales', reason: 'CRM down' };
    const model = burnup(30, week.start + 3 * DAY, [excused]);
    expect(model.target).toBeCloseTo((100 * 6) / 7, 9);
    expect(model.excused).toEqual([[from, from + DAY]]);
    // Nothing more is expected during the excused day.
    expect(valueAt(model.pace, from + DAY)).toBeCloseTo(valueAt(model.pace, from) ?? Number.NaN, 9);
  });

  it('leaves pending excusals out: they change nothing until approved', () => {
    const pending: Excusal = { ...excusal('2026-11-24T00:00', '2026-11-25T00:00'), status: 'pending' };
    expect(burnup(30, week.start + 3 * DAY, [pending]).excused).toEqual([]);
  });

  it('has no projection and no now once the period is over', () => {
    const model = burnup(100, week.end + HOUR);
    expect(model.now).toBeUndefined();
    expect(model.projection).toBeUndefined();
    expect(model.actual.at(-1)).toEqual([week.end, 100]);
  });

  it('under business pacing expects nothing more over a weekend or a holiday', () => {
    const november = periodFromKey('2026-11', leads.timezone);
    const at = ny('2026-11-18T10:00');
    const model = burnupModel({
      definition: leads,
      period: november,
      excusals: [],
      earlier: [],
      current: evaluate({
        definition: leads,
        period: november,
        aggregate: { measure: 'total', sum: 40, count: 40 },
        excusals: [],
        at,
      }),
      at,
    });
    const expectedAt = (local: string) => {
      const t = ny(local);
      const before = model.pace.filter(([p]) => p <= t).at(-1);
      return before?.[1];
    };
    expect(expectedAt('2026-11-22T12:00')).toBeCloseTo(expectedAt('2026-11-21T01:00') ?? Number.NaN, 9);
    expect(expectedAt('2026-11-26T17:00')).toBeCloseTo(expectedAt('2026-11-26T07:00') ?? Number.NaN, 9);
    expect(model.unit).toBe('leads');
    expect(model.zone).toBe('America/New_York');
  });

  it('property: the pace never falls and ends at the period’s target, whatever is excused', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 * 24 }),
        fc.integer({ min: 1, max: 48 }),
        (startHour, hours) => {
          const from = week.start + startHour * HOUR;
          const excused: Excusal = { id: 'x', from, to: from + hours * HOUR, causedBy: 'sales', reason: 'r' };
          const model = burnup(10, week.start + 2 * DAY, [excused]);
          for (let i = 1; i < model.pace.length; i++) {
            expect(model.pace[i]?.[1]).toBeGreaterThanOrEqual((model.pace[i - 1]?.[1] ?? 0) - 1e-9);
          }
          expect(model.pace.at(-1)?.[1]).toBeCloseTo(model.target, 6);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('draws an objective in shares against the objective, without a point for no data', () => {
    const november = periodFromKey('2026-11', followUp.timezone);
    const at = ny('2026-11-18T10:00');
    const aggregate = { measure: 'duration' as const, completed: 20, completedWithin: 19, openOverdue: 0 };
    const current = evaluate({ definition: followUp, period: november, aggregate, excusals: [], at });
    const empty = evaluate({
      definition: followUp,
      period: november,
      aggregate: { measure: 'duration', completed: 0, completedWithin: 0, openOverdue: 0 },
      excusals: [],
      at: ny('2026-11-02T10:00'),
    });
    const model = burnupModel({
      definition: followUp,
      period: november,
      excusals: [],
      earlier: [empty],
      current,
      at,
    });
    expect(model.scale).toBe('share');
    expect(model.unit).toBe('%');
    expect(model.target).toBe(0.95);
    expect(model.pace.map(([, v]) => v)).toEqual([0.95, 0.95]);
    expect(model.actual).toEqual([[at, 0.95]]);
  });
});

describe('history model', () => {
  const result = (period: string, status: 'met' | 'breached', attainment: number, credit: number) =>
    ({
      commitmentId: leads.id,
      period,
      version: 1,
      status,
      actual: 0,
      target: 100,
      attainment,
      credit,
      creditUnit: 'credits',
      closedAt: '',
      evaluation: {},
    }) as unknown as ClosedPeriodResult;

  it('keeps the last 12 closed periods, oldest first, with their credits', () => {
    const newestFirst = Array.from({ length: 14 }, (_, i) =>
      result(`2025-${String(14 - i).padStart(2, '0')}`, i % 2 ? 'met' : 'breached', 0.9, i % 2 ? 0 : 5),
    );
    const model = historyModel(leads, newestFirst);
    expect(model.rows).toHaveLength(12);
    expect(model.rows[0]?.period).toBe('2025-03');
    expect(model.rows.at(-1)).toEqual({
      period: '2025-14',
      status: 'breached',
      attainment: 0.9,
      credit: 5,
      creditUnit: 'credits',
    });
    expect(model.comparator).toBe('atLeast');
  });
});

describe('budget model', () => {
  it('follows the budget left at each evaluation of the period, in the budget’s unit', () => {
    const november = periodFromKey('2026-11', followUp.timezone);
    const at = (local: string, completed: number, within: number) =>
      evaluate({
        definition: followUp,
        period: november,
        aggregate: { measure: 'duration', completed, completedWithin: within, openOverdue: 0 },
        excusals: [],
        at: ny(local),
      });
    const current = at('2026-11-18T10:00', 40, 37);
    const model = budgetModel({
      definition: followUp,
      period: november,
      earlier: [at('2026-11-10T10:00', 20, 20), at('2026-11-05T10:00', 10, 9)],
      current,
      at: ny('2026-11-18T10:00'),
    });
    expect(model.unit).toBe('late leads');
    expect(model.remaining.map(([t]) => t)).toEqual([
      ny('2026-11-05T10:00'),
      ny('2026-11-10T10:00'),
      ny('2026-11-18T10:00'),
    ]);
    expect(model.remaining[0]?.[1]).toBeCloseTo(0.05 * 10 - 1, 9);
    expect(model.remaining[2]?.[1]).toBeCloseTo(0.05 * 40 - 3, 9);
    expect(model.allowed).toBeCloseTo(2, 9);
  });
});

describe('overview model', () => {
  it('reads expected on the attainment’s scale and leaves it out without data', () => {
    const model = overviewModel('Week 2026-W48', [
      { definition: leads, evaluation: { status: 'on_track', attainment: 0.4, expected: 45, target: 100 } },
      {
        definition: followUp,
        evaluation: { status: 'no_data', attainment: null, expected: 0.95, target: 0.95 },
      },
    ]);
    expect(model.rows).toEqual([
      { commitmentId: leads.id, title: leads.title, status: 'on_track', attainment: 0.4, expected: 0.45 },
      {
        commitmentId: followUp.id,
        title: followUp.title,
        status: 'no_data',
        attainment: null,
        expected: null,
      },
    ]);
  });
});
