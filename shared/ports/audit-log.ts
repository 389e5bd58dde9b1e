import type { AuditEntry } from '../domain/audit.js';
import type { Instant } from '../domain/model.js';

/** One page of entries, newest first; `cursor` asks for the next page (absent on the last one). */
export interface AuditPage {
  entries: AuditEntry[];
  cursor?: string;
}

export interface AuditQuery {
  /** Only this commitment's entries. */
  commitmentId?: string;
  /** Only entries by this author. */
  by?: string;
  /** Entries at or after this instant. */
  since: Instant;
  /** Entries before this instant. */
  until: Instant;
  limit: number;
  /** From a previous page of the same query; opaque to callers. */
  cursor?: string;
}

export type AppendResult = 'appended' | 'duplicate';

export interface AuditLog {
  /**
   * Appends an entry unless one with its id is there already (a retried change), so each change
   * is written once however often it is retried.
   */
  append(entry: AuditEntry): Promise<AppendResult>;
  /** Pages through entries, newest first. A cursor that this log did not issue is refused (400). */
  list(query: AuditQuery): Promise<AuditPage>;
}
