/**
 * What people do to an open alert: acknowledge it (no further escalation) or snooze it (no escalation
 * until a given instant). Both are pure and return the next state with its revision bumped, or the
 * same state when the call repeats one already recorded (a retried Slack click changes nothing).
 */
import type { Instant } from '../model.js';
import { type AlertState, InvalidSnoozeError, NoOpenAlertError } from './alert-state.js';

/**
 * The longest snooze: 30 days of 24 hours, counted as elapsed time (a limit, not a calendar date,
 * so no zone is involved). Plain arithmetic: building a Luxon Duration here would load the
 * runtime's locale data while the module loads, which every cold start would pay for.
 */
export const MAX_SNOOZE_MS = 30 * 24 * 3_600_000;

/**
 * Records who took the alert on. The same person acknowledging again keeps the first time (and
 * replaces the note only when a new one is given); someone else acknowledging takes it over, because
 * the last person to claim it is the one others should ask.
 */
export function acknowledge(
  state: AlertState | undefined,
  by: string,
  now: Instant,
  note?: string,
): AlertState {
  const open = requireOpenAlert(state);
  if (open.acknowledgedBy === by && open.acknowledgedAt !== undefined) {
    if (note === undefined || note === open.note) return open;
    return { ...open, note, revision: open.revision + 1 };
  }
  const { note: _previousNote, ...rest } = open;
  return {
    ...rest,
    acknowledgedBy: by,
    acknowledgedAt: now,
    ...(note === undefined ? {} : { note }),
    revision: open.revision + 1,
  };
}

/** Throws InvalidSnoozeError (naming `until`) unless `until` is in the next 30 days. */
export function checkSnoozeUntil(until: Instant, now: Instant): void {
  if (until <= now) throw new InvalidSnoozeError('Snooze until must be in the future');
  if (until - now > MAX_SNOOZE_MS)
    throw new InvalidSnoozeError('Snooze for at most 30 days: until must be within 30 days of now');
}

/** Holds escalation until `until`; afterwards counting resumes from when the alert opened. */
export function snooze(state: AlertState | undefined, by: string, until: Instant, now: Instant): AlertState {
  const open = requireOpenAlert(state);
  checkSnoozeUntil(until, now);
  if (open.snoozedBy === by && open.snoozedUntil === until) return open;
  return { ...open, snoozedBy: by, snoozedUntil: until, revision: open.revision + 1 };
}

function requireOpenAlert(state: AlertState | undefined): AlertState {
  if (state === undefined || state.level === 0) {
    throw new NoOpenAlertError(state?.commitmentId, state?.period);
  }
  return state;
}
