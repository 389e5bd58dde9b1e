import { createHash } from 'node:crypto';
import type { AuditAction, AuditEntry, Author } from '../domain/audit.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { StoreDeps } from './deps.js';

/** A change whose caller did not say who made it (library use, older callers). */
export const UNATTRIBUTED: Author = { by: 'unknown', via: 'api' };

/** Long enough for an IAM role session ARN, the longest author the API records. */
export const MAX_AUTHOR_LENGTH = 512;

/** A short, stable digest of text, for entry ids derived from a request's contents. */
export function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/** A change to trace: `key` is its own idempotency key, so a retry derives the same entry id. */
export interface AuditChange {
  action: AuditAction;
  key: string;
  commitmentId?: string;
  period?: string;
  detail?: Record<string, unknown>;
}

/**
 * Appends one entry for a change. `key` is the change's own idempotency key (an event's id, a
 * version number, an alert revision): a retry of the change derives the same id, and the log keeps
 * the first. Its id reads as `action:commitment:key`.
 */
export function appendAudit(
  deps: { audit: AuditLog; clock: StoreDeps['clock'] },
  actor: Author,
  change: AuditChange,
): Promise<unknown> {
  return deps.audit.append(auditEntry(deps.clock.now(), actor, change));
}

export function auditEntry(at: number, actor: Author, change: AuditChange): AuditEntry {
  return {
    id: [change.action, change.commitmentId ?? '*', change.key].join(':'),
    at,
    by: actor.by,
    via: actor.via,
    action: change.action,
    ...(change.commitmentId === undefined ? {} : { commitmentId: change.commitmentId }),
    ...(change.period === undefined ? {} : { period: change.period }),
    detail: change.detail ?? {},
  };
}
