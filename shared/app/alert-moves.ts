import type { BurnRateFinding } from '../domain/alerts/burn-rate.js';
import { statusWithAlert } from '../domain/alerts/shown-status.js';
import { snoozeButtonSpan } from '../domain/business-days.js';
import type { ClosedPeriodResult } from '../domain/close.js';
import {
  type AlertState,
  clearOfRisk,
  decideEscalation,
  type NotificationIntent,
} from '../domain/escalation.js';
import type { Evaluation } from '../domain/evaluate.js';
import { denoiseEvaluation } from '../domain/evaluation-json.js';
import { latestVersion } from '../domain/judgement.js';
import type { LateSubjects } from '../domain/late-subjects.js';
import type { CommitmentDefinition, Department, Instant, Period } from '../domain/model.js';
import { periodFromKey } from '../domain/periods.js';
import type { OutgoingNotification } from '../ports/alert-store.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';
import { aggregateMapKey } from '../ports/event-store.js';
import { type DeliveryDeps, type PublishingRun, publishClaimed } from './alert-delivery.js';
import { alertNotes } from './alert-notes.js';
import type { RunPart } from './evaluation-summary.js';
import { notificationText } from './notification-text.js';
import { lateSubjectsOf } from './subjects.js';

/** What moving alerts in one run shares: what it read in bulk, and its hold on the claims it publishes. */
export interface AlertRun {
  deps: DeliveryDeps;
  departments: Record<string, Department>;
  publishing: PublishingRun;
  /** Alert states read in bulk, by commitment and period. */
  alertStates: Map<string, AlertState>;
  /** The results of the last closed periods that may still owe their final word, by commitment and period. */
  closedResults: Map<string, ClosedPeriodResult>;
  now: Instant;
}

/**
 * A closed period's final word (met or breached) may wait for business hours, a long weekend at
 * most; after a few days there is nothing left to say, and its alert state is no longer read.
 */
const SETTLE_WINDOW_MS = 4 * 24 * 3600_000;

/** The commitment's last closed period; only for a record that has closed one. */
export function lastClosedPeriod(
  record: Pick<CommitmentRecord, 'id' | 'versions' | 'closedThrough'>,
): Period {
  return periodFromKey(record.closedThrough as string, latestVersion(record).definition.timezone);
}

/** Whether the commitment's last closed period may still owe its final word at `now`. */
export function recentlyClosed(
  record: Pick<CommitmentRecord, 'id' | 'versions' | 'closedThrough'>,
  now: Instant,
): boolean {
  if (!record.closedThrough) return false;
  return lastClosedPeriod(record).end > now - SETTLE_WINDOW_MS;
}

/**
 * Whether the commitment's alert state of `period` may exist, from the periods its head marks: only
 * an unmarked period the marks are complete for is known to have none (and is not read).
 */
export function mayHaveAlertState(
  record: Pick<CommitmentRecord, 'alertPeriods' | 'alertPeriodsSince'>,
  period: Pick<Period, 'key' | 'start'>,
): boolean {
  if (record.alertPeriods?.includes(period.key)) return true;
  return record.alertPeriodsSince === undefined || period.start < record.alertPeriodsSince;
}

/** The final word of the commitment's last closed period, unless it was already said or there is none. */
export async function* settleClosedPeriod(run: AlertRun, record: CommitmentRecord): AsyncGenerator<RunPart> {
  const periodKey = record.closedThrough as string;
  const key = aggregateMapKey(record.id, periodKey);
  const state = run.alertStates.get(key);
  if (state && (state.lastStatus === 'met' || state.lastStatus === 'breached')) return;
  const result = run.closedResults.get(key);
  if (!result || result.status === 'no_data') return;
  const definition =
    record.versions.find((v) => v.version === result.version)?.definition ?? latestVersion(record).definition;
  yield* moveAlert(run, { definition, evaluation: result.evaluation, state, final: true });
}

