/**
 * The escalation state machine: given the alert state of one commitment in one
 * period and the status just evaluated, decide the next state and the notifications to send.
 *
 * Pure and deterministic: the same inputs always give the same outputs. That, together with the
 * storage adapter's conditional write on `revision` and the per-intent `dedupKey`, is what makes a
 * retried or overlapping evaluator run send each notification exactly once: two runs deciding from
 * the same state produce the same intents, and only one of them can write the next revision.
 *
 * Decisions of this state machine beyond "warn, escalate unless acknowledged, say when it is over"
 * (each is also noted where it is applied):
 * - Level 1 is told on entering `at_risk`, whatever `steps[0].after` says; escalation `after`s count
 *   from the moment the alert opened, in business time when the commitment has a calendar.
 * - Quiet hours cover every kind of notification, not only escalations: a decision taken while the
 *   calendar is closed changes nothing, so a breach found at 00:15 on the 1st is told at 08:00. The
 *   caller therefore keeps deciding a just-closed period (`final`) until a run in open hours has.
 * - A breach is news, not an escalation: it is told even when the alert was acknowledged or snoozed,
 *   and clears both (nobody has acknowledged the breach yet).
 * - A breach is sticky for its period: the alert stays at the top level; `on_track` does not recover
 *   it and no new at-risk episode opens in that period; `met` closes it without a "recovered".
 * - `met` on an open, non-breached alert sends both "recovered" (to everyone the alert reached) and the
 *   period's one "met" note (to the first step); the met note carries level 1, its audience's level.
 * - Escalation by time happens only while the status is `at_risk`, and not once the period is final
 *   (a closed period has nothing left to save); `no_data` changes nothing.
 * - A policy without steps has nobody to tell: no alert opens, only `lastStatus` is tracked.
 */
import {
  type AlertState,
  AlertStateMismatchError,
  alertStateChanged,
  type EscalationDecision,
  initialAlertState,
  isSnoozed,
  type NotificationIntent,
  type NotificationKind,
  type Severity,
  withoutReactions,
} from './alerts/alert-state.js';
import { stepDueAt } from './business-days.js';
import { alwaysOpenCalendar, isOpen, nextOpenInstant } from './calendar.js';
import type { BusinessCalendar, EscalationStep, Instant, NotifyTarget, Status } from './model.js';

export { acknowledge, MAX_SNOOZE_MS, snooze } from './alerts/alert-reactions.js';
export type {
  AlertState,
  EscalationDecision,
  NotificationIntent,
  NotificationKind,
  Severity,
} from './alerts/alert-state.js';
export {
  AlertStateMismatchError,
  InvalidSnoozeError,
  initialAlertState,
  NoOpenAlertError,
} from './alerts/alert-state.js';

export interface EscalationInput {
  state: AlertState | undefined;
  commitmentId: string;
  period: string;
  status: Status;
  /** The period has ended and `status` is its final result. */
  final: boolean;
  steps: EscalationStep[];
  /** The commitment's business calendar; without one, time is wall time and there are no quiet hours. */
  calendar?: BusinessCalendar;
  /** The commitment's time zone, used for the always-open calendar when there is no business calendar. */
  zone: string;
  now: Instant;
}

const SEVERITY: Record<NotificationKind, Severity> = {
  at_risk: 'warning',
  // Escalating says "still at risk, and nobody reacted"; `critical` is kept for a broken commitment.
  escalated: 'warning',
  breached: 'critical',
  recovered: 'info',
  met: 'info',
};

export function decideEscalation(input: EscalationInput): EscalationDecision {
  const { commitmentId, period, status, steps, calendar, now } = input;
  const before = input.state ?? initialAlertState(commitmentId, period);
  if (before.commitmentId !== commitmentId || before.period !== period) {
    throw new AlertStateMismatchError(before, commitmentId, period);
  }
  const unchanged: EscalationDecision = { state: before, notifications: [], changed: false };

  if (status === 'no_data') return unchanged;
  // Quiet hours apply to every kind (at_risk, escalated, breached, recovered, met): nothing moves while
  // the calendar is closed, so the next evaluation inside open hours makes the same transition then.
  if (calendar !== undefined && !isOpen(calendar, now)) return unchanged;

  if (steps.length === 0) return settle(before, { ...before, lastStatus: status }, []);
  const transition = transitionFor(input, { ...before, lastStatus: status });
  const notifications = transition.told.map(([kind, level]) =>
    intent(transition.state, kind, level, steps, status),
  );
  const next = notifications.length > 0 ? { ...transition.state, lastNotifiedAt: now } : transition.state;
  return settle(before, next, notifications);
}

type Told = [kind: NotificationKind, level: number];

