import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decidesItsWeek, weeklyScores } from '../../../shared/domain/digest/trend.js';
import type { Evaluation } from '../../../shared/domain/evaluate.js';
import type { CommitmentDefinition, Status } from '../../../shared/domain/model.js';

const WEEKS = [
  { from: '2026-10-19', to: '2026-10-25' },
  { from: '2026-10-26', to: '2026-11-01' },
  { from: '2026-11-02', to: '2026-11-08' },
];
const friday = (to: string) => `${to.slice(0, 8)}${String(Number(to.slice(8)) - 2).padStart(2, '0')}`;

const evaluation = fc.record({
  status: fc.constantFrom<Status>('met', 'on_track', 'at_risk', 'breached', 'no_data'),
  final: fc.option(fc.boolean(), { nil: undefined }),
  elapsed: fc.constantFrom(0, 0.001, 0.049, 0.05, 0.5, 1),
  attainment: fc.option(fc.double({ min: 0, max: 3, noNaN: true }), { nil: null }),
  projected: fc.option(fc.double({ min: 0, max: 300, noNaN: true }), { nil: null }),
  actual: fc.double({ min: 0, max: 300, noNaN: true }),
});

type Drawn = typeof evaluation extends fc.Arbitrary<infer T> ? T : never;

function asEvaluation(e: Drawn): Evaluation {
  return {
    commitmentId: 'c',
    period: '2026-11',
    measure: 'total',
    target: 100,
    expected: 50,
    unit: 'leads',
    evaluatedAt: '2026-11-01T12:00:00Z',
    ...e,
  } as Evaluation;
}

describe('a week decided by its Sunday snapshot', () => {
  it("scores the same without that week's Friday snapshot", () => {
    const definitionOf = fc.record({
      measure: fc.constantFrom<CommitmentDefinition['measure']>('total', 'ratio', 'duration', 'availability'),
      comparator: fc.constantFrom<'atLeast' | 'atMost'>('atLeast', 'atMost'),
    });
    // Per week: a Sunday and a Friday snapshot, either of them possibly missing.
    const week = fc.record({ sunday: fc.option(evaluation), friday: fc.option(evaluation) });
    fc.assert(
      fc.property(definitionOf, fc.tuple(week, week, week), (definition, drawn) => {
        const all = drawn.flatMap((w, i) => {
          const to = WEEKS[i]?.to as string;
          return [
            ...(w.sunday ? [{ localDate: to, evaluation: asEvaluation(w.sunday) }] : []),
            ...(w.friday ? [{ localDate: friday(to), evaluation: asEvaluation(w.friday) }] : []),
          ];
        });
        const decidedSundays = new Set(
          all
            .filter(
              (s) => WEEKS.some((w) => w.to === s.localDate) && decidesItsWeek(s.evaluation, definition),
            )
            .map((s) => s.localDate),
        );
        const withoutDecidedFridays = all.filter(
          (s) => !WEEKS.some((w) => friday(w.to) === s.localDate && decidedSundays.has(w.to)),
        );
        expect(weeklyScores(withoutDecidedFridays, WEEKS, definition)).toEqual(
          weeklyScores(all, WEEKS, definition),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('is not decided by a Sunday with nothing to score or taken just after its period began', () => {
    const total = { measure: 'total' as const, comparator: 'atLeast' as const };
    const base = { status: 'on_track' as Status, attainment: 0.5, projected: 80, actual: 40 };
    expect(decidesItsWeek(asEvaluation({ ...base, elapsed: 0.5, final: undefined }), total)).toBe(true);
    expect(decidesItsWeek(asEvaluation({ ...base, elapsed: 0.001, final: undefined }), total)).toBe(false);
    expect(decidesItsWeek(asEvaluation({ ...base, elapsed: 0.001, final: true }), total)).toBe(true);
    expect(
      decidesItsWeek(asEvaluation({ ...base, status: 'no_data', elapsed: 0.5, final: undefined }), total),
    ).toBe(false);
  });
});
