import type { Clock } from '../domain/model.js';
import type { AlertStore } from '../ports/alert-store.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { CommitmentStore } from '../ports/commitment-store.js';
import type { EventStore } from '../ports/event-store.js';
import type { ResultStore } from '../ports/result-store.js';

/** What every use case may use: the stores and the one clock. Handlers build it once per container. */
export interface StoreDeps {
  commitments: CommitmentStore;
  events: EventStore;
  alerts: AlertStore;
  results: ResultStore;
  /** The trail of every change to what is measured or alerted. */
  audit: AuditLog;
  clock: Clock;
}
