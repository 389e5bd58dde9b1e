/**
 * A decided notification as the evaluator sends it: its dedup key, severity and audience.
 */
import type { EscalationStep, NotifyTarget, Status } from '../model.js';
import type { AlertState, NotificationIntent, NotificationKind, Severity } from './alert-state.js';

/** One notification to send: its kind, its level, and who hears it. */
export interface Told {
  kind: NotificationKind;
  level: number;
  notify: NotifyTarget[];
}

const SEVERITY: Record<NotificationKind, Severity> = {
  at_risk: 'warning',
  // Escalating says "still at risk, and nobody reacted"; `critical` is kept for a broken commitment.
  escalated: 'warning',
  breached: 'critical',
  recovered: 'info',
  met: 'info',
};

export function intent(state: AlertState, told: Told, status: Status): NotificationIntent {
  const { commitmentId, period, episode, continued } = state;
  const { kind, level, notify } = told;
  // A continued episode repeats kinds and levels it already sent; its count keeps the keys new.
  const episodeKey = continued === undefined ? `${episode}` : `${episode}.${continued}`;
  return {
    dedupKey: `${commitmentId}#${period}#${episodeKey}#${level}#${kind}`,
    kind,
    severity: SEVERITY[kind],
    level,
    commitmentId,
    period,
    episode,
    notify,
    status,
    ...(continued === undefined ? {} : { continued }),
  };
}

/** The targets of the step of one level. */
export function stepOf(steps: EscalationStep[], level: number): NotifyTarget[] {
  return [...new Set(steps[level - 1]?.notify ?? [])];
}

/** Everyone the steps 1 … level name, each once: who an alert at that level has reached. */
export function reachOf(steps: EscalationStep[], level: number): NotifyTarget[] {
  return [...new Set(steps.slice(0, level).flatMap((step) => step.notify))];
}
