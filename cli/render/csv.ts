import type { ClosedPeriodResult } from '../../shared/domain/close.js';
import type { Evaluation } from '../../shared/domain/evaluate.js';
import { DEFAULT_CREDIT_UNIT, formatPercent } from '../../shared/domain/readable-numbers.js';

export const HISTORY_CSV_COLUMNS = [
  'period',
  'status',
  'actual',
  'target',
  'attainment',
  'credit',
  'final',
  'creditUnit',
] as const;

type CsvRecord = Record<(typeof HISTORY_CSV_COLUMNS)[number], string | number | boolean | null | undefined>;

/**
 * One row per period, oldest first; closed periods carry their credit, the open one none.
 *
 * Cells read as people and spreadsheets read them: shares as percentages (`78%`, `99.5%`, which a
 * spreadsheet takes as 0.78 and 0.995), amounts plain with at most two decimals and no thousands
 * separator (a `1,250` would be quoted, and read as text by some spreadsheets).
 */
export function historyCsv(closed: ClosedPeriodResult[], current?: Evaluation): string {
  const rows = new Map<string, CsvRecord>();
  for (const r of closed) {
    rows.set(r.period, {
      period: r.period,
      status: r.status,
      ...figures({ ...r.evaluation, ...r }),
      credit: plainAmount(r.credit),
      final: true,
      creditUnit: r.creditUnit ?? DEFAULT_CREDIT_UNIT,
    });
  }
  if (current && !rows.has(current.period)) {
    rows.set(current.period, {
      period: current.period,
      status: current.status,
      ...figures(current),
      credit: undefined,
      final: current.final === true,
      creditUnit: undefined,
    });
  }
  const sorted = [...rows.values()].sort((a, b) => String(a.period).localeCompare(String(b.period)));
  const lines = [HISTORY_CSV_COLUMNS.join(',')];
  for (const row of sorted) lines.push(HISTORY_CSV_COLUMNS.map((column) => csvField(row[column])).join(','));
  return `${lines.join('\n')}\n`;
}

type FigureSource = Pick<Evaluation, 'measure' | 'actual' | 'target' | 'attainment' | 'status'>;

function figures(e: FigureSource): Pick<CsvRecord, 'actual' | 'target' | 'attainment'> {
  const total = e.measure === 'total';
  // A breach's figures never round up onto the line they missed.
  const against = e.status === 'breached' ? 1 : undefined;
  return {
    actual: total
      ? plainAmount(e.actual)
      : e.status === 'no_data'
        ? undefined
        : formatPercent(e.actual, e.target),
    target: total ? plainAmount(e.target) : formatPercent(e.target),
    attainment: e.attainment === null ? undefined : formatPercent(e.attainment, against),
  };
}

function plainAmount(value: number): number {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** RFC 4180: quote a field only when it holds a comma, a quote or a line break. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
