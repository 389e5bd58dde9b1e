import type { SourceSummary } from '../../shared/app/source-list.js';
import { localTimeWords } from '../../shared/presentation/local-time-words.js';
import { renderTable } from './table.js';
import { NONE } from './values.js';

/** A source as `GET /v1/sources` returns it. */
export type SourceRow = SourceSummary;

export function renderSourcesTable(sources: SourceRow[], timezone: string | undefined): string {
  return renderTable(
    [
      { header: 'SOURCE', cell: (s) => s.name },
      { header: 'TYPE', cell: (s) => s.type },
      {
        header: 'LAST DELIVERY',
        cell: (s) => (s.lastDeliveryAt ? localTimeWords(s.lastDeliveryAt, timezone) : NONE),
      },
      { header: 'RECORDED', cell: (s) => String(s.recorded) },
      { header: 'DUPLICATES', cell: (s) => String(s.duplicates) },
      { header: 'IGNORED', cell: (s) => String(s.ignored) },
      { header: 'REFUSED', cell: (s) => String(s.refused) },
      { header: 'REJECTED', cell: (s) => String(s.rejected) },
      {
        header: 'LAST REFUSAL',
        cell: (s) =>
          s.lastRefusal ? `${localTimeWords(s.lastRefusal.at, timezone)}: ${s.lastRefusal.reason}` : NONE,
      },
    ],
    sources,
  );
}
