/**
 * Judging one commitment in one period from what the recorder kept (counters, outages, running
 * timers), never from raw events. Pure: the stores' records come in as plain values.
 */
import type { Evaluation, MeasureAggregate } from './evaluate.js';
import { emptyAggregate, evaluate } from './evaluate.js';
import type { CommitmentDefinition, Excusal, Instant, Period } from './model.js';
import { calendarOf } from './pacing.js';
import { periodOf, previousPeriod } from './periods.js';
import { isOverdue, type SubjectTimer } from './subject-timer.js';
import { type CommitmentVersion, governingVersion } from './versions.js';

/** What judging needs of a stored commitment (its versions and the evaluator's bookkeeping). */
export interface JudgedCommitment {
  id: string;
  /** Oldest first. */
  versions: CommitmentVersion[];
  /** The last period whose final result is written, if any. */
  closedThrough?: string;
  /** availability: incidents down right now, by incident id → down instant. */
  openOutages: Record<string, Instant>;
  /** availability: the first outage or heartbeat event recorded. */
  firstEventAt?: Instant;
  /** When the commitment took effect; nothing before it is judged. */
  activeSince?: Instant;
}

/** What judging needs of a period's stored aggregate. */
export interface StoredAggregate {
  counters: Record<string, number>;
  outages: Record<string, { down: Instant; up?: Instant }>;
  excusals: Excusal[];
}

/** A duration timer as stored: the subject's timer plus where the due index keeps it. */
export interface DueTimer extends SubjectTimer {
  commitmentId: string;
  dueAt?: Instant;
  retired?: boolean;
}

/** The newest definition: it decides the period kind and zone used to find "the current period". */
export function latestVersion(record: Pick<JudgedCommitment, 'id' | 'versions'>): CommitmentVersion {
  const latest = record.versions[record.versions.length - 1];
  if (!latest) throw new Error(`commitment ${record.id} has no versions`);
  return latest;
}

/** The period containing `at`, and the version that governs it. */
export function periodAt(
  record: Pick<JudgedCommitment, 'id' | 'versions'>,
  at: Instant,
): { period: Period; version: CommitmentVersion } {
  const latest = latestVersion(record).definition;
  const period = periodOf(latest.period, at, latest.timezone);
  return { period, version: governingVersion(record.versions, period) ?? latestVersion(record) };
}

export interface MeasureAggregateInput {
  definition: CommitmentDefinition;
  period: Period;
  stored: StoredAggregate | undefined;
  /** The commitment's outages still down (kept on the commitment, not on the period). */
  openOutages: Record<string, Instant>;
  overdueOpen: number;
  firstEventAt?: Instant;
}

/**
 * The aggregate the domain judges with, from what the recorder kept: counters, outages (plus the
 * ones still down, kept on the commitment) and the overdue open timers of the period. Availability
 * counts as observed once the commitment's first event falls before the period's end, or the
 * period itself recorded a heartbeat (one sent late, after a later event was recorded first).
 */
export function measureAggregate(input: MeasureAggregateInput): MeasureAggregate {
  const { definition, period, stored, firstEventAt } = input;
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
        openOverdue: input.overdueOpen,
      };
    case 'availability': {
      const outages = new Map(
        Object.entries(stored?.outages ?? {}).map(([incident, o]) => [incident, { incident, ...o }]),
      );
      for (const [incident, down] of Object.entries(input.openOutages)) {
        if (down < period.end && !outages.get(incident)?.up) outages.set(incident, { incident, down });
      }
      const observed = (firstEventAt !== undefined && firstEventAt < period.end) || (c.heartbeats ?? 0) > 0;
      return { measure: 'availability', outages: [...outages.values()], observed };
    }
    default:
      return emptyAggregate(definition.measure);
  }
}

export interface OverdueInput<T extends DueTimer> {
  definition: CommitmentDefinition;
  period: Period;
  timers: readonly T[];
  excusals: readonly Excusal[];
  at: Instant;
  /** Whether every period of the commitment before this one is closed. */
  earlierPeriodsClosed: boolean;
}

/**
 * The running timers that count as misses in this period at `at`: those overdue by then whose due
 * time falls before the period's end. Timers due in an earlier period count there until it closes
 * (its close counts and retires them), so they are included only once that period is closed.
 */
export function overdueTimers<T extends DueTimer>(input: OverdueInput<T>): T[] {
  const { definition, period, excusals, at } = input;
  if (definition.measure !== 'duration') return [];
  const calendar = calendarOf(definition);
  const threshold = definition.thresholdMs ?? 0;
  return input.timers.filter(
    (t) =>
      t.commitmentId === definition.id &&
      t.stoppedAt === undefined &&
      !t.retired &&
      t.dueAt !== undefined &&
      t.dueAt < period.end &&
      (t.dueAt >= period.start || input.earlierPeriodsClosed) &&
      isOverdue(t, calendar, excusals, threshold, at),
  );
}

/** Whether every period of the commitment before this one is closed. */
export function earlierPeriodsClosed(record: JudgedCommitment, period: Period): boolean {
  const first = record.versions[0];
  if (first && period.start <= first.effectiveFrom) return true;
  // Periods before the commitment took effect are never judged, so none of them is left open.
  if (record.activeSince !== undefined && period.start <= record.activeSince) return true;
  return record.closedThrough !== undefined && record.closedThrough >= previousPeriod(period).key;
}

export interface JudgeInput {
  record: JudgedCommitment;
  period: Period;
  version: CommitmentVersion;
  aggregate: StoredAggregate | undefined;
  dueTimers: readonly DueTimer[];
  at: Instant;
}

/** One commitment, one period, judged from stored aggregates only (never from raw events). */
export function judge(input: JudgeInput): Evaluation {
  const { record, period, version, aggregate, at } = input;
  const definition = version.definition;
  const excusals = aggregate?.excusals ?? [];
  const overdue = overdueTimers({
    definition,
    period,
    timers: input.dueTimers,
    excusals,
    at,
    earlierPeriodsClosed: earlierPeriodsClosed(record, period),
  });
  return evaluate({
    definition,
    period,
    aggregate: measureAggregate({
      definition,
      period,
      stored: aggregate,
      openOutages: record.openOutages,
      overdueOpen: overdue.length,
      firstEventAt: record.firstEventAt,
    }),
    excusals,
    at,
    effectiveFrom: record.activeSince,
  });
}
