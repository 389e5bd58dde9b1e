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
 * - No flapping: an open alert closes only once the evaluation is clear of the at-risk line by the
 *   recovery margin (`clearOfRisk`); short of it, `on_track` counts as still at risk. An alert that
 *   opens again within one business day of recovering continues its episode: same level, its
 *   acknowledgement holds, and everyone the recovery reached hears it is at risk again; it recovers
 *   again no sooner than a business day after its last recovery, so "recovered" is said at most once
 *   a business day.
 * - Quiet hours cover every kind of notification, not only escalations: a decision taken while the
 *   calendar is closed changes nothing, so a breach found at 00:15 on the 1st is told at 08:00. The
 *   caller therefore keeps deciding a just-closed period (`final`) until a run in open hours has.
 * - A breach is news, not an escalation: it reaches every step of the ladder, is told even when the
 *   alert was acknowledged or snoozed, and clears both (nobody has acknowledged the breach yet).
 * - A breach is sticky for its period: the alert stays at the top level; `on_track` does not recover
 *   it and no new at-risk episode opens in that period; `met` closes it without a "recovered".
 * - `met` wins: an evaluation that meets the target sends the period's one "met" note, never a
 *   "recovered" with it; the note reaches everyone an open alert reached (step 1 when none is open)
 *   and carries level 1.
 * - Escalation by time happens only while the status is `at_risk`, and not once the period is final
 *   (a closed period has nothing left to save); `no_data` changes nothing.
 * - A firing burn-rate rule (`burning`) is a cause of at risk of its own: the alert opens (at the
 *   rule's level, telling every step up to it) or is raised to that level, unless acknowledged or
 *   snoozed; once no rule fires, the alert is judged by the period's status again (and recovers
 *   through the same recovery line).
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
  withoutReactions,
  withoutRecovery,
} from './alerts/alert-state.js';
import { intent, reachOf, stepOf, type Told } from './alerts/notification-intent.js';
import { continuesEpisode } from './alerts/recovery.js';
import { stepDueAt } from './business-days.js';
import { alwaysOpenCalendar, isOpen, nextOpenInstant } from './calendar.js';
import type { BusinessCalendar, EscalationStep, Instant, Status } from './model.js';

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
export { clearOfRisk, recoveryLine } from './alerts/recovery.js';

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
  /**
   * Whether the evaluation is clear of the at-risk line by the recovery margin (see `clearOfRisk`).
   * When false, `on_track` keeps an open alert open and escalating, as `at_risk` would. Default true.
   */
  clearOfRisk?: boolean;
  /**
   * A burn-rate rule fires (see `alerts/burn-rate.ts`): the alert is at risk whatever the period's
   * projection says, and starts at (or is raised to) `level` unless acknowledged or snoozed.
   */
  burning?: { level: number };
}

export function decideEscalation(input: EscalationInput): EscalationDecision {
  const { commitmentId, period, steps, calendar, now } = input;
  const before = input.state ?? initialAlertState(commitmentId, period);
  if (before.commitmentId !== commitmentId || before.period !== period) {
    throw new AlertStateMismatchError(before, commitmentId, period);
  }
  const unchanged: EscalationDecision = { state: before, notifications: [], changed: false };

  // Between the at-risk line and the recovery line an open alert stays as it is: still at risk.
  const held = input.status === 'on_track' && input.clearOfRisk === false && before.level > 0;
  // A fast burn is a cause of at risk of its own, while the period can still be saved.
  const burning = input.burning !== undefined && !input.final && input.status !== 'no_data';
  const atRiskAnyway = held || (burning && input.status !== 'met' && input.status !== 'breached');
  const status: Status = atRiskAnyway && !before.breachNotified ? 'at_risk' : input.status;
  if (status === 'no_data') return unchanged;
  // Quiet hours apply to every kind (at_risk, escalated, breached, recovered, met): nothing moves while
  // the calendar is closed, so the next evaluation inside open hours makes the same transition then.
  if (calendar !== undefined && !isOpen(calendar, now)) return unchanged;

  if (steps.length === 0) return settle(before, { ...before, lastStatus: status }, []);
  const transition = transitionFor({ ...input, status }, { ...before, lastStatus: status });
  const notifications = transition.told.map((told) => intent(transition.state, told, status));
  const next = notifications.length > 0 ? { ...transition.state, lastNotifiedAt: now } : transition.state;
  return settle(before, next, notifications);
}

