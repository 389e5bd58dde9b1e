import type { ClosedPeriodResult } from '../../shared/domain/close.js';
import type { Budget, Evaluation } from '../../shared/domain/evaluate.js';
import { budgetWithBurn } from '../../shared/domain/readable-budget.js';
import { creditWords } from '../../shared/domain/readable-numbers.js';
import { localTimeWords } from '../../shared/presentation/local-time-words.js';
import {
  formatAmount,
  formatPercent,
  progressBar,
  STATUS_LABEL,
  statusFigures,
} from '../../shared/presentation/status-line.js';
import { type Paint, plain } from '../color.js';
import { type Column, renderTable } from './table.js';
import { actualOfTarget, attainmentOrNone, figure, NONE } from './values.js';

/** One line of `GET /v1/status`: the status object plus who owes whom. */
export type StatusRow = Evaluation & { title: string; provider: string; consumer: string };

const progress = (e: Evaluation) => `${progressBar(e.attainment)} ${attainmentOrNone(e)}`;
const live = (e: Evaluation) => !e.final && e.status !== 'no_data';

/** The status word in its colour: green is fine, yellow needs a look, red needs action. */
const STATUS_STYLE: Record<Evaluation['status'], Parameters<Paint>[0]> = {
  on_track: 'green',
  met: 'green',
  at_risk: 'yellow',
  breached: ['red', 'bold'],
  no_data: 'dim',
};

const statusWord = (e: Pick<Evaluation, 'status'>, paint: Paint) =>
  paint(STATUS_STYLE[e.status], STATUS_LABEL[e.status]);

const statusColumns = (paint: Paint): Column<StatusRow>[] => [
  { header: 'COMMITMENT', cell: (r) => r.commitmentId },
  { header: 'PROVIDER → CONSUMER', cell: (r) => `${r.provider} → ${r.consumer}` },
  { header: 'PROGRESS', cell: progress },
  { header: 'ACTUAL / TARGET', cell: actualOfTarget, align: 'right' },
  { header: 'EXPECTED', cell: (r) => (live(r) ? figure(r, r.expected) : NONE), align: 'right' },
  { header: 'PROJECTED', cell: (r) => (live(r) ? figure(r, r.projected) : NONE), align: 'right' },
  { header: 'STATUS', cell: (r) => statusWord(r, paint) },
];

export function renderStatusTable(rows: StatusRow[], paint: Paint = plain): string {
  return renderTable(statusColumns(paint), rows);
}

/** One commitment in one period: the headline figures, then the details behind them. */
export function renderStatusDetail(e: Evaluation & { timezone?: string }, paint: Paint = plain): string {
  const lines = [
    `${e.commitmentId} · ${e.period} · ${statusWord(e, paint)}${e.final ? ' (final)' : ''}`,
    `  ${statusFigures(e)}`,
    '',
    row('progress', progress(e)),
  ];
  // statusFigures shows a total's pace; a share measure's projection is only here.
  if (live(e) && e.measure !== 'total') lines.push(row('projected', figure(e, e.projected)));
  lines.push(row('elapsed', `${formatPercent(e.elapsed)} of the period`));
  if (e.budget) lines.push(row('budget', budgetText(e, e.budget)));
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
  lines.push(row('evaluated', localTimeWords(e.evaluatedAt, e.timezone)));
  return lines.join('\n');
}

/** In the measure's units: `2 of 3 late leads allowed · burn rate 0.8`, or `over budget by 12 minutes`. */
export function budgetText(e: Pick<Evaluation, 'measure' | 'unit'>, budget: Budget): string {
  return budgetWithBurn({ measure: e.measure, unit: e.unit, budget }) ?? '';
}

const row = (label: string, value: string) => `  ${label.padEnd(10)} ${value}`;

const HISTORY_COLUMNS: Column<ClosedPeriodResult>[] = [
  { header: 'PERIOD', cell: (r) => r.period },
  { header: 'STATUS', cell: (r) => STATUS_LABEL[r.status] },
  { header: 'ACTUAL / TARGET', cell: (r) => actualOfTarget({ ...r.evaluation, ...r }), align: 'right' },
  { header: 'ATTAINMENT', cell: (r) => attainmentOrNone({ ...r.evaluation, ...r }), align: 'right' },
  {
    header: 'CREDIT',
    cell: (r) => (r.credit > 0 ? creditWords(r.credit, r.creditUnit) : NONE),
    align: 'right',
  },
];

/** Closed periods, as the API lists them (newest first). */
export function renderHistoryTable(results: ClosedPeriodResult[]): string {
  return renderTable(HISTORY_COLUMNS, results);
}
