import type { OutcomeBucket } from '../domain/alerts/burn-rate.js';
import type { AuditEntry, AuditVia } from '../domain/audit.js';
import type { Excusal, Instant } from '../domain/model.js';

/** What happened to one event: counted, recognised as a retry, or refused because its period is final. */
export type RecordResult = 'accepted' | 'duplicate' | 'closed';

/** An event as kept for idempotency and export. */
export interface StoredEvent {
  commitmentId: string;
  eventId: string;
  periodKey: string;
  at: Instant;
  recordedAt: Instant;
  /** The event's measure-specific fields as received (value, outcome, subject, phase…). */
  body: Record<string, unknown>;
  /** Who recorded it and how (absent on events recorded before authors were kept). */
  by?: string;
  via?: AuditVia;
  /** Set once the event has been voided: it no longer counts. */
  voided?: EventVoid;
  /** The minute its outcomes were also counted in for burn-rate windows, so a void takes them back there too. */
  minute?: Instant;
}

/** Who cancelled an event, when and why. */
export interface EventVoid {
  at: Instant;
  by: string;
  reason: string;
}

/** Cancelling one additive event: what it added to its period's aggregate is taken back. */
export interface VoidWrite {
  event: StoredEvent;
  voided: EventVoid;
  /** What the event added to its aggregate's counters, to be subtracted. */
  increments: Record<string, number>;
  /** Written in the same transaction, so the void and its trace commit together. */
  audit: AuditEntry;
}

/** `voided`: done now; `already`: voided before (nothing changes); `closed`: its period is final. */
export type VoidResult = 'voided' | 'already' | 'closed' | 'missing';

/** One page of a period's events, newest first. */
export interface EventPage {
  events: StoredEvent[];
  cursor?: string;
}

/** Additive event: its item and the numbers it adds to its period's aggregate. */
export interface AdditiveEvent {
  event: StoredEvent;
  increments: Record<string, number>;
  /**
   * ratio with burn-rate alerts: the minute (its start) whose outcome counters the event's `good`
   * and `total` also move, in the same write, so windows shorter than the period can be judged.
   */
  minute?: Instant;
}

/** The raw counters and maps of one commitment-period aggregate. */
export interface AggregateRecord {
  commitmentId: string;
  periodKey: string;
  counters: Record<string, number>;
  outages: Record<string, { down: Instant; up?: Instant }>;
  excusals: Excusal[];
  closedAt?: Instant;
  /** Bumped by every write; closing a period is conditional on it. */
  rev: number;
}

/** A per-subject duration timer (the subject item). */
export interface TimerRecord {
  commitmentId: string;
  subject: string;
  periodKey: string;
  startedAt: Instant;
  pauses: Array<{ from: Instant; to?: Instant }>;
  stoppedAt?: Instant;
  /** Set while the timer runs: when the subject becomes overdue if nothing changes. */
  dueAt?: Instant;
  /** Whether the stop was within the threshold (set once stopped). */
  within?: boolean;
  /** Counted as a miss when a period closed while it was overdue: it is never counted again. */
  retired?: boolean;
  revision: number;
}

export interface OutageRecord {
  commitmentId: string;
  incident: string;
  down: Instant;
  up?: Instant;
  revision: number;
}

/** Where a page of open timers starts: after this timer (its stored due time and subject). */
export interface OpenTimerPage {
  limit: number;
  after?: { dueAt?: Instant; subject: string };
}

/** A stateful event (timer or outage): the event, the state item's new value and the aggregate changes. */
export interface StatefulWrite<S> {
  event: StoredEvent;
  /** `null` when the state item must not exist yet. */
  expectedRevision: number | null;
  next: S;
  aggregates: Array<{
    periodKey: string;
    increments?: Record<string, number>;
    outage?: { incident: string; down: Instant; up?: Instant };
  }>;
  /** availability: how the head's open-outage list changes. */
  openOutage?: { incident: string; down: Instant } | { incident: string; closed: true };
}

export type StatefulResult = RecordResult | 'conflict';

