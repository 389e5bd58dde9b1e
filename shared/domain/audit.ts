/**
 * The audit trail's vocabulary: who did what, through which door, to which commitment and period.
 * Every change to what is measured or alerted leaves exactly one entry; its id is derived from the
 * same key that makes the change itself idempotent, so a retried change finds its entry already there.
 */
import type { Instant } from './model.js';
import { type Actor, authorOf } from './permissions.js';

/** How a change reached the system. */
export const AUDIT_VIAS = ['api', 'slack', 'cli', 'source', 'schedule'] as const;
export type AuditVia = (typeof AUDIT_VIAS)[number];

export const AUDIT_ACTIONS = [
  'config.applied',
  'commitment.created',
  'commitment.amended',
  'commitment.archived',
  'events.recorded',
  'event.voided',
  'excusal.requested',
  'excusal.approved',
  'excusal.rejected',
  'alert.acknowledged',
  'alert.snoozed',
  'period.closed',
  'digest.sent',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who acted, as the trail records it: a Slack user, an IAM principal, `local`, `source:<name>`, the schedule. */
export interface Author {
  by: string;
  via: AuditVia;
}

export interface AuditEntry {
  id: string;
  at: Instant;
  by: string;
  via: AuditVia;
  action: AuditAction;
  commitmentId?: string;
  period?: string;
  detail: Record<string, unknown>;
}

/** What the scheduled evaluator and digest act as. */
export const SCHEDULE_ACTOR: Author = { by: 'schedule', via: 'schedule' };

/**
 * Events typed by a person (Slack, the CLI, an API caller) rather than sent by a system that
 * measures (a source's webhook): status says how many of a period's events were entered by hand.
 */
export function isHandEntered(via: AuditVia | undefined): boolean {
  return via === 'slack' || via === 'cli' || via === 'api';
}

/** The trail's record of someone the edge resolved. */
export const authorFrom = (actor: Actor): Author => ({ by: authorOf(actor), via: actor.via });
