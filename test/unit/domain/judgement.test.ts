import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/domain/evaluate.js';
import {
  type DueTimer,
  earlierPeriodsClosed,
  type JudgedCommitment,
  judge,
  latestVersion,
  measureAggregate,
  overdueTimers,
  periodAt,
} from '../../../shared/domain/judgement.js';
import type { CommitmentDefinition } from '../../../shared/domain/model.js';
import { periodFromKey } from '../../../shared/domain/periods.js';
import type { CommitmentVersion } from '../../../shared/domain/versions.js';
import { availability, conversion, followUp, HOUR, leads, ny, ZONE } from './judging-fixtures.js';

const october = periodFromKey('2026-10', ZONE);
const november = periodFromKey('2026-11', ZONE);

function version(n: number, definition: CommitmentDefinition, effectiveFrom: number): CommitmentVersion {
  return { version: n, effectiveFrom, createdAt: effectiveFrom, immediate: false, definition };
}

function commitment(
  definition: CommitmentDefinition,
  more: Partial<JudgedCommitment> = {},
): JudgedCommitment {
  return {
    id: definition.id,
    versions: [version(1, definition, october.start)],
    openOutages: {},
    ...more,
  };
}

function timer(subject: string, dueAt: number | undefined, more: Partial<DueTimer> = {}): DueTimer {
  return {
    commitmentId: followUp.id,
    subject,
    startedAt: (dueAt ?? november.start) - 3 * 24 * HOUR,
    pauses: [],
    dueAt,
    ...more,
  };
}

describe('latestVersion and periodAt', () => {
  it('names the commitment that has no versions', () => {
    expect(() => latestVersion({ id: 'empty', versions: [] })).toThrow('commitment empty has no versions');
  });

  it('places an instant in the period of the newest definition, judged by the version governing it', () => {
    const amended = { ...leads, target: 120 };
    const record = commitment(leads, {
      versions: [version(1, leads, october.start), version(2, amended, periodFromKey('2026-12', ZONE).start)],
    });
    const { period, version: governing } = periodAt(record, ny('2026-11-18T10:00'));
    expect(period.key).toBe('2026-11');
    expect(governing.version).toBe(1);
    expect(latestVersion(record).version).toBe(2);
  });
});

describe('measureAggregate', () => {
  const base = { period: november, openOutages: {}, overdueOpen: 0 };

  it('reads the counters of each additive measure, zero when nothing was stored', () => {
    const stored = { counters: { sum: 7, count: 3, good: 2, total: 5 }, outages: {}, excusals: [] };
    expect(measureAggregate({ ...base, definition: leads, stored })).toEqual({
      measure: 'total',
      sum: 7,
      count: 3,
    });
    expect(measureAggregate({ ...base, definition: conversion, stored })).toEqual({
      measure: 'ratio',
      good: 2,
      total: 5,
    });
    expect(measureAggregate({ ...base, definition: leads, stored: undefined })).toEqual({
      measure: 'total',
      sum: 0,
      count: 0,
    });
  });

  it('adds the overdue open timers to the completed ones of a duration', () => {
    const stored = { counters: { completed: 4, completedWithin: 3 }, outages: {}, excusals: [] };
    expect(measureAggregate({ ...base, definition: followUp, stored, overdueOpen: 2 })).toEqual({
      measure: 'duration',
      completed: 4,
      completedWithin: 3,
      openOverdue: 2,
    });
  });

  it("adds the commitment's outages still down before the period ends, unless the period saw them end", () => {
    const stored = {
      counters: {},
      outages: { ended: { down: ny('2026-11-02T09:00'), up: ny('2026-11-02T10:00') } },
      excusals: [],
    };
    const aggregate = measureAggregate({
      ...base,
      definition: availability,
      stored,
      openOutages: {
        ended: ny('2026-11-02T09:00'),
        down: ny('2026-11-20T09:00'),
        later: ny('2026-12-02T09:00'),
      },
    });
    expect(aggregate).toEqual({
      measure: 'availability',
      outages: [
        { incident: 'ended', down: ny('2026-11-02T09:00'), up: ny('2026-11-02T10:00') },
        { incident: 'down', down: ny('2026-11-20T09:00') },
      ],
      observed: false,
    });
  });

  it.each([
    ['no event at all', undefined, 0, false],
    ['a first event before the end', ny('2026-11-30T09:00'), 0, true],
    ['a first event after the end', ny('2026-12-01T09:00'), 0, false],
    ['a late heartbeat in the period', ny('2026-12-01T09:00'), 1, true],
  ] as const)('counts availability as observed with %s', (_name, firstEventAt, heartbeats, observed) => {
    const stored = { counters: { heartbeats }, outages: {}, excusals: [] };
    const aggregate = measureAggregate({ ...base, definition: availability, stored, firstEventAt });
    expect(aggregate).toMatchObject({ measure: 'availability', observed });
  });
});