export interface EventStore {
  /**
   * Records additive events of one period, exactly once each; batches are chunked into
   * transactions. With `trace`, the request's audit entry rides in the batch's last transaction
   * (put only if new): `trace` builds it from the batch's results as they stand if that
   * transaction commits. `traced` says whether the entry is in the log now (written, or found
   * there by a retry); when no transaction could carry it (every event a duplicate or refused),
   * it is false and the caller appends the entry itself.
   */
  recordAdditive(
    commitmentId: string,
    periodKey: string,
    events: AdditiveEvent[],
    trace?: (results: RecordResult[]) => AuditEntry,
  ): Promise<{ results: RecordResult[]; traced: boolean }>;
  hasEvent(commitmentId: string, eventId: string): Promise<boolean>;
  getTimer(commitmentId: string, subject: string): Promise<TimerRecord | undefined>;
  recordTimerEvent(write: StatefulWrite<TimerRecord>): Promise<StatefulResult>;
  getOutage(commitmentId: string, incident: string): Promise<OutageRecord | undefined>;
  recordOutageEvent(write: StatefulWrite<OutageRecord>): Promise<StatefulResult>;
  /**
   * availability: an `up` for no open incident, sent by a monitor to say it is watching. Counted once
   * per event id on its period's aggregate; it marks the commitment as measured from then on.
   */
  recordHeartbeat(event: StoredEvent): Promise<RecordResult>;
  /** Running timers due at or before `at`, across all commitments (one indexed query, paged). */
  listDueTimers(at: Instant): Promise<TimerRecord[]>;
  /**
   * A page of one commitment's open (started, not stopped) timers: running ones by due time, then
   * the paused ones; after `after` (the last one of the previous page) when given.
   */
  listOpenTimers(
    commitmentId: string,
    page: OpenTimerPage,
  ): Promise<{ timers: TimerRecord[]; more: boolean }>;
  /**
   * One commitment's open timers that may be due by `until` (their stored due time is at or before
   * it; an excusal recorded since only makes a subject due later) and the paused ones, at most `max`
   * of each; `complete` is false when either was cut at `max`.
   */
  listOpenTimersDueBy(
    commitmentId: string,
    until: Instant,
    max: number,
  ): Promise<{ timers: TimerRecord[]; complete: boolean }>;
  /** Takes an overdue timer out of the due index once a closed period counted it as a miss. */
  retireTimer(commitmentId: string, subject: string): Promise<void>;
  getAggregates(
    keys: Array<{ commitmentId: string; periodKey: string }>,
  ): Promise<Map<string, AggregateRecord>>;
  addExcusal(
    commitmentId: string,
    periodKeys: string[],
    excusal: Excusal,
  ): Promise<'accepted' | 'duplicate' | 'closed'>;
  /**
   * Writes an excusal's decision on every period it touches, only while it is still pending on each
   * and none of them has closed: two people deciding at once, one wins.
   */
  decideExcusal(
    commitmentId: string,
    periodKeys: string[],
    excusal: Excusal,
  ): Promise<'decided' | 'conflict' | 'closed'>;
  listEvents(commitmentId: string, periodKey: string): Promise<StoredEvent[]>;
  /** The per-minute outcome counts of one commitment whose minute lies in [from, to], in time order. */
  getOutcomeBuckets(commitmentId: string, from: Instant, to: Instant): Promise<OutcomeBucket[]>;
  getEvent(commitmentId: string, eventId: string): Promise<StoredEvent | undefined>;
  /**
   * A page of one period's events, newest first; `source` keeps those whose channel (`via`), author
   * (`by`, or `source:<name>`) or `source` field is that name.
   */
  listEventPage(
    commitmentId: string,
    periodKey: string,
    page: { limit: number; cursor?: string; source?: string },
  ): Promise<EventPage>;
  /** Voids an event exactly once, with its aggregate and its audit entry in one transaction. */
  voidEvent(write: VoidWrite): Promise<VoidResult>;
}

export const aggregateMapKey = (commitmentId: string, periodKey: string) => `${commitmentId}|${periodKey}`;

/** The distinct commitment-period pairs of a list, first occurrence kept. */
export function uniqueKeys<K extends { commitmentId: string; periodKey: string }>(wanted: K[]): K[] {
  return [...new Map(wanted.map((k) => [aggregateMapKey(k.commitmentId, k.periodKey), k])).values()];
}
