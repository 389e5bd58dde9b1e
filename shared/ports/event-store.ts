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
}

/** Additive event: its item and the numbers it adds to its period's aggregate. */
export interface AdditiveEvent {
  event: StoredEvent;
  increments: Record<string, number>;
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
  /** Records additive events of one period, exactly once each; batches are chunked into transactions. */
  recordAdditive(commitmentId: string, periodKey: string, events: AdditiveEvent[]): Promise<RecordResult[]>;
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
}

export const aggregateMapKey = (commitmentId: string, periodKey: string) => `${commitmentId}|${periodKey}`;

/** The distinct commitment-period pairs of a list, first occurrence kept. */
export function uniqueKeys<K extends { commitmentId: string; periodKey: string }>(wanted: K[]): K[] {
  return [...new Map(wanted.map((k) => [aggregateMapKey(k.commitmentId, k.periodKey), k])).values()];
}
