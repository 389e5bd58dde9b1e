/**
 * Every item type of the single table, described once: where it is keyed, what it carries, and how
 * it reads back. Stores write with `toItem` and read with `fromItem`, never by hand.
 * `docs/data-model.md` describes each item type and the access pattern it serves.
 */

import type { AlertState } from '../../domain/alerts/alert-state.js';
import type { AuditEntry } from '../../domain/audit.js';
import type { ClosedPeriodResult } from '../../domain/close.js';
import type { Evaluation } from '../../domain/evaluate.js';
import { reformatIsoInstant } from '../../domain/instant-format.js';
import type { Instant } from '../../domain/model.js';
import type { CommitmentVersion } from '../../domain/versions.js';
import type { NotificationClaim, OutgoingNotification } from '../../ports/alert-store.js';
import type { CommitmentRecord, CommitmentState, StoredConfig } from '../../ports/commitment-store.js';
import type { OutageRecord, StoredEvent, TimerRecord } from '../../ports/event-store.js';
import type { LedgerEntry } from '../../ports/result-store.js';
import { type Item, type ItemCodec, itemCodec } from './item-codec.js';
import { keys } from './keys.js';

const DAY_SECONDS = 24 * 3600;
/** Events are kept this long for idempotency and export, then expire through TTL. */
const EVENT_RETENTION_SECONDS = 400 * DAY_SECONDS;
/**
 * Audit entries live as long as events: each is written at or after the change it records, so the
 * entry of an event (recorded, voided) outlives the event itself.
 */
const AUDIT_RETENTION_SECONDS = EVENT_RETENTION_SECONDS;
/** Daily snapshots feed trends and sparklines; a little over a year is plenty. */
const SNAPSHOT_RETENTION_SECONDS = 400 * DAY_SECONDS;
/** Claims are kept long enough that no retry or replay can outlive them. */
const CLAIM_RETENTION_SECONDS = 400 * DAY_SECONDS;
/** A claim's annotations (Slack message references…) are attributes of their own, set one by one. */
export const ANNOTATION_PREFIX = 'a:';

export const iso = (at: Instant) => new Date(at).toISOString();
const expiresAfter = (at: Instant, seconds: number) => Math.floor(at / 1000) + seconds;

export const eventCodec = itemCodec<StoredEvent>(
  'event',
  (e) => ({
    ...keys.event(e.commitmentId, e.eventId),
    ...keys.eventListEntry(e.commitmentId, e.periodKey, iso(e.at), e.eventId),
  }),
  {
    extra: (e) => ({ expiresAt: expiresAfter(e.recordedAt, EVENT_RETENTION_SECONDS) }),
    read: ({ commitmentId, eventId, periodKey, at, recordedAt, body, by, via, voided, minute }) =>
      ({
        commitmentId,
        eventId,
        periodKey,
        at,
        recordedAt,
        body,
        ...(by === undefined ? {} : { by }),
        ...(via === undefined ? {} : { via }),
        ...(voided === undefined ? {} : { voided }),
        ...(minute === undefined ? {} : { minute }),
      }) as StoredEvent,
  },
);

/**
 * The audit entry, keyed by its id, listed by month on the first index and, when it is about a
 * commitment, by that commitment on the second: one item for both listings.
 */
export const auditCodec = itemCodec<AuditEntry>(
  'audit',
  (e) => ({
    ...keys.auditEntry(e.id),
    ...keys.auditTimeEntry(monthOf(e.at), iso(e.at), e.id),
    ...(e.commitmentId === undefined ? {} : keys.commitmentAuditIndexEntry(e.commitmentId, iso(e.at), e.id)),
  }),
  { extra: (e) => ({ expiresAt: expiresAfter(e.at, AUDIT_RETENTION_SECONDS) }), read: auditEntryOf },
);

/** The UTC month of an instant, `2026-11`: the partition of the audit trail by time. */
export const monthOf = (at: Instant) => iso(at).slice(0, 7);

function auditEntryOf(attributes: Item): AuditEntry {
  const { id, at, by, via, action, commitmentId, period, detail } = attributes;
  return {
    id,
    at,
    by,
    via,
    action,
    ...(commitmentId === undefined ? {} : { commitmentId }),
    ...(period === undefined ? {} : { period }),
    detail: detail ?? {},
  } as AuditEntry;
}

export const timerCodec = itemCodec<TimerRecord>('timer', (t) => ({
  ...keys.subject(t.commitmentId, t.subject),
  // In the due index only while it runs and has not been counted as a miss yet.
  ...(t.dueAt !== undefined && t.stoppedAt === undefined && !t.retired
    ? keys.dueTimerEntry(iso(t.dueAt), t.commitmentId, t.subject)
    : {}),
  // In its commitment's open-subject index until it stops, late or not, so people can list them.
  ...(t.stoppedAt === undefined
    ? keys.openSubjectEntry(t.commitmentId, t.dueAt === undefined ? undefined : iso(t.dueAt), t.subject)
    : {}),
}));

export const outageCodec = itemCodec<OutageRecord>('outage', (o) => keys.outage(o.commitmentId, o.incident));

export const alertCodec = itemCodec<AlertState>('alert', (s) => keys.alert(s.commitmentId, s.period));

