/**
 * Every key string of the single table is built here and nowhere else, so a key format changes in
 * one place and no two writers can disagree on it.
 * `docs/data-model.md` describes each item type and the access pattern it serves.
 */

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export interface ItemKey {
  pk: string;
  sk: string;
}

/** Index partition that lists every commitment (active and archived), sorted by state then id. */
export const COMMITMENT_LIST_PARTITION = 'COMMITMENTS';
/** Sparse index partition of running duration timers, sorted by due time. */
export const DUE_TIMER_PARTITION = 'DUE';
/** Open-subject index sort keys: running subjects by due time (`D#…`), then undated ones (`P#…`). */
export const OPEN_SUBJECT_DUE = 'D#';
export const OPEN_SUBJECT_UNDATED = 'P#';
/** The index partition of notifications claimed but not yet confirmed as published. */
export const PENDING_NOTIFICATION_PARTITION = 'NPENDING';

export const keys = {
  commitmentHead: (commitmentId: string): ItemKey => ({ pk: `C#${commitmentId}`, sk: 'HEAD' }),
  commitmentPartition: (commitmentId: string) => `C#${commitmentId}`,
  commitmentListEntry: (state: 'active' | 'archived', commitmentId: string) => ({
    gsi1pk: COMMITMENT_LIST_PARTITION,
    gsi1sk: `${state}#${commitmentId}`,
  }),
  version: (commitmentId: string, version: number): ItemKey => ({
    pk: `C#${commitmentId}`,
    sk: `V#${pad(version, 6)}`,
  }),
  versionPrefix: 'V#',
  aggregate: (commitmentId: string, periodKey: string): ItemKey => ({
    pk: `C#${commitmentId}`,
    sk: `A#${periodKey}`,
  }),
  event: (commitmentId: string, eventId: string): ItemKey => ({
    pk: `EV#${commitmentId}#${eventId}`,
    sk: 'EV',
  }),
  /** Lists a period's events in time order (export, audit). */
  eventListEntry: (commitmentId: string, periodKey: string, atIso: string, eventId: string) => ({
    gsi1pk: `EVP#${commitmentId}#${periodKey}`,
    gsi1sk: `${atIso}#${eventId}`,
  }),
  eventListPartition: (commitmentId: string, periodKey: string) => `EVP#${commitmentId}#${periodKey}`,
  subject: (commitmentId: string, subject: string): ItemKey => ({
    pk: `C#${commitmentId}`,
    sk: `S#${subject}`,
  }),
  /** Present only while a timer runs: the evaluator finds overdue subjects with one query. */
  dueTimerEntry: (dueAtIso: string, commitmentId: string, subject: string) => ({
    gsi1pk: DUE_TIMER_PARTITION,
    gsi1sk: `${dueAtIso}#${commitmentId}#${subject}`,
  }),
  /** Outcomes of one hour (UTC, `2026-11-18T15`) counted per minute, for burn-rate windows. */
  outcomeBuckets: (commitmentId: string, hour: string): ItemKey => ({
    pk: `C#${commitmentId}`,
    sk: `OB#${hour}`,
  }),
  outcomeBucketsPrefix: 'OB#',
  /**
   * Present while a subject is open (started, not stopped), in its commitment's own partition of
   * the second index: running subjects by due time, then the paused ones (no due time) by id.
   */
  openSubjectEntry: (commitmentId: string, dueAtIso: string | undefined, subject: string) => ({
    gsi2pk: `OS#${commitmentId}`,
    gsi2sk:
      dueAtIso === undefined
        ? `${OPEN_SUBJECT_UNDATED}${subject}`
        : `${OPEN_SUBJECT_DUE}${dueAtIso}#${subject}`,
  }),
  openSubjectPartition: (commitmentId: string) => `OS#${commitmentId}`,
  outage: (commitmentId: string, incident: string): ItemKey => ({
    pk: `C#${commitmentId}`,
    sk: `O#${incident}`,
  }),
  alert: (commitmentId: string, periodKey: string): ItemKey => ({
    pk: `C#${commitmentId}`,
    sk: `AL#${periodKey}`,
  }),
  /** Dedup keys start with the commitment id (`${commitmentId}#${period}#…`), ids never contain `#`. */
  notification: (dedupKey: string): ItemKey => ({
    pk: `C#${dedupKey.slice(0, dedupKey.indexOf('#'))}`,
    sk: `N#${dedupKey}`,
  }),
  notificationPrefix: (commitmentId: string, periodKey: string) => `N#${commitmentId}#${periodKey}#`,
  /** Notifications claimed but not yet confirmed as published, for the outbox sweep. */
  pendingNotificationEntry: (claimedAtIso: string, dedupKey: string) => ({
    gsi1pk: PENDING_NOTIFICATION_PARTITION,
    gsi1sk: `${claimedAtIso}#${dedupKey}`,
  }),
  /** One per commitment per local day, sorted by date so trends read a date range. */
  snapshot: (commitmentId: string, localDate: string): ItemKey => ({
    pk: `C#${commitmentId}`,
    sk: `SN#${localDate}`,
  }),
  snapshotPrefix: 'SN#',
  result: (commitmentId: string, periodKey: string): ItemKey => ({
    pk: `C#${commitmentId}`,
    sk: `R#${periodKey}`,
  }),
  resultPrefix: 'R#',
  ledger: (department: string, periodKey: string, commitmentId: string): ItemKey => ({
    pk: `LEDGER#${department}`,
    sk: `${periodKey}#${commitmentId}`,
  }),
  ledgerPartition: (department: string) => `LEDGER#${department}`,
  config: (): ItemKey => ({ pk: 'CONFIG', sk: 'CURRENT' }),
  /** How far the weekly digest of one week got, so a retried run resumes instead of posting twice. */
  digestDelivery: (week: string): ItemKey => ({ pk: `DIGEST#${week}`, sk: 'DELIVERY' }),
  /** One audit entry, keyed by its id alone: a retried change finds its entry there and adds none. */
  auditEntry: (entryId: string): ItemKey => ({ pk: `AUDIT#${entryId}`, sk: 'ENTRY' }),
  /** Lists the entries of one UTC month (`2026-11`) in time order, for the trail across commitments. */
  auditTimeEntry: (monthKey: string, atIso: string, entryId: string) => ({
    gsi1pk: `AUDITM#${monthKey}`,
    gsi1sk: `${atIso}#${entryId}`,
  }),
  auditMonthPartition: (monthKey: string) => `AUDITM#${monthKey}`,
  /**
   * Lists the entries about one commitment in time order on the second index; the entry carries
   * these keys itself, so one item serves both listings.
   */
  commitmentAuditIndexEntry: (commitmentId: string, atIso: string, entryId: string) => ({
    gsi2pk: `AUC#${commitmentId}`,
    gsi2sk: `${atIso}#${entryId}`,
  }),
  commitmentAuditPartition: (commitmentId: string) => `AUC#${commitmentId}`,
  /** One per source: its delivery counts, added to atomically, and its last refusal. */
  sourceStats: (sourceName: string): ItemKey => ({ pk: `SOURCE#${sourceName}`, sk: 'STATS' }),
} as const;