function transitionFor(input: EscalationInput, state: AlertState): { state: AlertState; told: Told[] } {
  const { status, final, steps, calendar, zone, now } = input;
  const top = steps.length;
  const unchanged = { state, told: [] };
  switch (status) {
    case 'breached': {
      if (state.breachNotified) return unchanged;
      // A breach is told even when the alert was acknowledged or snoozed: it is news, not an escalation;
      // and whoever acknowledged or snoozed the risk has not seen the breach yet. Everyone on the
      // ladder hears it, not only its top step: the provider and the consumer own the commitment.
      const opened = state.level === 0 ? reopen(input, state) : state;
      return {
        state: { ...withoutReactions(opened), level: top, breachNotified: true },
        told: [{ kind: 'breached', level: top, notify: reachOf(steps, top) }],
      };
    }
    case 'at_risk': {
      // A closed period has nothing left to save, and after a breach the outcome is already known.
      if (final || state.breachNotified) return unchanged;
      // A burn-rate rule may start the alert higher up the ladder (everyone up to there hears it).
      const burnLevel = Math.min(top, input.burning?.level ?? 0);
      if (state.level === 0) {
        const opened = reopen(input, state);
        if (opened.level > 0) {
          // The episode goes on: everyone the recovery reached hears it is at risk again.
          const level = Math.max(opened.level, burnLevel);
          const continued = { ...opened, level };
          return { state: continued, told: [{ kind: 'at_risk', level, notify: reachOf(steps, level) }] };
        }
        const level = Math.max(1, burnLevel);
        return {
          state: { ...opened, level },
          told: [{ kind: 'at_risk', level, notify: reachOf(steps, level) }],
        };
      }
      const timeDue = dueLevel(state, steps, calendar ?? alwaysOpenCalendar(zone), now);
      // An acknowledged or snoozed alert is not raised by a burn either: someone is on it.
      const burnDue = heldByReaction(state, now) ? 0 : burnLevel;
      const due = Math.max(timeDue, burnDue);
      // Several overdue steps (the evaluator was down) collapse into one notification for the highest;
      // a burn that skips steps tells each step it skips, since none of them heard of it before.
      if (due <= state.level) return unchanged;
      const notify = burnDue > timeDue ? newSteps(steps, state.level, due) : stepOf(steps, due);
      return { state: { ...state, level: due }, told: [{ kind: 'escalated', level: due, notify }] };
    }
    case 'on_track':
      // A breached alert stays open: getting back on track mid-period does not undo a breach.
      if (state.level === 0 || state.breachNotified) return unchanged;
      // An episode that went on after a recovery recovers again only a business day after the last
      // one, so people hear "recovered" at most once a business day however the projection moves.
      if (
        state.recoveredAt !== undefined &&
        continuesEpisode(state.recoveredAt, now, calendar, alwaysOpenCalendar(zone))
      ) {
        return unchanged;
      }
      return {
        state: recover(state, now),
        told: [{ kind: 'recovered', level: state.level, notify: reachOf(steps, state.level) }],
      };
    case 'met': {
      // One note per period, whether met was reached during the period or only at its close; it says
      // the alert is over too, so it goes to everyone the alert reached and no "recovered" comes with it.
      const open = state.level > 0;
      const told: Told[] = [];
      if (!state.metNotified)
        told.push({ kind: 'met', level: 1, notify: reachOf(steps, Math.max(1, state.level)) });
      else if (open && !state.breachNotified) {
        told.push({ kind: 'recovered', level: state.level, notify: reachOf(steps, state.level) });
      }
      const { recoveredAt: _at, recoveredLevel: _level, ...forgotten } = state;
      const closed = open ? closeAlert(state) : forgotten;
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

function heldByReaction(state: AlertState, now: Instant): boolean {
  return state.acknowledgedAt !== undefined || isSnoozed(state, now);
}

/** Everyone steps above `from` up to `to` name who earlier steps did not, each once. */
function newSteps(steps: EscalationStep[], from: number, to: number) {
  const before = new Set(reachOf(steps, from));
  return reachOf(steps, to).filter((target) => !before.has(target));
}

/** The highest level whose step is due now, or the current level when none is (or escalation is held). */
function dueLevel(state: AlertState, steps: EscalationStep[], cal: BusinessCalendar, now: Instant): number {
  if (state.openedAt === undefined || heldByReaction(state, now)) return state.level;
  // After a snooze, counting resumes from the opening, so an overdue step fires at once.
  const openedAt = state.openedAt;
  let due = state.level;
  steps.forEach((step, index) => {
    const level = index + 1;
    if (level > due && stepDueAt(cal, openedAt, step) <= now) due = level;
  });
  return due;
}

/**
 * The state of an alert opening at `now`: the episode that recovered less than one business day ago
 * goes on at its level, with its acknowledgement and opening; otherwise a new episode opens (level 0
 * here; the caller sets its level).
 */
function reopen(input: EscalationInput, state: AlertState): AlertState {
  const { now, calendar, zone } = input;
  const { recoveredAt, recoveredLevel } = state;
  if (
    recoveredAt !== undefined &&
    recoveredLevel !== undefined &&
    state.openedAt !== undefined &&
    continuesEpisode(recoveredAt, now, calendar, alwaysOpenCalendar(zone))
  ) {
    // `recoveredAt` stays: the next recovery of this episode waits a business day from it.
    const { recoveredLevel: _level, ...rest } = state;
    return { ...rest, level: recoveredLevel, continued: (state.continued ?? 0) + 1 };
  }
  return { ...withoutRecovery(withoutReactions(state)), episode: state.episode + 1, openedAt: now };
}

/** Closes the alert, keeping what a continuation of its episode needs (level, acknowledgement, opening). */
function recover(state: AlertState, now: Instant): AlertState {
  return { ...state, level: 0, recoveredAt: now, recoveredLevel: state.level };
}

/**
 * Closes the alert for good in this episode. `continued` stays: the notification this closing sends
 * (and any the episode sent before) keep their distinct keys; a new episode starts it afresh.
 */
function closeAlert(state: AlertState): AlertState {
  const { openedAt: _openedAt, recoveredAt: _at, recoveredLevel: _level, ...rest } = withoutReactions(state);
  return { ...rest, level: 0 };
}
