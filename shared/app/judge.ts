import type { Evaluation } from '../domain/evaluate.js';
import { judge } from '../domain/judgement.js';
import type { Instant, Period } from '../domain/model.js';
import type { CommitmentVersion } from '../domain/versions.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';
import { type AggregateRecord, aggregateMapKey, type TimerRecord } from '../ports/event-store.js';
import type { StoreDeps } from './deps.js';

/** A commitment placed in the period it is judged for, with the version that governs it. */
export interface Located {
  record: CommitmentRecord;
  period: Period;
  version: CommitmentVersion;
}

/** What judging a set of located commitments reads: their periods' aggregates, and the due timers. */
export interface JudgementReads {
  aggregates: Map<string, AggregateRecord>;
  dueTimers: TimerRecord[];
}

/**
 * Reads what judging these commitments at `at` needs, in batches (their aggregates, and the due
 * timers when a duration is among them; never events).
 */
export async function readForJudgement(
  deps: StoreDeps,
  located: readonly Located[],
  at: Instant,
): Promise<JudgementReads> {
  const [aggregates, dueTimers] = await Promise.all([
    deps.events.getAggregates(located.map((l) => ({ commitmentId: l.record.id, periodKey: l.period.key }))),
    located.some((l) => l.version.definition.measure === 'duration')
      ? deps.events.listDueTimers(at)
      : Promise.resolve([]),
  ]);
  return { aggregates, dueTimers };
}

/** The judge of each located commitment, from what `readForJudgement` read. */
export function judgeWith(reads: JudgementReads, at: Instant): (one: Located) => Evaluation {
  return (one) =>
    judge({
      ...one,
      aggregate: reads.aggregates.get(aggregateMapKey(one.record.id, one.period.key)),
      dueTimers: reads.dueTimers,
      at,
    });
}

/**
 * Reads what judging these commitments at `at` needs, in batches, and returns the judge of each one.
 */
export async function judgeReader(
  deps: StoreDeps,
  located: readonly Located[],
  at: Instant,
): Promise<(one: Located) => Evaluation> {
  return judgeWith(await readForJudgement(deps, located, at), at);
}
