import type { AuditEntry } from '../domain/audit.js';
import type { ClosedPeriodResult } from '../domain/close.js';
import type { Evaluation } from '../domain/evaluate.js';
import type { Instant } from '../domain/model.js';

export interface LedgerEntry {
  department: string;
  commitmentId: string;
  periodKey: string;
  credit: number;
  attainment: number | null;
  recordedAt: Instant;
}

export type CloseOutcome = 'closed' | 'already_closed' | 'conflict';

export interface ResultStore {
  /**
   * Writes the final result, the credit (when owed) into the ledger, marks the aggregate closed and
   * advances the commitment's `closedThrough`, in one transaction and exactly once. `aggregateRev` is the
   * revision the result was computed from: an event that slipped in meanwhile makes it `conflict`.
   * `superseded` is the period closed before it, whose alert state nobody needs to find any more.
   */
  close(input: {
    result: ClosedPeriodResult;
    provider: string;
    aggregateRev: number;
    now: Instant;
    superseded?: string;
    /** The close's audit entry, written in the same transaction. */
    audit?: AuditEntry;
  }): Promise<CloseOutcome>;
  getResult(commitmentId: string, periodKey: string): Promise<ClosedPeriodResult | undefined>;
  /** Final results, newest first. */
  listResults(commitmentId: string, limit: number): Promise<ClosedPeriodResult[]>;
  listLedger(department: string): Promise<LedgerEntry[]>;
  /** One snapshot per commitment per local day: the latest evaluation of that day. */
  putSnapshots(snapshots: Array<{ evaluation: Evaluation; localDate: string }>): Promise<void>;
  listSnapshots(
    commitmentId: string,
    sinceLocalDate?: string,
  ): Promise<Array<{ localDate: string; evaluation: Evaluation }>>;
  /** The snapshots of these exact days, many commitments at once (100 keys a request). */
  getSnapshots(
    wanted: Array<{ commitmentId: string; localDate: string }>,
  ): Promise<Array<{ commitmentId: string; localDate: string; evaluation: Evaluation }>>;
  /** The final results of these exact periods, many commitments at once (100 keys a request). */
  /** Results by key, in batches; `consistent` reads each as `getResult` does (strongly consistent). */
  getResults(
    wanted: Array<{ commitmentId: string; periodKey: string }>,
    options?: { consistent?: boolean },
  ): Promise<ClosedPeriodResult[]>;
}
