import { auditDetailWords } from '../../shared/presentation/audit-detail-words.js';
import { localTimeWords } from '../../shared/presentation/local-time-words.js';
import { renderTable } from './table.js';
import { NONE } from './values.js';

/** An audit entry as the API returns it. */
export interface AuditEntryRow {
  id: string;
  at: string;
  by: string;
  via: string;
  action: string;
  commitmentId?: string;
  period?: string;
  detail: Record<string, unknown>;
}

/** A recorded event as the events route returns it: its own fields plus who recorded it. */
export interface EventRow {
  id: string;
  at: string;
  period: string;
  by?: string;
  via?: string;
  source?: string;
  note?: string;
  voided?: { at: string; by: string; reason: string };
  [field: string]: unknown;
}

/** The detail's plain fields, `name=value`, cut to a table cell's width. */
export function detailText(detail: Record<string, unknown>): string {
  return auditDetailWords(detail) ?? NONE;
}

export function renderAuditTable(entries: AuditEntryRow[], timezone: string | undefined): string {
  return renderTable(
    [
      { header: 'WHEN', cell: (e) => localTimeWords(e.at, timezone) },
      { header: 'BY', cell: (e) => e.by },
      { header: 'VIA', cell: (e) => e.via },
      { header: 'ACTION', cell: (e) => e.action },
      { header: 'COMMITMENT', cell: (e) => e.commitmentId ?? NONE },
      { header: 'PERIOD', cell: (e) => e.period ?? NONE },
      { header: 'DETAIL', cell: (e) => detailText(e.detail) },
    ],
    entries,
  );
}

/** What one event says: `5`, `good`, `start of lead-42`, `incident i-1 down`. */
export function eventWhat(e: EventRow): string {
  if (typeof e.subject === 'string') return `${e.phase} of ${e.subject}`;
  if (typeof e.incident === 'string') return `incident ${e.incident} ${e.phase}`;
  if (typeof e.outcome === 'string') return e.outcome;
  if (typeof e.good === 'number') return `${e.good} good of ${e.total}`;
  return String(e.value ?? 1);
}

export function renderEventsTable(events: EventRow[], timezone: string | undefined): string {
  return renderTable(
    [
      { header: 'AT', cell: (e) => localTimeWords(e.at, timezone) },
      { header: 'ID', cell: (e) => e.id },
      { header: 'WHAT', cell: (e) => eventWhat(e), align: 'right' },
      { header: 'BY', cell: (e) => e.by ?? e.source ?? NONE },
      { header: 'VIA', cell: (e) => e.via ?? NONE },
      { header: 'VOIDED', cell: (e) => (e.voided ? `by ${e.voided.by}: ${e.voided.reason}` : '') },
    ],
    events,
  );
}
