/**
 * Where the dashboard's chart images live and what they say to someone who cannot see them. The
 * pages' tables carry the same numbers, so an alt text sums a chart up rather than reading it out.
 */
import { hasErrorBudget } from '../domain/charts/budget.js';
import type { ChartKind } from '../domain/charts/chart-model.js';
import type { Evaluation } from '../domain/evaluate.js';
import type { CommitmentDefinition } from '../domain/model.js';
import { budgetWords } from '../domain/readable-budget.js';
import { statusFigures } from '../presentation/status-line.js';
import type { ChartLink } from './pages/charts.js';

export const chartSrc = (id: string, kind: ChartKind) =>
  `/commitments/${encodeURIComponent(id)}/chart.svg?kind=${kind}`;

export function burnupAlt(title: string, e: Evaluation): string {
  return `Burn-up of ${title} in ${e.period}: ${statusFigures(e)}`;
}

/** A commitment's charts: the burn-up, its closed periods once there are any, its error budget. */
export function commitmentCharts(
  id: string,
  definition: Pick<CommitmentDefinition, 'title' | 'measure'>,
  e: Evaluation,
  closedPeriods: number,
): ChartLink[] {
  const { title } = definition;
  const charts: ChartLink[] = [
    { src: chartSrc(id, 'burnup'), alt: burnupAlt(title, e), caption: `This period (${e.period}) so far` },
  ];
  if (closedPeriods > 0) {
    charts.push({
      src: chartSrc(id, 'history'),
      alt: `Results of ${title} in its last ${closedPeriods === 1 ? 'closed period' : `${closedPeriods} closed periods`}, listed in the table of closed periods below`,
      caption: 'Closed periods',
    });
  }
  if (hasErrorBudget(definition)) {
    charts.push({
      src: chartSrc(id, 'budget'),
      alt: `Error budget of ${title} over ${e.period}: ${budgetWords(e) ?? 'no budget used yet'}`,
      caption: 'Error budget this period',
    });
  }
  return charts;
}
