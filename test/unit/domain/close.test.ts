import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closePeriod, creditFor, PeriodNotEndedError } from '../../../shared/domain/close.js';
import type { CreditTier } from '../../../shared/domain/model.js';
import { periodFromKey } from '../../../shared/domain/periods.js';
import { adSpend, conversion, excusal, leads, ny, ZONE } from './judging-fixtures.js';

const atLeastTiers: CreditTier[] = [
  { below: 1.0, credit: 5 },
  { below: 0.8, credit: 15 },
];
const atMostTiers: CreditTier[] = [
  { above: 1.0, credit: 3 },
  { above: 1.2, credit: 10 },
];

describe('creditFor', () => {
  it.each([
    [0.9, 5],
    [0.7, 15],
    [1.0, 0],
    [1.3, 0],
    [0.8, 5],
    [0.79999, 15],
    [0, 15],
  ])('atLeast: attainment %d owes %d credits', (attainment, credit) => {
    expect(creditFor(atLeastTiers, attainment, 'atLeast').credit).toBe(credit);
  });

  it.each([
    [1.1, 3],
    [1.25, 10],
    [1.2, 3],
    [1.0, 0],
    [0.5, 0],
  ])('atMost: attainment %d owes %d credits', (attainment, credit) => {
    expect(creditFor(atMostTiers, attainment, 'atMost').credit).toBe(credit);
  });

  it('names the tier that applied, whatever the order of the tiers', () => {
    expect(creditFor([...atLeastTiers].reverse(), 0.7, 'atLeast')).toEqual({
      credit: 15,
      tier: { below: 0.8, credit: 15 },
    });
  });

  it('owes nothing without an attainment or without tiers', () => {
    expect(creditFor(atLeastTiers, null, 'atLeast')).toEqual({ credit: 0 });
    expect(creditFor([], 0.1, 'atLeast')).toEqual({ credit: 0 });
  });

  it('ignores tiers written for the other comparator', () => {
    expect(creditFor(atMostTiers, 0.5, 'atLeast').credit).toBe(0);
  });

  it('never owes more for a better attainment (atLeast)', () => {
    const tiers = fc.array(
      fc.record({
        below: fc.double({ min: 0, max: 1.5, noNaN: true }),
        credit: fc.integer({ min: 0, max: 100 }),
      }),
      { maxLength: 5 },
    );
    // Deeper tiers owe more in every sane table; sort the credits so the property is about the lookup.
    const sane = tiers.map((ts) => {
      const byDepth = [...ts].sort((a, b) => b.below - a.below);
      const credits = byDepth.map((t) => t.credit).sort((a, b) => a - b);
      return byDepth.map((t, i) => ({ below: t.below, credit: credits[i] ?? 0 }));
    });
    fc.assert(
      fc.property(
        sane,
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (ts, a, b) => {
          const [worse, better] = a <= b ? [a, b] : [b, a];
          expect(creditFor(ts, better, 'atLeast').credit).toBeLessThanOrEqual(
            creditFor(ts, worse, 'atLeast').credit,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('closePeriod', () => {
  const november = periodFromKey('2026-11', ZONE);
  const closedAt = ny('2026-12-01T00:05');

  it('closes November breached at 80 leads, owing 5 credits', () => {
    const closed = closePeriod({
      definition: leads,
      version: 2,
      period: november,
      aggregate: { measure: 'total', sum: 80, count: 80 },
      excusals: [],
      closedAt,
    });
    expect(closed).toMatchObject({
      commitmentId: 'marketing-qualified-leads',
      period: '2026-11',
      version: 2,
      status: 'breached',
      actual: 80,
      target: 100,
      attainment: 0.8,
      credit: 5,
      creditTier: { below: 1.0, credit: 5 },
      closedAt: '2026-12-01T05:05:00Z',
    });
    expect(closed.evaluation).toMatchObject({
      final: true,
      evaluatedAt: '2026-12-01T05:00:00Z',
      elapsed: 1,
    });
  });

  it('owes nothing when met', () => {
    const closed = closePeriod({
      definition: leads,
      version: 1,
      period: november,
      aggregate: { measure: 'total', sum: 104, count: 104 },
      excusals: [],
      closedAt,
    });
    expect(closed).toMatchObject({ status: 'met', credit: 0 });
    expect(closed.creditTier).toBeUndefined();
  });

  it('closes a ratio without outcomes as no_data, owing nothing', () => {
    const closed = closePeriod({
      definition: conversion,
      version: 1,
      period: november,
      aggregate: { measure: 'ratio', good: 0, total: 0 },
      excusals: [],
      closedAt,
    });
    expect(closed).toMatchObject({ status: 'no_data', credit: 0, attainment: null });
  });

  it('judges the excused target and carries the excusal to the ledger', () => {
    const closed = closePeriod({
      definition: leads,
      version: 1,
      period: november,
      aggregate: { measure: 'total', sum: 75, count: 75 },
      excusals: [excusal('2026-11-10T08:00', '2026-11-12T08:00', 'sales')],
      closedAt,
    });
    expect(closed.target).toBeCloseTo(90, 10);
    expect(closed.attainment).toBeCloseTo(75 / 90, 10);
    expect(closed.credit).toBe(5);
    expect(closed.excused?.causedBy).toEqual(['sales']);
  });

  it('closes an overspent month with the atMost tiers', () => {
    const closed = closePeriod({
      definition: adSpend,
      version: 1,
      period: november,
      aggregate: { measure: 'total', sum: 25000, count: 40 },
      excusals: [],
      closedAt,
    });
    expect(closed).toMatchObject({ status: 'breached', attainment: 1.25, credit: 10 });
  });

  it('closes October at its own month end, in daylight-saving time', () => {
    const closed = closePeriod({
      definition: leads,
      version: 1,
      period: periodFromKey('2026-10', ZONE),
      aggregate: { measure: 'total', sum: 100, count: 100 },
      excusals: [],
      closedAt: ny('2026-11-01T00:15'),
    });
    expect(closed.evaluation.evaluatedAt).toBe('2026-11-01T04:00:00Z');
    expect(closed.status).toBe('met');
  });

  it('refuses to close a period that has not ended', () => {
    expect(() =>
      closePeriod({
        definition: leads,
        version: 1,
        period: november,
        aggregate: { measure: 'total', sum: 1, count: 1 },
        excusals: [],
        closedAt: ny('2026-11-30T23:59'),
      }),
    ).toThrow(PeriodNotEndedError);
  });
});
