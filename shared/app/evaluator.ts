import { DateTime } from 'luxon';
import type { BurnRateFinding } from '../domain/alerts/burn-rate.js';
import { statusWithAlert } from '../domain/alerts/shown-status.js';
import type { ClosedPeriodResult } from '../domain/close.js';
import type { AlertState } from '../domain/escalation.js';
import type { Evaluation } from '../domain/evaluate.js';
import { isoInstant } from '../domain/instant-format.js';
import { periodAt } from '../domain/judgement.js';
import type { Instant } from '../domain/model.js';
import { DEFAULT_CREDIT_UNIT } from '../domain/readable-numbers.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';
import { aggregateMapKey } from '../ports/event-store.js';
import { type DeliveryDeps, republishPending, startPublishing } from './alert-delivery.js';
import {
  type AlertRun,
  lastClosedPeriod,
  mayHaveAlertState,
  moveAlert,
  recentlyClosed,
  settleClosedPeriod,
} from './alert-moves.js';
import { readBurnRates } from './burn-windows.js';
import { closeEndedPeriods, periodsToClose, prefetchForClosing } from './close-periods.js';
import { mapLimit } from './concurrency.js';
import { type EvaluationSummary, failurePart, foldSummary, type RunPart } from './evaluation-summary.js';
import { judgeWith, type Located, readForJudgement } from './judge.js';
import { writeSnapshots } from './snapshots.js';

export type { CommitmentFailure, EvaluationSummary } from './evaluation-summary.js';

export interface EvaluatorDeps extends DeliveryDeps {
  /** Told when one commitment's evaluation fails; the run goes on with the others. */
  onCommitmentError?: (commitmentId: string, error: unknown) => void;
}

/** How many commitments close their periods at once at a period boundary. */
const CLOSE_CONCURRENCY = 8;

type Snapshot = { evaluation: Evaluation; localDate: string };

/**
 * One evaluator run (what the schedule triggers every 15 minutes): close ended periods, judge every
 * active commitment's current period, move alert states and send each notification exactly once.
 * Its DynamoDB requests grow with commitments (about one per hundred per step), never with events.
 * Every step returns what it did, and the summary is folded from those values.
 */
export async function runEvaluation(deps: EvaluatorDeps, at?: Instant): Promise<EvaluationSummary> {
  const now = at ?? deps.clock.now();
  // Isolates one commitment's failure (say, an item DynamoDB finds too large) from the others.
  const failed = (commitmentId: string, step: Parameters<typeof failurePart>[1], error: unknown) => {
    deps.onCommitmentError?.(commitmentId, error);
    return failurePart(commitmentId, step, error);
  };
  // This run's hold on the claims it publishes; no other run publishes them meanwhile.
  const publishing = startPublishing();
  const config = await deps.commitments.getConfig();
  const read = await deps.commitments.list('active');

  // 1. Close what has ended.
  const closing = await closeAll(deps, read, now, failed);

  // 2. Read everything the judgement needs in batches, each commitment as it stands after its closes.
  const located: Located[] = closing.records.map((record) => ({ record, ...periodAt(record, now) }));
  // Alert states are read only where one may exist: the head marks the periods that have one.
  const alertKeys = located.flatMap(({ record, period }) =>
    [period, ...(owesFinalWord(record, closing.results, now) ? [lastClosedPeriod(record)] : [])]
      .filter((p) => mayHaveAlertState(record, p))
      .map((p) => ({ commitmentId: record.id, periodKey: p.key })),
  );
  const [reads, alertStates, burnRates] = await Promise.all([
    readForJudgement(deps, located, now),
    deps.alerts.getMany(alertKeys),
    readBurnRates(deps, located, now),
  ]);
  const judgeOne = judgeWith(reads, now);
  const run: AlertRun = {
    deps,
    departments: config?.departments ?? {},
    publishing,
    alertStates,
    closedResults: await withEarlierResults(deps, located, { closed: closing.results, alertStates, now }),
    now,
  };

  const parts: RunPart[] = [...closing.parts];
  for (const { commitmentId, error } of burnRates.failures)
    parts.push(failed(commitmentId, 'evaluate', error));
  const snapshots: Snapshot[] = [];
  for (const one of located) {
    const judged = await judgeAndMove(run, one, judgeOne, burnRates.firing.get(one.record.id));
    if (judged.snapshot) snapshots.push(judged.snapshot);
    parts.push(...judged.parts);
    if (judged.error !== undefined) parts.push(failed(one.record.id, 'evaluate', judged.error));
  }
  for (const { commitmentId, error } of await writeSnapshots(deps.results, snapshots)) {
    parts.push(failed(commitmentId, 'snapshot', error));
  }

  // 3. Anything claimed earlier but never confirmed as published, and not being published by another
  //    run right now, goes out again.
  const republishFailures: RunPart[] = [];
  const redelivery = await republishPending(deps, publishing, (commitmentId, error) =>
    republishFailures.push(failed(commitmentId, 'republish', error)),
  );
  parts.push(...republishFailures, { republished: redelivery.republished, failed: redelivery.failed });
  return foldSummary(isoInstant(now), parts);
}

/**
 * The results a final word may still need besides those this run closed: of periods closed by an
 * earlier run whose alert state has not said its final word yet, read in one batch.
 */