export interface AlertMoveInput {
  definition: CommitmentDefinition;
  evaluation: Evaluation;
  state: AlertState | undefined;
  final: boolean;
  /** A burn-rate rule that fires now: a cause of at risk of its own. */
  burn?: BurnRateFinding;
}

/**
 * Moves one alert state and sends what the move owes, yielding what it did as it goes: the
 * transition once the new state is written, then each notification once it is handed over.
 */
export async function* moveAlert(run: AlertRun, input: AlertMoveInput): AsyncGenerator<RunPart> {
  const { deps, now } = run;
  const { definition, evaluation, state, burn } = input;
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
    clearOfRisk: clearOfRisk(evaluation, definition),
    ...(burn ? { burning: { level: burn.level } } : {}),
  });
  if (!decision.changed) return;
  const lateSubjects = decision.notifications.some((n) => NAMES_SUBJECTS.has(n.kind))
    ? await lateSubjectsOf(deps, { definition, periodKey: evaluation.period, at: now })
    : undefined;
  // An escalation inside the recovery band reads `AT RISK`, as its alert is, not `ON TRACK`.
  const shown = statusWithAlert(evaluation, definition, decision.state);
  const outgoing = decision.notifications.map((intent) =>
    toOutgoing(intent, {
      definition,
      evaluation: shown,
      departments: run.departments,
      now,
      burn,
      ...(lateSubjects && NAMES_SUBJECTS.has(intent.kind) ? { lateSubjects } : {}),
    }),
  );
  // Claimed when the claim is written (not when the run started), and held by this run from the start.
  const outcome = await deps.alerts.commit(
    decision.state,
    state ? state.revision : null,
    outgoing,
    deps.clock.now(),
    run.publishing.lease,
  );
  if (outcome === 'conflict') {
    yield { conflicts: 1 };
    return;
  }
  if (state?.lastStatus !== decision.state.lastStatus) {
    yield {
      transitions: [
        {
          commitmentId: definition.id,
          period: evaluation.period,
          from: state?.lastStatus ?? 'no_data',
          to: decision.state.lastStatus,
        },
      ],
    };
  }
  for (const notification of outgoing) {
    const published = await publishClaimed(deps, notification, run.publishing);
    if (published === 'failed') yield { failed: 1 };
    if (published !== 'published') continue;
    const { dedupKey, kind, level, commitmentId, period } = notification;
    yield { notifications: [{ dedupKey, kind, level, commitmentId, period }] };
  }
}

/** Alerts someone acts on name the late subjects; "recovered" and "met" have nothing left to chase. */
const NAMES_SUBJECTS: ReadonlySet<NotificationIntent['kind']> = new Set(['at_risk', 'escalated', 'breached']);

function toOutgoing(
  intent: NotificationIntent,
  about: {
    definition: CommitmentDefinition;
    evaluation: Evaluation;
    departments: Record<string, Department>;
    now: Instant;
    burn: BurnRateFinding | undefined;
    lateSubjects?: LateSubjects;
  },
): OutgoingNotification {
  const { definition, evaluation, departments, now, burn, lateSubjects } = about;
  const notes = alertNotes({ kind: intent.kind, definition, evaluation, now, burn });
  // The notes join the status line; the lines after it name late subjects.
  const [headline = '', ...subjectLines] = notificationText({
    intent,
    evaluation,
    title: definition.title,
    provider: definition.provider,
    consumer: definition.consumer,
    departments,
    ...(lateSubjects ? { lateSubjects: { late: lateSubjects, zone: definition.timezone } } : {}),
  }).split('\n');
  return {
    ...intent,
    title: definition.title,
    provider: definition.provider,
    consumer: definition.consumer,
    unit: definition.unit,
    timezone: definition.timezone,
    snoozeFor: snoozeButtonSpan(definition.calendar),
    evaluation: denoiseEvaluation(evaluation),
    text: [[headline, ...notes].join(' · '), ...subjectLines].join('\n'),
    ...(notes.length > 0 ? { notes } : {}),
    ...(lateSubjects ? { lateSubjects } : {}),
    at: now,
  };
}
