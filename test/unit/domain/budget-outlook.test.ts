/**
 * When an objective's error budget runs out at the current rate, and how alerts say it.
 */
import { describe, expect, it } from 'vitest';
import { budgetOutlook } from '../../../shared/domain/alerts/budget-outlook.js';
import { evaluate, type MeasureAggregate } from '../../../shared/domain/evaluate.js';
import type { CommitmentDefinition } from '../../../shared/domain/model.js';
import { periodFromKey } from '../../../shared/domain/periods.js';
import { budgetOutlookWords } from '../../../shared/presentation/budget-outlook-words.js';
import { availability, conversion, HOUR, ny, ZONE } from './judging-fixtures.js';

const november = periodFromKey('2026-11', ZONE);
const nineInTen: CommitmentDefinition = { ...conversion, objective: 0.9 };

function outlookAt(definition: CommitmentDefinition, aggregate: MeasureAggregate, local: string) {
  const at = ny(local);
  const evaluation = evaluate({ definition, period: november, aggregate, excusals: [], at });
  return { evaluation, outlook: budgetOutlook(definition, evaluation, at) };
}

const ratio = (good: number, total: number): MeasureAggregate => ({ measure: 'ratio', good, total });

describe('budget outlook of a ratio paced in business time', () => {
  it('counts what is left of the month in business days', () => {
    // Tuesday the 10th at noon, 0.32 of November's 200 business hours gone; 2 misses in 10 at 90%
    // burn at 2: 0.64 of the month's budget is used, the rest lasts 0.18 of the month, 36 business hours.
    const { outlook } = outlookAt(nineInTen, ratio(8, 10), '2026-11-10T12:00');
    expect(outlook).toMatchObject({ kind: 'runs_out', business: true, dayMs: 10 * HOUR });
    expect(outlook?.kind === 'runs_out' && outlook.ms).toBeCloseTo(36 * HOUR, -3);
    expect(budgetOutlookWords(outlook as never)).toBe(
      'at this rate the budget runs out in about 4 business days',
    );
  });

  it('says hours when less than a business day is left', () => {
    // 0.4 of the month gone, burning at 2.3: 0.92 used, 0.08 / 2.3 of 200 hours ≈ 7 business hours left.
    const { evaluation, outlook } = outlookAt(nineInTen, ratio(77, 100), '2026-11-12T08:00');
    expect(evaluation.elapsed).toBeCloseTo(0.4, 9);
    expect(outlook?.kind === 'runs_out' && outlook.ms / HOUR).toBeCloseTo((0.08 / 2.3) * 200, 6);
    expect(budgetOutlookWords(outlook as never)).toBe(
      'at this rate the budget runs out in about 7 business hours',
    );
  });

  it('says nothing when the budget lasts the month or is not burning', () => {
    expect(outlookAt(nineInTen, ratio(95, 100), '2026-11-10T12:00').outlook).toBeUndefined();
    expect(outlookAt(nineInTen, ratio(90, 100), '2026-11-10T12:00').outlook).toBeUndefined();
    expect(outlookAt(nineInTen, ratio(100, 100), '2026-11-10T12:00').outlook).toBeUndefined();
  });

  it('says the budget is used up once it is', () => {
    const { evaluation, outlook } = outlookAt(nineInTen, ratio(1, 3), '2026-11-10T12:00');
    expect(evaluation.status).toBe('at_risk');
    expect(outlook).toEqual({ kind: 'used_up' });
    expect(budgetOutlookWords({ kind: 'used_up' })).toBe('the error budget is used up');
  });

  it('uses the rate it is given instead of the period rate (a burn-rate alert)', () => {
    const at = ny('2026-11-10T12:00');
    const evaluation = evaluate({
      definition: nineInTen,
      period: november,
      aggregate: ratio(95, 100),
      excusals: [],
      at,
    });
    // 0.16 of the budget used; at 14.4 the other 0.84 lasts 0.84 / 14.4 of 200 business hours ≈ 11.7.
    const outlook = budgetOutlook(nineInTen, evaluation, at, 14.4);
    expect(outlook?.kind === 'runs_out' && outlook.ms / HOUR).toBeCloseTo((0.84 / 14.4) * 200, 6);
    expect(budgetOutlookWords(outlook as never)).toBe(
      'at this rate the budget runs out in about 1 business day',
    );
  });
});

