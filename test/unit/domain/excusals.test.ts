import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/domain/evaluate.js';
import { decideExcusal, ExcusalDecidedError, excusedShares } from '../../../shared/domain/excusals.js';
import type { CommitmentDefinition, Excusal } from '../../../shared/domain/model.js';
import { paceMeter } from '../../../shared/domain/pacing.js';
import { periodFromKey } from '../../../shared/domain/periods.js';
import { conversion, excusal, followUp, leads, ny, ZONE } from './judging-fixtures.js';

const november = periodFromKey('2026-11', ZONE);

function leadsWith(
  excusals: Excusal[],
  sum: number,
  local: string,
  definition: CommitmentDefinition = leads,
) {
  return evaluate({
    definition,
    period: november,
    aggregate: { measure: 'total', sum, count: sum },
    excusals,
    at: ny(local),
  });
}

describe('excusals on a total', () => {
  it('a two-business-day hold-up caused by Sales lowers the lead target pro rata', () => {
    // Tuesday 08:00 to Thursday 08:00: 20 of November's 200 business hours.
    const status = leadsWith(
      [excusal('2026-11-10T08:00', '2026-11-12T08:00', 'sales')],
      45,
      '2026-11-18T10:00',
    );
    expect(status.target).toBeCloseTo(90, 10);
    expect(status.attainment).toBeCloseTo(45 / 90, 10);
    // Of the 122 hours gone, 20 were excused: 102 workable hours at a target of 100 per 200.
    expect(status.expected).toBeCloseTo(51, 10);
    expect(status.projected).toBeCloseTo((45 * 0.9) / 0.51, 10);
    expect(status.excused).toEqual({ share: 0.1, windows: 1, causedBy: ['sales'], originalTarget: 100 });
  });

  it('counts only the excused time elapsed so far while the excusal is running', () => {
    // Wednesday 12:00: 74 hours gone, of which 14 excused (Tuesday 10h + Wednesday 4h).
    const status = leadsWith([excusal('2026-11-10T08:00', '2026-11-12T08:00')], 30, '2026-11-11T12:00');
    expect(status.elapsed).toBeCloseTo(0.37, 12);
    expect(status.expected).toBeCloseTo(30, 10);
    expect(status.projected).toBeCloseTo((30 * 0.9) / 0.3, 10);
    expect(status.status).toBe('on_track');
  });

  it('weighs an excusal over a weekend by business time, or by wall time under calendar pacing', () => {
    const overWeekend = [excusal('2026-11-13T08:00', '2026-11-16T18:00')];
    const business = excusedShares(paceMeter(leads, november), november, overWeekend, ny('2026-12-01T00:00'));
    expect(business.whole).toBeCloseTo(20 / 200, 12);
    const calendarPaced = { ...leads, pacing: 'calendar' as const };
    expect(
      excusedShares(paceMeter(calendarPaced, november), november, overWeekend, ny('2026-12-01T00:00')).whole,
    ).toBeCloseTo(82 / 721, 12);
  });

  it('merges overlapping excusals and lists who caused them', () => {
    const status = leadsWith(
      [
        excusal('2026-11-10T08:00', '2026-11-11T18:00', 'sales', 'a'),
        excusal('2026-11-11T08:00', '2026-11-12T18:00', 'it', 'b'),
      ],
      20,
      '2026-11-20T12:00',
    );
    expect(status.excused).toMatchObject({ share: 0.15, windows: 2, causedBy: ['it', 'sales'] });
    expect(status.target).toBeCloseTo(85, 10);
  });

  it('clips an excusal to the period and ignores those outside it', () => {
    const straddling = leadsWith([excusal('2026-10-29T08:00', '2026-11-03T08:00')], 10, '2026-11-20T12:00');
    expect(straddling.excused?.share).toBeCloseTo(10 / 200, 12);
    const before = leadsWith([excusal('2026-10-05T08:00', '2026-10-07T08:00')], 10, '2026-11-20T12:00');
    expect(before.excused).toBeUndefined();
    expect(before.target).toBe(100);
  });

  it('a fully excused month has a target of 0: met, with no attainment to speak of', () => {
    const status = leadsWith([excusal('2026-10-31T00:00', '2026-12-02T00:00')], 0, '2026-11-20T12:00');
    expect(status).toMatchObject({
      status: 'met',
      target: 0,
      attainment: null,
      projected: null,
      expected: 0,
    });
  });
});

describe('excusals on other measures', () => {
  it('are reported on a duration commitment (its timers were paused upstream)', () => {
    const status = evaluate({
      definition: followUp,
      period: november,
      aggregate: { measure: 'duration', completed: 10, completedWithin: 10, openOverdue: 0 },
      excusals: [excusal('2026-11-16T08:00', '2026-11-17T08:00', 'marketing')],
      at: ny('2026-11-18T10:00'),
    });
    expect(status.excused).toEqual({ share: 0.05, windows: 1, causedBy: ['marketing'] });
    expect(status.actual).toBe(1);
  });

  it('leave a ratio’s numbers alone: its outcomes carry no instants to excuse', () => {
    const aggregate = { measure: 'ratio' as const, good: 10, total: 60 };
    const at = ny('2026-11-18T10:00');
    const plain = evaluate({ definition: conversion, period: november, aggregate, excusals: [], at });
    const excused = evaluate({
      definition: conversion,
      period: november,
      aggregate,
      excusals: [excusal('2026-11-16T08:00', '2026-11-17T08:00', 'marketing')],
      at,
    });
    expect(excused.actual).toBe(plain.actual);
    expect(excused.excused?.causedBy).toEqual(['marketing']);
  });
});

describe('two-sided excusals', () => {
  const claimed = { ...excusal('2026-11-10T08:00', '2026-11-12T08:00', 'sales'), status: 'pending' as const };

  it('only an approved excusal lowers the target; pending and rejected ones are claims', () => {
    const unexcused = leadsWith([], 45, '2026-11-18T10:00');
    for (const status of ['pending', 'rejected'] as const) {
      const judged = leadsWith([{ ...claimed, status }], 45, '2026-11-18T10:00');
      expect(judged.target).toBe(100);
      expect(judged.excused).toBeUndefined();
      expect(judged).toEqual(unexcused);
    }
    expect(leadsWith([{ ...claimed, status: 'approved' }], 45, '2026-11-18T10:00').target).toBeCloseTo(
      90,
      10,
    );
    // Recorded before approvals existed: approved.
    expect(
      leadsWith([excusal('2026-11-10T08:00', '2026-11-12T08:00')], 45, '2026-11-18T10:00').target,
    ).toBeCloseTo(90, 10);
  });

  it('is decided once: the same decision again changes nothing, the opposite one is refused', () => {
    const at = ny('2026-11-18T10:00');
    const approved = decideExcusal(claimed, 'approve', 'U0REP1', at);
    expect(approved).toEqual({ ...claimed, status: 'approved', decidedBy: 'U0REP1', decidedAt: at });
    expect(decideExcusal(approved, 'approve', 'U0SALESLEAD', at + 1)).toBe(approved);
    expect(() => decideExcusal(approved, 'reject', 'U0SALESLEAD', at)).toThrow(ExcusalDecidedError);
    expect(decideExcusal(claimed, 'reject', 'U0SALESLEAD', at)).toMatchObject({ status: 'rejected' });
    expect(() => decideExcusal(excusal('2026-11-10T08:00', '2026-11-11T08:00'), 'reject', 'U0X', at)).toThrow(
      /already approved/,
    );
  });
});