/** A notification's claim: its state, its lease as two attributes, its annotations prefixed. */
export type StoredClaim = NotificationClaim & { annotations: Record<string, string> };

export const claimCodec: ItemCodec<StoredClaim> = {
  type: 'notification',
  toItem: ({ notification, state, claimedAt, publishedAt, lease, annotations }) => ({
    ...keys.notification(notification.dedupKey),
    ...(state === 'pending' ? keys.pendingNotificationEntry(iso(claimedAt), notification.dedupKey) : {}),
    type: 'notification',
    commitmentId: notification.commitmentId,
    periodKey: notification.period,
    notification,
    state,
    claimedAt,
    publishedAt,
    ...(lease ? { leaseHolder: lease.holder, leaseUntil: lease.until } : {}),
    ...Object.fromEntries(Object.entries(annotations).map(([k, v]) => [`${ANNOTATION_PREFIX}${k}`, v])),
    expiresAt: expiresAfter(claimedAt, CLAIM_RETENTION_SECONDS),
  }),
  fromItem: (item) => {
    const annotations: Record<string, string> = {};
    for (const [name, value] of Object.entries(item)) {
      if (name.startsWith(ANNOTATION_PREFIX))
        annotations[name.slice(ANNOTATION_PREFIX.length)] = value as string;
    }
    return {
      notification: item.notification as OutgoingNotification,
      state: item.state as NotificationClaim['state'],
      claimedAt: item.claimedAt as number,
      publishedAt: item.publishedAt as number | undefined,
      ...(typeof item.leaseUntil === 'number'
        ? { lease: { holder: item.leaseHolder as string, until: item.leaseUntil } }
        : {}),
      annotations,
    };
  },
};

/** Items written before instants were stored in UTC carry the zone's offset; they read in the one form. */
function evaluationFrom(stored: unknown): Evaluation {
  const evaluation = stored as Evaluation;
  return { ...evaluation, evaluatedAt: reformatIsoInstant(evaluation.evaluatedAt) };
}

export const resultCodec = itemCodec<ClosedPeriodResult>(
  'result',
  (r) => keys.result(r.commitmentId, r.period),
  {
    read: (attributes) => {
      const result = attributes as unknown as ClosedPeriodResult;
      return {
        ...result,
        closedAt: reformatIsoInstant(result.closedAt),
        evaluation: evaluationFrom(result.evaluation),
      };
    },
  },
);

export const ledgerCodec = itemCodec<LedgerEntry>('ledger', (e) =>
  keys.ledger(e.department, e.periodKey, e.commitmentId),
);

/** One commitment's evaluation as of the end of one local day. */
export interface Snapshot {
  localDate: string;
  evaluation: Evaluation;
}

export const snapshotCodec = itemCodec<Snapshot>(
  'snapshot',
  (s) => keys.snapshot(s.evaluation.commitmentId, s.localDate),
  {
    extra: (s) => ({
      expiresAt: expiresAfter(Date.parse(s.evaluation.evaluatedAt), SNAPSHOT_RETENTION_SECONDS),
    }),
    read: (attributes) => ({
      localDate: attributes.localDate as string,
      evaluation: evaluationFrom(attributes.evaluation),
    }),
  },
);

export const configCodec = itemCodec<StoredConfig>('config', () => keys.config());

/** A commitment version as its own item: the permanent history, beyond what the head carries. */
export const versionCodec = itemCodec<CommitmentVersion & { commitmentId: string }>('version', (v) =>
  keys.version(v.commitmentId, v.version),
);

/** How many versions the head item carries in full; older ones live only in their version items. */
const VERSIONS_ON_HEAD = 12;

/**
 * The commitment's head item. `toItem` gives only its definition side: `closedThrough`,
 * `openOutages`, `firstEventAt` and `alertPeriods` belong to the evaluator, ingestion and the alert
 * store, which update them in place, so an admin's save never clobbers them.
 */
export const commitmentCodec: ItemCodec<CommitmentRecord> = {
  type: 'commitment',
  toItem: (r) => ({
    ...keys.commitmentHead(r.id),
    ...keys.commitmentListEntry(r.state, r.id),
    type: 'commitment',
    id: r.id,
    state: r.state,
    versions: r.versions.slice(-VERSIONS_ON_HEAD),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    archivedAt: r.archivedAt,
    activeSince: r.activeSince,
    revision: r.revision,
  }),
  fromItem: (item: Item) => ({
    id: item.id as string,
    state: item.state as CommitmentState,
    versions: (item.versions as CommitmentRecord['versions']) ?? [],
    closedThrough: item.closedThrough as string | undefined,
    openOutages: (item.openOutages as Record<string, number>) ?? {},
    firstEventAt: item.firstEventAt as number | undefined,
    createdAt: item.createdAt as number,
    updatedAt: item.updatedAt as number,
    archivedAt: item.archivedAt as number | undefined,
    activeSince: item.activeSince as number | undefined,
    ...(item.alertPeriods instanceof Set ? { alertPeriods: [...(item.alertPeriods as Set<string>)] } : {}),
    ...(typeof item.alertPeriodsSince === 'number' ? { alertPeriodsSince: item.alertPeriodsSince } : {}),
    revision: item.revision as number,
  }),
};
