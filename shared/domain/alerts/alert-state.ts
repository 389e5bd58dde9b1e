/**
 * The alert state of one commitment in one period, the notifications it gives rise to, and the
 * errors of acting on it. The transitions live in `../escalation.ts` and `./alert-reactions.ts`.
 */

import { CodedError } from '../coded-error.js';
import type { Instant, NotifyTarget, Status } from '../model.js';

export type NotificationKind = 'at_risk' | 'escalated' | 'recovered' | 'breached' | 'met';
export type Severity = 'info' | 'warning' | 'critical';

export interface AlertState {
  commitmentId: string;
  period: string;
  /** Increments each time an alert opens in this period (an alert can open, recover, and open again). */
  episode: number;
  /** 0 = no open alert; 1..steps.length otherwise. */
  level: number;
  /** When the current alert opened: escalation `after`s count from here. */
  openedAt?: Instant;
  /** The last status acted on (`no_data` and evaluations in quiet hours leave it alone). */
  lastStatus: Status;
  acknowledgedBy?: string;
  acknowledgedAt?: Instant;
  note?: string;
  snoozedBy?: string;
  snoozedUntil?: Instant;
  lastNotifiedAt?: Instant;
  /**
   * When the episode last recovered, and (while closed) at what level. An alert that opens again
   * within one business day continues that episode (same level, acknowledgement and opening), which
   * is why those are kept on the state while it is closed; a continued episode keeps `recoveredAt`
   * and recovers again no sooner than one business day after it.
   */
  recoveredAt?: Instant;
  recoveredLevel?: number;
  /** How many times the current episode was continued after a recovery (absent for none). */
  continued?: number;
  breachNotified: boolean;
  metNotified: boolean;
  /** Bumped on every change; the storage adapter writes conditionally on it. */
  revision: number;
}

export interface NotificationIntent {
  /** `${commitmentId}#${period}#${episode}#${level}#${kind}`: the same intent always yields the same key. */
  dedupKey: string;
  kind: NotificationKind;
  severity: Severity;
  level: number;
  commitmentId: string;
  period: string;
  episode: number;
  /** The targets of the step for `level`. */
  notify: NotifyTarget[];
  status: Status;
  /**
   * Present when the episode was continued after a recovery: the how-many-th continuation. It makes
   * the dedup key new (`…#{episode}.{continued}#…`), and tells the notifier to update the episode's
   * messages rather than post new ones.
   */
  continued?: number;
}

export interface EscalationDecision {
  state: AlertState;
  notifications: NotificationIntent[];
  /** False when `state` is the input state itself (same revision): nothing to write. */
  changed: boolean;
}

export class NoOpenAlertError extends CodedError {
  readonly code = 'NO_OPEN_ALERT';

  constructor(commitmentId: string | undefined, period: string | undefined) {
    super(
      commitmentId === undefined
        ? 'There is no open alert to act on'
        : `Commitment ${commitmentId} has no open alert in period ${period}`,
    );
  }
}

export class InvalidSnoozeError extends CodedError {
  readonly code = 'INVALID_SNOOZE';
  /** The field at fault, so the HTTP edge names it. */
  readonly path = 'until';

  constructor(message: string) {
    super(message);
  }
}

/** A caller passed the state of another commitment or period: a bug, never user input. */
export class AlertStateMismatchError extends CodedError {
  readonly code = 'ALERT_STATE_MISMATCH';

  constructor(state: AlertState, commitmentId: string, period: string) {
    super(`Alert state of ${state.commitmentId} ${state.period} given for ${commitmentId} ${period}`);
  }
}

export function initialAlertState(commitmentId: string, period: string): AlertState {
  return {
    commitmentId,
    period,
    episode: 0,
    level: 0,
    lastStatus: 'no_data',
    breachNotified: false,
    metNotified: false,
    revision: 0,
  };
}

export function isSnoozed(state: AlertState, now: Instant): boolean {
  return state.snoozedUntil !== undefined && state.snoozedUntil > now;
}

/** Whether two states differ in anything but their revision (absent and `undefined` fields are alike). */
export function alertStateChanged(before: AlertState, after: AlertState): boolean {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)] as (keyof AlertState)[]);
  keys.delete('revision');
  return [...keys].some((key) => before[key] !== after[key]);
}

/** The state without an acknowledgement or a snooze, for a new alert or one that got worse. */
export function withoutReactions(state: AlertState): AlertState {
  const {
    acknowledgedBy: _by,
    acknowledgedAt: _at,
    note: _note,
    snoozedBy: _sBy,
    snoozedUntil: _until,
    ...rest
  } = state;
  return rest;
}

/** The state without the memory of a recovered alert, for a new episode or the period's end. */
export function withoutRecovery(state: AlertState): AlertState {
  const { recoveredAt: _at, recoveredLevel: _level, continued: _continued, ...rest } = state;
  return rest;
}