describe('budget outlook on wall time', () => {
  it('counts days of 24 hours without a calendar', () => {
    const always = { ...nineInTen, calendar: undefined, pacing: 'calendar' as const };
    // 217 of November's 721 hours gone (it ends daylight saving), burning at 2.8: 0.84 used, the
    // rest lasts (1/2.8 − 217/721) of 721 hours ≈ 40.5 hours, about 2 days.
    const { evaluation, outlook } = outlookAt(always, ratio(72, 100), '2026-11-10T00:00');
    expect(evaluation.elapsed).toBeCloseTo(217 / 721, 9);
    expect(outlook).toMatchObject({ kind: 'runs_out', business: false, dayMs: 24 * HOUR });
    expect(outlook?.kind === 'runs_out' && outlook.ms / HOUR).toBeCloseTo((1 / 2.8 - 217 / 721) * 721, 6);
    expect(budgetOutlookWords(outlook as never)).toBe('at this rate the budget runs out in about 2 days');
  });

  it('counts the business hours of the calendar when paced on wall time', () => {
    const wallPaced = { ...nineInTen, pacing: 'calendar' as const };
    // Friday 20 November at noon, burning at 1.2: the budget lasts about 132 wall hours, to late on
    // Thanksgiving. Of those, the calendar is open Friday afternoon and Monday to Wednesday: 36 hours.
    const { outlook } = outlookAt(wallPaced, ratio(88, 100), '2026-11-20T12:00');
    expect(outlook).toMatchObject({ kind: 'runs_out', business: true });
    expect(outlook?.kind === 'runs_out' && outlook.ms).toBe(36 * HOUR);
    expect(budgetOutlookWords(outlook as never)).toBe(
      'at this rate the budget runs out in about 4 business days',
    );
  });
});

describe('budget outlook of availability', () => {
  it('counts the window left at the pace downtime came', () => {
    // 30 of 60 minutes of downtime in the first 11 open hours: the other 30 go in 11 more open hours.
    const aggregate: MeasureAggregate = {
      measure: 'availability',
      outages: [{ incident: 'INC-1', down: ny('2026-11-02T08:00'), up: ny('2026-11-02T08:30') }],
    };
    const { outlook } = outlookAt(availability, aggregate, '2026-11-03T09:00');
    expect(outlook?.kind === 'runs_out' && outlook.ms / HOUR).toBeCloseTo(11, 6);
    expect(budgetOutlookWords(outlook as never)).toBe(
      'at this rate the budget runs out in about 1 business day',
    );
  });

  it('says nothing for a total', () => {
    const total = { ...nineInTen, measure: 'total' as const, target: 100, objective: undefined };
    const at = ny('2026-11-10T12:00');
    const evaluation = evaluate({
      definition: total,
      period: november,
      aggregate: { measure: 'total', sum: 1, count: 1 },
      excusals: [],
      at,
    });
    expect(budgetOutlook(total, evaluation, at)).toBeUndefined();
  });
});

describe('budget outlook words', () => {
  it('rounds hours under a business day and days from there on', () => {
    const words = (ms: number, business = true) =>
      budgetOutlookWords({ kind: 'runs_out', ms, business, dayMs: 10 * HOUR });
    expect(words(20 * 60_000)).toBe('at this rate the budget runs out within the hour');
    expect(words(1.4 * HOUR)).toBe('at this rate the budget runs out in about 1 business hour');
    expect(words(9.6 * HOUR)).toBe('at this rate the budget runs out in about 10 business hours');
    expect(words(10 * HOUR)).toBe('at this rate the budget runs out in about 1 business day');
    expect(words(25 * HOUR)).toBe('at this rate the budget runs out in about 3 business days');
    expect(words(3 * HOUR, false)).toBe('at this rate the budget runs out in about 3 hours');
  });
});
