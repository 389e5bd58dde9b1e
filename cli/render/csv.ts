import type { ClosedPeriodResult } from '../../shared/domain/close.js';
import type { Evaluation } from '../../shared/domain/evaluate.js';

export const HISTORY_CSV_COLUMNS = [
  'period',
  'status',
  'actual',
  'target',
  'attainment',
  'credit',
  'final',
] as const;

type CsvRecord = Record<(typeof HISTORY_CSV_COLUMNS)[number], string | number | boolean | null | undefined>;

/** One row per period, oldest first; closed periods carry their credit, the open one none. */
export function historyCsv(closed: ClosedPeriodResult[], current?: Evaluation): string {
  const rows = new Map<string, CsvRecord>();
  for (const r of closed) {
    rows.set(r.period, {
      period: r.period,
      status: r.status,
      actual: r.actual,
      target: r.target,
      attainment: r.attainment,
      credit: r.credit,
      final: true,
    });
  }
  if (current && !rows.has(current.period)) {
    rows.set(current.period, {
      period: current.period,
      status: current.status,
      actual: current.actual,
      target: current.target,
      attainment: current.attainment,
      credit: undefined,
      final: current.final === true,
    });
  }
  const sorted = [...rows.values()].sort((a, b) => String(a.period).localeCompare(String(b.period)));
  const lines = [HISTORY_CSV_COLUMNS.join(',')];
  for (const row of sorted) lines.push(HISTORY_CSV_COLUMNS.map((column) => csvField(row[column])).join(','));
  return `${lines.join('\n')}\n`;
}

/** RFC 4180: quote a field only when it holds a comma, a quote or a line break. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
