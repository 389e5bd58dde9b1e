import type { Instant, SlaConfig } from '../domain/model.js';
import type { CommitmentVersion } from '../domain/versions.js';

export type CommitmentState = 'active' | 'archived';

/**
 * A commitment as stored: its versions (the definitions), its lifecycle and the bookkeeping the
 * evaluator needs (which periods are already closed, which outages are still open).
 */
export interface CommitmentRecord {
  id: string;
  state: CommitmentState;
  /** Oldest first. The newest ones carry their definitions; see `docs/data-model.md`. */
  versions: CommitmentVersion[];
  /** The last period whose final result is written, if any. */
  closedThrough?: string;
  /** availability: incidents that are down right now, by incident id → down instant. */
  openOutages: Record<string, Instant>;
  /**
   * availability: the `at` of the first outage or heartbeat event recorded, kept by ingestion so the
   * evaluator can tell a quiet period (100% available) from one nobody measured (no data).
   */
  firstEventAt?: Instant;
  createdAt: Instant;
  updatedAt: Instant;
  archivedAt?: Instant;
  /**
   * When the commitment took effect: on creation, or when an archived one was made active again
   * (or the later instant its `effectiveFrom` names). Nothing before it is judged; the period it
   * falls in is judged from it on, prorated. Absent on commitments created before it was kept.
   */
  activeSince?: Instant;
  /**
   * Periods that have an alert state, each added by the transaction that creates the state (and the
   * period closed before the last one dropped when a period closes). Complete for every period that
   * starts at or after `alertPeriodsSince`; for earlier periods a missing key says nothing.
   */
  alertPeriods?: string[];
  /**
   * From when `alertPeriods` is complete: the head's creation, or the first close after it was kept.
   * Absent on heads written before it was kept, whose alert states nobody marked.
   */
  alertPeriodsSince?: Instant;
  /** Bumped on every write; writes are conditional on it. */
  revision: number;
}

/** The parts of the configuration file that are not commitments (departments, calendars…). */
export type StoredConfig = Omit<SlaConfig, 'commitments' | 'admins' | 'permissions'> &
  // Absent on configurations applied before permissions existed: nobody is an admin, defaults apply.
  Partial<Pick<SlaConfig, 'admins' | 'permissions'>> & { appliedAt: Instant; source?: string };

export interface CommitmentStore {
  get(id: string): Promise<CommitmentRecord | undefined>;
  /** Every commitment in a state, paged internally (about one request per hundred commitments). */
  list(state?: CommitmentState): Promise<CommitmentRecord[]>;
  /**
   * Writes a new record (revision 0) or replaces one at `expectedRevision`; `'conflict'` when the
   * stored one is not at that revision (or, for a new one, already exists).
   */
  save(record: CommitmentRecord, expectedRevision: number | null): Promise<CommitmentRecord | 'conflict'>;
  getConfig(): Promise<StoredConfig | undefined>;
  putConfig(config: StoredConfig): Promise<void>;
}
