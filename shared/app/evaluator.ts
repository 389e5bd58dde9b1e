import { DateTime } from 'luxon';
import type { ClosedPeriodResult } from '../domain/close.js';
import { type AlertState, decideEscalation, type NotificationIntent } from '../domain/escalation.js';
import type { Evaluation } from '../domain/evaluate.js';
import { isoInstant } from '../domain/instant-format.js';
import type { CommitmentDefinition, Department, Instant } from '../domain/model.js';
import { periodFromKey } from '../domain/periods.js';
import type { OutgoingNotification } from '../ports/alert-store.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';
import { aggregateMapKey } from '../ports/event-store.js';
import {
  type DeliveryDeps,
  type PublishingRun,
  publishClaimed,
  republishPending,
  startPublishing,
} from './alert-delivery.js';
import { closeEndedPeriods, periodsToClose, prefetchForClosing } from './close-periods.js';
import { mapLimit } from './concurrency.js';
import type { CommitmentFailure, EvaluationSummary } from './evaluation-summary.js';
import { judgeReader, latestVersion, periodAt } from './judge.js';
import { notificationText } from './notification-text.js';
import { writeSnapshots } from './snapshots.js';

export type { CommitmentFailure, EvaluationSummary } from './evaluation-summary.js';

export interface EvaluatorDeps extends DeliveryDeps {
  /** Told when one commitment's evaluation fails; the run goes on with the others. */
  onCommitmentError?: (commitmentId: string, error: unknown) => void;
}

/** How many commitments close their periods at once at a period boundary. */
const CLOSE_CONCURRENCY = 8;

/**
 * One evaluator run (what the schedule triggers every 15 minutes): close ended periods, judge every
 * active commitment's current period, move alert states and send each notification exactly once.
 * Its DynamoDB requests grow with commitments (about one per hundred per step), never with events.
 */
export async function runEvaluation(deps: EvaluatorDeps, at?: Instant): Promise<EvaluationSummary> {
  const now = at ?? deps.clock.now();
  const summary: EvaluationSummary = {
    at: isoInstant(now),
    evaluated: 0,
    closed: [],
    transitions: [],
    notifications: [],
    conflicts: 0,
    republished: 0,
    failed: 0,
    failedCommitments: [],
  };
  // Isolates one commitment's failure (say, an item DynamoDB finds too large) from the others.
  const fail = (commitmentId: string, step: CommitmentFailure['step'], error: unknown) => {
    deps.onCommitmentError?.(commitmentId, error);
    summary.failedCommitments.push({
      commitmentId,
      step,
      error: error instanceof Error ? error.message : String(error),
    });
  };
  // This run's hold on the claims it publishes; no other run publishes them meanwhile.
  const publishing = startPublishing();
  const config = await deps.commitments.getConfig();
  const departments = config?.departments ?? {};
  const records = await deps.commitments.list('active');

  // 1. Close what has ended. Only commitments at a period boundary do any work here, and what the
  //    closes read is read in batches first.
  const dueToClose = records.flatMap((record) =>
    periodsToClose(record, now).map((period) => ({ record, period })),
  );
  const closedResults = new Map<string, ClosedPeriodResult>();
  if (dueToClose.length > 0) {
    const prefetch = await prefetchForClosing(deps, dueToClose);
    // Commitments close independently (each one's periods in order), a few at a time.
    const closings = await mapLimit(
      [...new Set(dueToClose.map((d) => d.record))],
      CLOSE_CONCURRENCY,
      async (record) => {
        try {
          return { record, results: await closeEndedPeriods(deps, record, now, undefined, prefetch) };
        } catch (error) {
          // Its current period is still judged below; the close is retried by the next run.
          fail(record.id, 'close', error);
          return { record, results: [] };
        }
      },
    );
    for (const { record, results } of closings) {
      for (const result of results) {
        closedResults.set(aggregateMapKey(record.id, result.period), result);
        record.closedThrough = result.period;
        summary.closed.push({
          commitmentId: result.commitmentId,
          period: result.period,
          status: result.status,
          credit: result.credit,
        });
      }
    }
  }

  // 2. Read everything the judgement needs in batches.
  const located = records.map((record) => ({ record, ...periodAt(record, now) }));
  const settling = (record: CommitmentRecord) => recentlyClosed(record, now);
  const alertKeys = located.flatMap(({ record, period }) => [
    { commitmentId: record.id, periodKey: period.key },
    ...(settling(record) ? [{ commitmentId: record.id, periodKey: record.closedThrough as string }] : []),
  ]);
  const [judgeOne, alertStates] = await Promise.all([
    judgeReader(deps, located, now),
    deps.alerts.getMany(alertKeys),
  ]);

  const snapshots: Array<{ evaluation: Evaluation; localDate: string }> = [];
  for (const one of located) {
    const { record, period, version } = one;
    try {
      const evaluation = judgeOne(one);
      snapshots.push({
        evaluation,
        localDate: DateTime.fromMillis(now, { zone: version.definition.timezone }).toISODate() ?? '',
      });
      // The period that just closed still owes its final word (met or breached), possibly after quiet hours.
      if (settling(record)) {
        await settleClosedPeriod(
          deps,
          summary,
          departments,
          record,
          alertStates,
          closedResults,
          publishing,
          now,
        );
      }
      await moveAlert(deps, summary, departments, publishing, {
        definition: version.definition,
        evaluation,
        state: alertStates.get(aggregateMapKey(record.id, period.key)),
        final: false,
        now,
      });
      summary.evaluated++;
    } catch (error) {
      fail(record.id, 'evaluate', error);
    }
  }
  for (const { commitmentId, error } of await writeSnapshots(deps.results, snapshots)) {
    fail(commitmentId, 'snapshot', error);
  }

  // 3. Anything claimed earlier but never confirmed as published, and not being published by another
  //    run right now, goes out again.
  const redelivery = await republishPending(deps, publishing, (commitmentId, error) =>
    fail(commitmentId, 'republish', error),
  );
  summary.republished = redelivery.republished;
  summary.failed += redelivery.failed;
  return summary;
}