function transitionFor(input: EscalationInput, state: AlertState): { state: AlertState; told: Told[] } {
  const { status, final, steps, calendar, zone, now } = input;
  const top = steps.length;
  const unchanged = { state, told: [] };
  switch (status) {
    case 'breached': {
      if (state.breachNotified) return unchanged;
      // A breach is told even when the alert was acknowledged or snoozed: it is news, not an escalation;
      // and whoever acknowledged or snoozed the risk has not seen the breach yet.
      const opened = state.level === 0 ? openAlert(state, now) : withoutReactions(state);
      return { state: { ...opened, level: top, breachNotified: true }, told: [['breached', top]] };
    }
    case 'at_risk': {
      // A closed period has nothing left to save, and after a breach the outcome is already known.
      if (final || state.breachNotified) return unchanged;
      if (state.level === 0) return { state: { ...openAlert(state, now), level: 1 }, told: [['at_risk', 1]] };
      const due = dueLevel(state, steps, calendar ?? alwaysOpenCalendar(zone), now);
      // Several overdue steps (the evaluator was down) collapse into one notification for the highest.
      return due > state.level ? { state: { ...state, level: due }, told: [['escalated', due]] } : unchanged;
    }
    case 'on_track':
      // A breached alert stays open: getting back on track mid-period does not undo a breach.
      if (state.level === 0 || state.breachNotified) return unchanged;
      return { state: closeAlert(state), told: [['recovered', state.level]] };
    case 'met': {
      const told: Told[] = state.level > 0 && !state.breachNotified ? [['recovered', state.level]] : [];
      // One note per period, whether met was reached during the period or only at its close.
      if (!state.metNotified) told.push(['met', 1]);
      const closed = state.level > 0 ? closeAlert(state) : state;
      return { state: { ...closed, metNotified: true }, told };
    }
    case 'no_data':
      return unchanged;
  }
}

function settle(
  before: AlertState,
  next: AlertState,
  notifications: NotificationIntent[],
): EscalationDecision {
  if (!alertStateChanged(before, next)) return { state: before, notifications: [], changed: false };
  return { state: { ...next, revision: before.revision + 1 }, notifications, changed: true };
}

/**
 * When the open alert will escalate if nobody reacts, for display; `null` when it will not (no open
 * alert, acknowledged, breached, or already at the top). It agrees with `decideEscalation`: an
 * evaluation at an open instant `t` escalates exactly when `t >= nextEscalationAt(...)`.
 */
export function nextEscalationAt(
  state: AlertState,
  steps: EscalationStep[],
  calendar: BusinessCalendar | undefined,
  zone: string,
): Instant | null {
  if (state.level === 0 || state.openedAt === undefined || state.acknowledgedAt !== undefined) return null;
  if (state.breachNotified) return null;
  const cal = calendar ?? alwaysOpenCalendar(zone);
  const openedAt = state.openedAt;
  const remaining = steps.slice(state.level).map((step) => stepDueAt(cal, openedAt, step));
  if (remaining.length === 0) return null;
  let at = Math.min(...remaining);
  if (state.snoozedUntil !== undefined && state.snoozedUntil > at) at = state.snoozedUntil;
  return calendar === undefined ? at : nextOpenInstant(calendar, at);
}

/** The highest level whose step is due now, or the current level when none is (or escalation is held). */
function dueLevel(state: AlertState, steps: EscalationStep[], cal: BusinessCalendar, now: Instant): number {
  if (state.openedAt === undefined || state.acknowledgedAt !== undefined || isSnoozed(state, now)) {
    return state.level;
  }
  // After a snooze, counting resumes from the opening, so an overdue step fires at once.
  const openedAt = state.openedAt;
  let due = state.level;
  steps.forEach((step, index) => {
    const level = index + 1;
    if (level > due && stepDueAt(cal, openedAt, step) <= now) due = level;
  });
  return due;
}

function openAlert(state: AlertState, now: Instant): AlertState {
  return { ...withoutReactions(state), episode: state.episode + 1, openedAt: now };
}

function closeAlert(state: AlertState): AlertState {
  const { openedAt: _openedAt, ...rest } = withoutReactions(state);
  return { ...rest, level: 0 };
}

function intent(
  state: AlertState,
  kind: NotificationKind,
  level: number,
  steps: EscalationStep[],
  status: Status,
): NotificationIntent {
  const { commitmentId, period, episode } = state;
  return {
    dedupKey: `${commitmentId}#${period}#${episode}#${level}#${kind}`,
    kind,
    severity: SEVERITY[kind],
    level,
    commitmentId,
    period,
    episode,
    notify: audienceOf(kind, level, steps),
    status,
  };
}

/**
 * Who hears a notification: the step of its level; but a recovery goes to everyone the alert
 * reached (steps 1 … level), so the team warned first also hears that it is over.
 */
export function audienceOf(kind: NotificationKind, level: number, steps: EscalationStep[]): NotifyTarget[] {
  const reached = kind === 'recovered' ? steps.slice(0, level) : steps.slice(level - 1, level);
  return [...new Set(reached.flatMap((step) => step.notify))];
}
