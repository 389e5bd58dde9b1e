import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayHaveScoredSnapshots } from '../../../shared/domain/digest/scored-snapshots.js';
import { trendAndSparkline, weeksEndingWith } from '../../../shared/domain/digest/trend.js';
import type { Evaluation } from '../../../shared/domain/evaluate.js';
import { type JudgedCommitment, judge, type StoredAggregate } from '../../../shared/domain/judgement.js';
import type { CommitmentDefinition, PeriodKind } from '../../../shared/domain/model.js';
import { periodOf } from '../../../shared/domain/periods.js';
import type { CommitmentVersion } from '../../../shared/domain/versions.js';
import { availability, followUp, HOUR, leads, ny, ZONE } from '../domain/judging-fixtures.js';

const START = ny('2026-09-01T00:00');
const SPAN = 120 * 24 * HOUR;

const version = (n: number, definition: CommitmentDefinition, effectiveFrom: number): CommitmentVersion => ({
  version: n,
  effectiveFrom,
  createdAt: effectiveFrom,
  immediate: n > 1 && n % 2 === 0,
  definition,
});

/** Availability definitions as amendments may leave them: other periods, zones, calendars, objectives. */
const availabilityDefinition = fc
  .record({
    period: fc.constantFrom<PeriodKind>('week', 'month', 'quarter'),
    timezone: fc.constantFrom(ZONE, 'UTC', 'Asia/Kolkata'),
    calendar: fc.constantFrom(availability.calendar, undefined),
    pacing: fc.constantFrom<'business' | 'calendar'>('business', 'calendar'),
    objective: fc.constantFrom(0.9, 0.995, 0.9999),
  })
  .map(
    (d): CommitmentDefinition => ({
      ...availability,
      ...d,
      pacing: d.calendar ? d.pacing : 'calendar',
    }),
  );

const excusal = fc
  .tuple(fc.integer({ min: 0, max: SPAN }), fc.integer({ min: 1, max: 40 * 24 * HOUR }))
  .map(([from, length]) => ({
    id: `x${from}`,
    from: START + from,
    to: START + from + length,
    causedBy: 'marketing',
    reason: 'maintenance window',
  }));

/**
 * What a period's aggregate can hold while no availability event was ever recorded: nothing, or
 * excusals (recorded apart from events) and counters of no availability event.
 */
const unmeasuredAggregate: fc.Arbitrary<StoredAggregate | undefined> = fc.option(
  fc.record({
    counters: fc.constantFrom<Record<string, number>>({}, { sum: 3, count: 2 }, { good: 1, total: 4 }),
    outages: fc.constant({}),
    excusals: fc.array(excusal, { maxLength: 3 }),
  }),
  { nil: undefined },
);

describe('a commitment that cannot have a scored snapshot', () => {
  it('is an availability commitment never measured, whose every evaluation is no_data', () => {
    fc.assert(
      fc.property(
        fc.array(availabilityDefinition, { minLength: 1, maxLength: 3 }),
        fc.option(fc.integer({ min: 0, max: SPAN }), { nil: undefined }),
        unmeasuredAggregate,
        fc.integer({ min: 0, max: SPAN }),
        (definitions, activeAfter, aggregate, atOffset) => {
          const record: JudgedCommitment = {
            id: availability.id,
            versions: definitions.map((d, i) => version(i + 1, d, START + i * 30 * 24 * HOUR)),
            openOutages: {},
            ...(activeAfter === undefined ? {} : { activeSince: START + activeAfter }),
          };
          expect(mayHaveScoredSnapshots(record)).toBe(false);
          const at = START + atOffset;
          // Whichever version judged whichever period: the evaluator's, or one after an amendment.
          for (const v of record.versions) {
            const period = periodOf(v.definition.period, at, v.definition.timezone);
            const evaluation = judge({ record, period, version: v, aggregate, dueTimers: [], at });
            expect(evaluation.status).toBe('no_data');
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves the trend and the sparkline as they are when its snapshots are not read', () => {
    const weeks = weeksEndingWith('2026-W46', 6);
    const noData = fc.record({
      localDate: fc.constantFrom(...weeks.flatMap((w) => [w.from, w.to])),
      elapsed: fc.constantFrom(0, 0.3, 1),
      final: fc.option(fc.constant(true as const), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(noData, { maxLength: 14 }), (drawn) => {
        const snapshots = drawn.map(({ localDate, elapsed, final }) => ({
          localDate,
          evaluation: {
            commitmentId: availability.id,
            period: '2026-11',
            measure: 'availability',
            status: 'no_data',
            actual: 0,
            target: 0.995,
            expected: 0.995,
            projected: null,
            attainment: null,
            elapsed,
            unit: 'availability',
            evaluatedAt: '2026-11-01T12:00:00Z',
            ...(final ? { final } : {}),
          } satisfies Evaluation,
        }));
        expect(trendAndSparkline(snapshots, weeks, availability)).toEqual(
          trendAndSparkline([], weeks, availability),
        );
      }),
    );
  });

  it('is not one once an availability event was recorded, or another measure judged it', () => {
    const measured = { id: 'w', versions: [version(1, availability, START)], openOutages: {} };
    expect(mayHaveScoredSnapshots(measured)).toBe(false);
    expect(mayHaveScoredSnapshots({ ...measured, firstEventAt: START + HOUR })).toBe(true);
    for (const other of [leads, followUp]) {
      expect(mayHaveScoredSnapshots({ versions: [version(1, other, START)] })).toBe(true);
      expect(
        mayHaveScoredSnapshots({
          versions: [version(1, other, START), version(2, availability, START + SPAN)],
        }),
      ).toBe(true);
    }
  });
});