async function withEarlierResults(
  deps: EvaluatorDeps,
  located: Located[],
  known: { closed: Map<string, ClosedPeriodResult>; alertStates: Map<string, AlertState>; now: Instant },
): Promise<Map<string, ClosedPeriodResult>> {
  const wanted = located
    .filter(({ record }) => recentlyClosed(record, known.now))
    .map(({ record }) => ({ commitmentId: record.id, periodKey: record.closedThrough as string }))
    .filter((k) => {
      const key = aggregateMapKey(k.commitmentId, k.periodKey);
      const said = known.alertStates.get(key)?.lastStatus;
      return !known.closed.has(key) && said !== 'met' && said !== 'breached';
    });
  if (wanted.length === 0) return known.closed;
  const results = new Map(known.closed);
  // Read as strongly as the closes wrote them: one closed a moment ago by another run must be seen.
  for (const result of await deps.results.getResults(wanted, { consistent: true })) {
    results.set(aggregateMapKey(result.commitmentId, result.period), result);
  }
  return results;
}

/**
 * Whether the alert state of the commitment's last closed period is needed: it may still owe its
 * final word, unless this run closed it with no data, of which there is nothing to say.
 */
function owesFinalWord(
  record: CommitmentRecord,
  closed: Map<string, ClosedPeriodResult>,
  now: Instant,
): boolean {
  if (!recentlyClosed(record, now)) return false;
  return closed.get(aggregateMapKey(record.id, record.closedThrough as string))?.status !== 'no_data';
}

/**
 * Closes the ended periods of every commitment at a period boundary (what the closes read is read
 * in batches first) and returns the commitments as they stand after it, without changing the
 * records it was given.
 */
async function closeAll(
  deps: EvaluatorDeps,
  records: CommitmentRecord[],
  now: Instant,
  failed: (commitmentId: string, step: 'close', error: unknown) => RunPart,
): Promise<{ records: CommitmentRecord[]; results: Map<string, ClosedPeriodResult>; parts: RunPart[] }> {
  const results = new Map<string, ClosedPeriodResult>();
  const dueToClose = records.flatMap((record) =>
    periodsToClose(record, now).map((period) => ({ record, period })),
  );
  if (dueToClose.length === 0) return { records, results, parts: [] };
  const prefetch = await prefetchForClosing(deps, dueToClose);
  // Commitments close independently (each one's periods in order), a few at a time.
  const closings = await mapLimit(
    [...new Set(dueToClose.map((d) => d.record))],
    CLOSE_CONCURRENCY,
    async (record): Promise<{ record: CommitmentRecord; closed: ClosedPeriodResult[]; part: RunPart }> => {
      try {
        const closed = await closeEndedPeriods(deps, record, now, undefined, prefetch);
        return { record, closed, part: {} };
      } catch (error) {
        // Its current period is still judged; the close is retried by the next run.
        return { record, closed: [], part: failed(record.id, 'close', error) };
      }
    },
  );
  const closedThrough = new Map<string, string>();
  const parts: RunPart[] = [];
  for (const { record, closed, part } of closings) {
    parts.push(part);
    for (const result of closed) {
      results.set(aggregateMapKey(record.id, result.period), result);
      closedThrough.set(record.id, result.period);
      const { commitmentId, period, status, credit, creditUnit } = result;
      // Named only when the configuration names one, so summaries in credits read as they always did.
      const unit = creditUnit !== undefined && creditUnit !== DEFAULT_CREDIT_UNIT ? { creditUnit } : {};
      parts.push({ closed: [{ commitmentId, period, status, credit, ...unit }] });
    }
  }
  return {
    records: records.map((record) => {
      const through = closedThrough.get(record.id);
      return through === undefined ? record : { ...record, closedThrough: through };
    }),
    results,
    parts,
  };
}

/**
 * One commitment's turn: judged, its just-closed period's final word said, its current alert moved.
 * Returns what it did up to a failure, and the failure.
 */
async function judgeAndMove(
  run: AlertRun,
  one: Located,
  judgeOne: (one: Located) => Evaluation,
  burn: BurnRateFinding | undefined,
): Promise<{ parts: RunPart[]; snapshot?: Snapshot; error?: unknown }> {
  const { record, period, version } = one;
  const parts: RunPart[] = [];
  let snapshot: Snapshot | undefined;
  try {
    const evaluation = judgeOne(one);
    const localDate = DateTime.fromMillis(run.now, { zone: version.definition.timezone }).toISODate() ?? '';
    const state: AlertState | undefined = run.alertStates.get(aggregateMapKey(record.id, period.key));
    // The snapshot says what people were told: at risk while an open alert has not recovered.
    snapshot = { evaluation: statusWithAlert(evaluation, version.definition, state), localDate };
    // The period that just closed still owes its final word (met or breached), possibly after quiet hours.
    if (recentlyClosed(record, run.now)) {
      for await (const part of settleClosedPeriod(run, record)) parts.push(part);
    }
    for await (const part of moveAlert(run, {
      definition: version.definition,
      evaluation,
      state,
      final: false,
      ...(burn ? { burn } : {}),
    })) {
      parts.push(part);
    }
    parts.push({ evaluated: 1 });
    return { parts, snapshot };
  } catch (error) {
    return { parts, ...(snapshot ? { snapshot } : {}), error };
  }
}