/**
 * A closed period's final word (met or breached) may wait for business hours, a long weekend at
 * most; after a few days there is nothing left to say, and its alert state is no longer read.
 */
const SETTLE_WINDOW_MS = 4 * 24 * 3600_000;

function recentlyClosed(record: CommitmentRecord, now: Instant): boolean {
  if (!record.closedThrough) return false;
  const zone = latestVersion(record).definition.timezone;
  return periodFromKey(record.closedThrough, zone).end > now - SETTLE_WINDOW_MS;
}

async function settleClosedPeriod(
  deps: EvaluatorDeps,
  summary: EvaluationSummary,
  departments: Record<string, Department>,
  record: CommitmentRecord,
  alertStates: Map<string, AlertState>,
  closedResults: Map<string, ClosedPeriodResult>,
  publishing: PublishingRun,
  now: Instant,
): Promise<void> {
  const periodKey = record.closedThrough as string;
  const key = aggregateMapKey(record.id, periodKey);
  const state = alertStates.get(key);
  if (state && (state.lastStatus === 'met' || state.lastStatus === 'breached')) return;
  const result = closedResults.get(key) ?? (await deps.results.getResult(record.id, periodKey));
  if (!result || result.status === 'no_data') return;
  const definition =
    record.versions.find((v) => v.version === result.version)?.definition ?? latestVersion(record).definition;
  await moveAlert(deps, summary, departments, publishing, {
    definition,
    evaluation: result.evaluation,
    state,
    final: true,
    now,
  });
}

async function moveAlert(
  deps: EvaluatorDeps,
  summary: EvaluationSummary,
  departments: Record<string, Department>,
  publishing: PublishingRun,
  input: {
    definition: CommitmentDefinition;
    evaluation: Evaluation;
    state: AlertState | undefined;
    final: boolean;
    now: Instant;
  },
): Promise<void> {
  const { definition, evaluation, state, now } = input;
  const decision = decideEscalation({
    state,
    commitmentId: definition.id,
    period: evaluation.period,
    status: evaluation.status,
    final: input.final,
    steps: definition.escalation,
    calendar: definition.calendar,
    zone: definition.timezone,
    now,
  });
  if (!decision.changed) return;
  const outgoing = decision.notifications.map((intent) =>
    toOutgoing(intent, definition, evaluation, departments, now),
  );
  // Claimed when the claim is written (not when the run started), and held by this run from the start.
  const outcome = await deps.alerts.commit(
    decision.state,
    state ? state.revision : null,
    outgoing,
    deps.clock.now(),
    publishing.lease,
  );
  if (outcome === 'conflict') {
    summary.conflicts++;
    return;
  }
  if (state?.lastStatus !== decision.state.lastStatus) {
    summary.transitions.push({
      commitmentId: definition.id,
      period: evaluation.period,
      from: state?.lastStatus ?? 'no_data',
      to: decision.state.lastStatus,
    });
  }
  for (const notification of outgoing) {
    const published = await publishClaimed(deps, notification, publishing);
    if (published === 'failed') summary.failed++;
    if (published !== 'published') continue;
    summary.notifications.push({
      dedupKey: notification.dedupKey,
      kind: notification.kind,
      level: notification.level,
      commitmentId: notification.commitmentId,
      period: notification.period,
    });
  }
}

function toOutgoing(
  intent: NotificationIntent,
  definition: CommitmentDefinition,
  evaluation: Evaluation,
  departments: Record<string, Department>,
  now: Instant,
): OutgoingNotification {
  return {
    ...intent,
    title: definition.title,
    provider: definition.provider,
    consumer: definition.consumer,
    unit: definition.unit,
    timezone: definition.timezone,
    evaluation,
    text: notificationText({
      intent,
      evaluation,
      title: definition.title,
      provider: definition.provider,
      consumer: definition.consumer,
      departments,
    }),
    at: now,
  };
}
