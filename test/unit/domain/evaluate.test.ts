import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Evaluation,
  emptyAggregate,
  evaluate,
  type MeasureAggregate,
} from '../../../shared/domain/evaluate.js';
import { AggregateMismatchError } from '../../../shared/domain/measures/errors.js';
import type { CommitmentDefinition, Excusal } from '../../../shared/domain/model.js';
import { periodFromKey } from '../../../shared/domain/periods.js';
import { adSpend, availability, conversion, followUp, HOUR, leads, ny, ZONE } from './judging-fixtures.js';

const november = periodFromKey('2026-11', ZONE);

describe('evaluate', () => {
  it.each([
    ['total', { measure: 'total', sum: 0, count: 0 }],
    ['ratio', { measure: 'ratio', good: 0, total: 0 }],
    ['duration', { measure: 'duration', completed: 0, completedWithin: 0, openOverdue: 0 }],
    ['availability', { measure: 'availability', outages: [] }],
  ] as const)('starts a %s period from an empty aggregate', (measure, empty) => {
    expect(emptyAggregate(measure)).toEqual(empty);
  });

  it('judges an empty month of every measure without NaN', () => {
    const at = ny('2026-11-18T10:00');
    const results = [leads, conversion, followUp, availability].map((definition) =>
      evaluate({
        definition,
        period: november,
        aggregate: emptyAggregate(definition.measure),
        excusals: [],
        at,
      }),
    );
    expect(results.map((r) => r.status)).toEqual(['at_risk', 'no_data', 'no_data', 'no_data']);
    for (const result of results) expectWellFormed(result);
  });

  it('refuses an aggregate recorded for another measure', () => {
    expect(() =>
      evaluate({
        definition: leads,
        period: november,
        aggregate: emptyAggregate('ratio'),
        excusals: [],
        at: november.start,
      }),
    ).toThrow(AggregateMismatchError);
  });
});

function expectWellFormed(evaluation: Evaluation): void {
  for (const key of ['actual', 'target', 'expected', 'elapsed'] as const) {
    expect(Number.isFinite(evaluation[key]), key).toBe(true);
  }
  for (const key of ['projected', 'attainment'] as const) {
    const value = evaluation[key];
    expect(value === null || Number.isFinite(value), key).toBe(true);
  }
  if (evaluation.budget) {
    for (const value of Object.values(evaluation.budget)) expect(Number.isFinite(value)).toBe(true);
  }
  if (evaluation.excused) expect(Number.isFinite(evaluation.excused.share)).toBe(true);
  expect(evaluation.elapsed).toBeGreaterThanOrEqual(0);
  expect(evaluation.elapsed).toBeLessThanOrEqual(1);
}

describe('properties', () => {
  const around = fc.integer({ min: november.start - 5 * 24 * HOUR, max: november.end + 5 * 24 * HOUR });
  const anExcusal = fc
    .tuple(around, fc.integer({ min: 0, max: 6 * 24 * HOUR }), fc.constantFrom('sales', 'it'))
    .map(
      ([from, length, causedBy]): Excusal => ({
        id: `x-${from}`,
        from,
        to: from + length,
        causedBy,
        reason: 'r',
      }),
    );
  const excusals = fc.array(anExcusal, { maxLength: 3 });
  const totals: CommitmentDefinition[] = [leads, { ...leads, pacing: 'calendar' }, adSpend];

  it('expected never exceeds the target, before or after excusals', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...totals),
        fc.integer({ min: 0, max: 500 }),
        excusals,
        around,
        (definition, sum, xs, at) => {
          const result = evaluate({
            definition,
            period: november,
            aggregate: { measure: 'total', sum, count: sum },
            excusals: xs,
            at,
          });
          expect(result.expected).toBeLessThanOrEqual((definition.target ?? 0) + 1e-9);
          expect(result.expected).toBeLessThanOrEqual(result.target + 1e-9);
          expect(result.target).toBeLessThanOrEqual(definition.target ?? 0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('attainment grows with the actual', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...totals),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        excusals,
        around,
        (definition, a, b, xs, at) => {
          const judge = (sum: number) =>
            evaluate({
              definition,
              period: november,
              aggregate: { measure: 'total', sum, count: sum },
              excusals: xs,
              at,
            });
          const [low, high] = a <= b ? [judge(a), judge(b)] : [judge(b), judge(a)];
          if (low.attainment !== null && high.attainment !== null) {
            expect(high.attainment).toBeGreaterThanOrEqual(low.attainment);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a ratio’s attainment grows with good outcomes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.nat(), fc.nat(), around, (total, a, b, at) => {
        const judge = (good: number) =>
          evaluate({
            definition: conversion,
            period: november,
            aggregate: { measure: 'ratio', good, total },
            excusals: [],
            at,
          });
        const [low, high] = [Math.min(a, b) % (total + 1), Math.max(a, b) % (total + 1)].sort(
          (x, y) => x - y,
        ) as [number, number];
        expect(judge(high).attainment ?? 0).toBeGreaterThanOrEqual(judge(low).attainment ?? 0);
      }),
      { numRuns: 300 },
    );
  });

  const aggregateFor = (definition: CommitmentDefinition): fc.Arbitrary<MeasureAggregate> => {
    switch (definition.measure) {
      case 'total':
        return fc
          .integer({ min: -50, max: 500 })
          .map((sum) => ({ measure: 'total', sum, count: Math.abs(sum) }));
      case 'ratio':
        return fc
          .tuple(fc.nat(300), fc.nat(300))
          .map(([a, b]) => ({ measure: 'ratio', good: Math.min(a, b), total: Math.max(a, b) }));
      case 'duration':
        return fc.tuple(fc.nat(100), fc.nat(100), fc.nat(10), fc.nat(10)).map(([a, b, overdue, open]) => ({
          measure: 'duration',
          completed: Math.max(a, b),
          completedWithin: Math.min(a, b),
          openOverdue: overdue,
          open: open + overdue,
        }));
      case 'availability':
        return fc
          .array(fc.tuple(around, fc.integer({ min: 0, max: 30 * HOUR }), fc.boolean()), { maxLength: 4 })
          .map((spans) => ({
            measure: 'availability',
            outages: spans.map(([down, length, ended], i) => ({
              incident: `INC-${i}`,
              down,
              ...(ended ? { up: down + length } : {}),
            })),
          }));
    }
  };
  const definitions = [leads, adSpend, conversion, { ...conversion, objective: 1 }, followUp, availability];
  const judged = fc
    .constantFrom(...definitions)
    .chain((definition) => fc.tuple(fc.constant(definition), aggregateFor(definition), excusals, around));

  it('never yields NaN or Infinity, and is final from the period end on', () => {
    fc.assert(
      fc.property(judged, ([definition, aggregate, xs, at]) => {
        const result = evaluate({ definition, period: november, aggregate, excusals: xs, at });
        expectWellFormed(result);
        if (at >= november.end) {
          expect(result.final).toBe(true);
          expect(['met', 'breached', 'no_data']).toContain(result.status);
        }
      }),
      { numRuns: 400 },
    );
  });
});