describe('overdueTimers', () => {
  const at = ny('2026-11-18T10:00');
  const input = { definition: followUp, period: november, excusals: [], at, earlierPeriodsClosed: false };

  it('keeps the running timers of this commitment overdue by `at` and due in the period', () => {
    const overdue = timer('overdue', ny('2026-11-10T10:00'));
    const timers = [
      overdue,
      timer('other commitment', ny('2026-11-10T10:00'), { commitmentId: leads.id }),
      timer('stopped', ny('2026-11-10T10:00'), { stoppedAt: ny('2026-11-11T10:00') }),
      timer('retired', ny('2026-11-10T10:00'), { retired: true }),
      timer('paused', undefined),
      timer('due next month', ny('2026-12-02T10:00')),
      timer('due in october', ny('2026-10-28T10:00')),
    ];
    expect(overdueTimers({ ...input, timers })).toEqual([overdue]);
  });

  it('counts timers due in an earlier period only once that period is closed', () => {
    const october28 = timer('due in october', ny('2026-10-28T10:00'));
    expect(overdueTimers({ ...input, timers: [october28], earlierPeriodsClosed: true })).toEqual([october28]);
  });

  it('counts nothing for the other measures', () => {
    const timers = [timer('overdue', ny('2026-11-10T10:00'), { commitmentId: leads.id })];
    expect(overdueTimers({ ...input, definition: leads, timers })).toEqual([]);
  });

  it('picks from the timers it is given, and more once earlier periods are closed', () => {
    const dueAt = fc.option(fc.integer({ min: october.start, max: periodFromKey('2026-12', ZONE).end }), {
      nil: undefined,
    });
    const arbitraryTimer = fc.record({
      subject: fc.string({ maxLength: 4 }),
      dueAt,
      stopped: fc.boolean(),
      retired: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbitraryTimer, { maxLength: 12 }), (drawn) => {
        const timers = drawn.map((d) =>
          timer(d.subject, d.dueAt, {
            retired: d.retired,
            ...(d.stopped ? { stoppedAt: at - HOUR } : {}),
          }),
        );
        const open = overdueTimers({ ...input, timers });
        const closed = overdueTimers({ ...input, timers, earlierPeriodsClosed: true });
        for (const t of closed) {
          expect(timers).toContain(t);
          expect(t.stoppedAt).toBeUndefined();
          expect(t.retired).toBe(false);
          expect(t.dueAt).toBeLessThan(november.end);
        }
        for (const t of open) expect(closed).toContain(t);
        expect(open.every((t) => (t.dueAt ?? 0) >= november.start)).toBe(true);
      }),
    );
  });
});

describe('earlierPeriodsClosed', () => {
  it("is true in the commitment's first period and before it took effect", () => {
    expect(earlierPeriodsClosed(commitment(leads), october)).toBe(true);
    const resumed = commitment(leads, { activeSince: ny('2026-11-10T00:00') });
    expect(earlierPeriodsClosed(resumed, november)).toBe(true);
  });

  it('follows closedThrough afterwards', () => {
    expect(earlierPeriodsClosed(commitment(leads), november)).toBe(false);
    expect(earlierPeriodsClosed(commitment(leads, { closedThrough: '2026-09' }), november)).toBe(false);
    expect(earlierPeriodsClosed(commitment(leads, { closedThrough: '2026-10' }), november)).toBe(true);
  });
});

describe('judge', () => {
  it('judges a duration with its overdue open timers counted as misses', () => {
    const at = ny('2026-11-18T10:00');
    const record = commitment(followUp, { closedThrough: '2026-10' });
    const stored = { counters: { completed: 8, completedWithin: 8 }, outages: {}, excusals: [] };
    const timers = [timer('late', ny('2026-11-12T10:00')), timer('earlier', ny('2026-10-29T10:00'))];
    const evaluation = judge({
      record,
      period: november,
      version: latestVersion(record),
      aggregate: stored,
      dueTimers: timers,
      at,
    });
    const expected = evaluate({
      definition: followUp,
      period: november,
      aggregate: { measure: 'duration', completed: 8, completedWithin: 8, openOverdue: 2 },
      excusals: [],
      at,
    });
    expect(evaluation).toEqual(expected);
    expect(evaluation.actual).toBeCloseTo(0.8);
  });
});
