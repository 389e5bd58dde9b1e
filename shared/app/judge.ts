import type { Evaluation, MeasureAggregate } from '../domain/evaluate.js';
import { emptyAggregate, evaluate } from '../domain/evaluate.js';
import type { CommitmentDefinition, Excusal, Instant, Period } from '../domain/model.js';
import { calendarOf } from '../domain/pacing.js';
import { periodOf, previousPeriod } from '../domain/periods.js';
import { isOverdue } from '../domain/subject-timer.js';
import { type CommitmentVersion, governingVersion } from '../domain/versions.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';
import { type AggregateRecord, aggregateMapKey, type TimerRecord } from '../ports/event-store.js';
import type { StoreDeps } from './deps.js';

/** The newest definition: it decides the period kind and zone used to find "the current period". */
export function latestVersion(record: CommitmentRecord): CommitmentVersion {
  const latest = record.versions[record.versions.length - 1];
  if (!latest) throw new Error(`commitment ${record.id} has no versions`);
  return latest;
}

/** The period containing `at`, and the version that governs it. */
export function periodAt(
  record: CommitmentRecord,
  at: Instant,
): { period: Period; version: CommitmentVersion } {
  const latest = latestVersion(record).definition;
  const period = periodOf(latest.period, at, latest.timezone);
  return { period, version: governingVersion(record.versions, period) ?? latestVersion(record) };
}

/**
 * The aggregate the domain judges with, from what the recorder kept: counters, outages (plus the
 * ones still down, kept on the commitment) and the overdue open timers of the period. Availability
 * counts as observed once the commitment's first event falls before the period's end, or the
 * period itself recorded a heartbeat (one sent late, after a later event was recorded first).
 */
export function measureAggregate(
  definition: CommitmentDefinition,
  period: Period,
  stored: AggregateRecord | undefined,
  openOutages: Record<string, Instant>,
  overdueOpen: number,
  firstEventAt?: Instant,
): MeasureAggregate {
  const c = stored?.counters ?? {};
  switch (definition.measure) {
    case 'total':
      return { measure: 'total', sum: c.sum ?? 0, count: c.count ?? 0 };
    case 'ratio':
      return { measure: 'ratio', good: c.good ?? 0, total: c.total ?? 0 };
    case 'duration':
      return {
        measure: 'duration',
        completed: c.completed ?? 0,
        completedWithin: c.completedWithin ?? 0,
        openOverdue: overdueOpen,
      };
    case 'availability': {
      const outages = new Map(
        Object.entries(stored?.outages ?? {}).map(([incident, o]) => [incident, { incident, ...o }]),
      );
      for (const [incident, down] of Object.entries(openOutages)) {
        if (down < period.end && !outages.get(incident)?.up) outages.set(incident, { incident, down });
      }
      const observed = (firstEventAt !== undefined && firstEventAt < period.end) || (c.heartbeats ?? 0) > 0;
      return { measure: 'availability', outages: [...outages.values()], observed };
    }
    default:
      return emptyAggregate(definition.measure);
  }
}

/**
 * How many running timers count as misses in this period at `at`: those overdue by then whose due
 * time falls before the period's end. Timers due in an earlier period count there until it closes
 * (its close counts and retires them), so they are included only once that period is closed.
 */
export function countOverdue(
  definition: CommitmentDefinition,
  period: Period,
  timers: TimerRecord[],
  excusals: Excusal[],
  at: Instant,
  earlierPeriodsClosed: boolean,
): number {
  return overdueTimers(definition, period, timers, excusals, at, earlierPeriodsClosed).length;
}

export function overdueTimers(
  definition: CommitmentDefinition,
  period: Period,
  timers: TimerRecord[],
  excusals: Excusal[],
  at: Instant,
  earlierPeriodsClosed: boolean,
): TimerRecord[] {
  if (definition.measure !== 'duration') return [];
  const calendar = calendarOf(definition);
  const threshold = definition.thresholdMs ?? 0;
  return timers.filter(
    (t) =>
      t.commitmentId === definition.id &&
      t.stoppedAt === undefined &&
      !t.retired &&
      t.dueAt !== undefined &&
      t.dueAt < period.end &&
      (t.dueAt >= period.start || earlierPeriodsClosed) &&
      isOverdue(t, calendar, excusals, threshold, at),
  );
}

/** Whether every period of the commitment before this one is closed. */
export function earlierPeriodsClosed(record: CommitmentRecord, period: Period): boolean {
  const first = record.versions[0];
  if (first && period.start <= first.effectiveFrom) return true;
  // Periods before the commitment took effect are never judged, so none of them is left open.
  if (record.activeSince !== undefined && period.start <= record.activeSince) return true;
  return record.closedThrough !== undefined && record.closedThrough >= previousPeriod(period).key;
}

export interface JudgeInput {
  record: CommitmentRecord;
  period: Period;
  version: CommitmentVersion;
  aggregate: AggregateRecord | undefined;
  dueTimers: TimerRecord[];
  at: Instant;
}

/** One commitment, one period, judged from stored aggregates only (never from raw events). */
export function judge(input: JudgeInput): Evaluation {
  const { record, period, version, aggregate, at } = input;
  const definition = version.definition;
  const excusals = aggregate?.excusals ?? [];
  const overdue = countOverdue(
    definition,
    period,
    input.dueTimers,
    excusals,
    at,
    earlierPeriodsClosed(record, period),
  );
  return evaluate({
    definition,
    period,
    aggregate: measureAggregate(
      definition,
      period,
      aggregate,
      record.openOutages,
      overdue,
      record.firstEventAt,
    ),
    excusals,
    at,
    effectiveFrom: record.activeSince,
  });
}

/** A commitment placed in the period it is judged for, with the version that governs it. */
export interface Located {
  record: CommitmentRecord;
  period: Period;
  version: CommitmentVersion;
}

/**
 * Reads what judging these commitments at `at` needs, in batches (their aggregates, and the due
 * timers when a duration is among them; never events), and returns the judge of each one.
 */
export async function judgeReader(
  deps: StoreDeps,
  located: readonly Located[],
  at: Instant,
): Promise<(one: Located) => Evaluation> {
  const [aggregates, dueTimers] = await Promise.all([
    deps.events.getAggregates(located.map((l) => ({ commitmentId: l.record.id, periodKey: l.period.key }))),
    located.some((l) => l.version.definition.measure === 'duration')
      ? deps.events.listDueTimers(at)
      : Promise.resolve([]),
  ]);
  return (one) =>
    judge({
      ...one,
      aggregate: aggregates.get(aggregateMapKey(one.record.id, one.period.key)),
      dueTimers,
      at,
    });
}
