import type { ClosedPeriodResult } from '../../shared/domain/close.js';
import type { Evaluation } from '../../shared/domain/evaluate.js';
import {
  formatAmount,
  formatPercent,
  progressBar,
  STATUS_LABEL,
  statusFigures,
} from '../../shared/presentation/status-line.js';
import { type Column, renderTable } from './table.js';
import { actualOfTarget, figure, NONE, percentOrNone } from './values.js';

/** One line of `GET /v1/status`: the status object plus who owes whom. */
export type StatusRow = Evaluation & { title: string; provider: string; consumer: string };

const progress = (e: Evaluation) => `${progressBar(e.attainment)} ${percentOrNone(e.attainment)}`;
const live = (e: Evaluation) => !e.final && e.status !== 'no_data';

const STATUS_COLUMNS: Column<StatusRow>[] = [
  { header: 'COMMITMENT', cell: (r) => r.commitmentId },
  { header: 'PROVIDER → CONSUMER', cell: (r) => `${r.provider} → ${r.consumer}` },
  { header: 'PROGRESS', cell: progress },
  { header: 'ACTUAL / TARGET', cell: actualOfTarget, align: 'right' },
  { header: 'EXPECTED', cell: (r) => (live(r) ? figure(r, r.expected) : NONE), align: 'right' },
  { header: 'PROJECTED', cell: (r) => (live(r) ? figure(r, r.projected) : NONE), align: 'right' },
  { header: 'STATUS', cell: (r) => STATUS_LABEL[r.status] },
];

export function renderStatusTable(rows: StatusRow[]): string {
  return renderTable(STATUS_COLUMNS, rows);
}

/** One commitment in one period, every figure on its own line. */
export function renderStatusDetail(e: Evaluation): string {
  const lines = [
    `${e.commitmentId} · ${e.period} · ${STATUS_LABEL[e.status]}${e.final ? ' (final)' : ''}`,
    `  ${statusFigures(e)}`,
    '',
    row('actual', actualOfTarget(e)),
    row('progress', progress(e)),
  ];
  if (live(e)) {
    lines.push(row('expected', `${figure(e, e.expected)} by now`));
    lines.push(row('projected', figure(e, e.projected)));
  }
  lines.push(row('elapsed', `${formatPercent(e.elapsed)} of the period`));
  if (e.budget) {
    const b = e.budget;
    lines.push(
      row(
        'budget',
        `${formatAmount(b.used)} of ${formatAmount(b.allowed)} misses used, ${formatAmount(b.remaining)} left · burn rate ${formatAmount(b.burnRate)}`,
      ),
    );
  }
  if (e.excused) {
    const x = e.excused;
    const windows = `${x.windows} window${x.windows === 1 ? '' : 's'}`;
    const original =
      x.originalTarget === undefined
        ? ''
        : ` · target ${formatAmount(x.originalTarget)} → ${formatAmount(e.target)}`;
    lines.push(
      row(
        'excused',
        `${formatPercent(x.share)} of the period (${windows}, caused by ${x.causedBy.join(', ')})${original}`,
      ),
    );
  }
  lines.push(row('evaluated', e.evaluatedAt));
  return lines.join('\n');
}

const row = (label: string, value: string) => `  ${label.padEnd(10)} ${value}`;

const HISTORY_COLUMNS: Column<ClosedPeriodResult>[] = [
  { header: 'PERIOD', cell: (r) => r.period },
  { header: 'STATUS', cell: (r) => STATUS_LABEL[r.status] },
  { header: 'ACTUAL / TARGET', cell: (r) => actualOfTarget({ ...r.evaluation, ...r }), align: 'right' },
  { header: 'ATTAINMENT', cell: (r) => percentOrNone(r.attainment), align: 'right' },
  { header: 'CREDIT', cell: (r) => (r.credit > 0 ? formatAmount(r.credit) : NONE), align: 'right' },
];

/** Closed periods, as the API lists them (newest first). */
export function renderHistoryTable(results: ClosedPeriodResult[]): string {
  return renderTable(HISTORY_COLUMNS, results);
}
