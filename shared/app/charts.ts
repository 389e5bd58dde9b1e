/**
 * Charts of one commitment, and the digest's overview image: the use cases the API route, the
 * dashboard and the digest share. The drawing code loads on the first chart (see shared/charts).
 */
import { DateTime } from 'luxon';
import type { ChartFormat, RenderedChart } from '../charts/index.js';
import { budgetModel, hasErrorBudget } from '../domain/charts/budget.js';
import { burnupModel } from '../domain/charts/burnup.js';
import type { ChartKind, ChartModel } from '../domain/charts/chart-model.js';
import { HISTORY_PERIODS, historyModel } from '../domain/charts/history.js';
import { type OverviewEntry, overviewModel } from '../domain/charts/overview.js';
import { latestVersion } from '../domain/judgement.js';
import { periodFromKey } from '../domain/periods.js';
import { governingVersion } from '../domain/versions.js';
import { aggregateMapKey } from '../ports/event-store.js';
import type { StoreDeps } from './deps.js';
import { BadRequestError, CommitmentNotFoundError } from './errors.js';
import { getStatus } from './status.js';

/** The most closed periods a history chart may reach back over when a period is named. */
const HISTORY_LOOKBACK = 120;

export interface CommitmentChartRequest {
  commitmentId: string;
  kind: ChartKind;
  /** A period key of the commitment's kind; the current period when absent. */
  period?: string;
  format: ChartFormat;
  width?: number;
  height?: number;
}

/** GET /v1/commitments/{id}/chart.svg|png. */
export async function commitmentChart(
  deps: StoreDeps,
  request: CommitmentChartRequest,
): Promise<RenderedChart> {
  const model = await chartModel(deps, request);
  const { renderCommitmentChart } = await import('../charts/index.js');
  return renderCommitmentChart(model, request);
}

/** What a chart shows, computed from the stores (no drawing). */
export async function chartModel(
  deps: StoreDeps,
  request: Pick<CommitmentChartRequest, 'commitmentId' | 'kind' | 'period'>,
): Promise<ChartModel> {
  const { commitmentId: id, kind } = request;
  const record = await deps.commitments.get(id);
  if (record?.state !== 'active') throw new CommitmentNotFoundError(id);
  const latest = latestVersion(record).definition;
  if (kind === 'budget' && !hasErrorBudget(latest)) {
    throw new BadRequestError(
      `kind budget applies only to objectives (ratio, duration, availability); '${id}' is a total, ` +
        'so its charts are burnup and history',
      'kind',
    );
  }
  // The status read checks the period (its kind, started, not before the first) and judges it.
  const current = await getStatus(deps, id, request.period);
  if (kind === 'history') {
    const results = await deps.results.listResults(id, request.period ? HISTORY_LOOKBACK : HISTORY_PERIODS);
    return historyModel(
      latest,
      results.filter((r) => request.period === undefined || r.period <= (request.period as string)),
    );
  }
  const period = periodFromKey(current.period, latest.timezone);
  const definition = (governingVersion(record.versions, period) ?? latestVersion(record)).definition;
  const at = Math.min(deps.clock.now(), period.end);
  const sinceLocalDate = DateTime.fromMillis(period.start, { zone: period.zone }).toISODate() ?? undefined;
  const [aggregates, snapshots] = await Promise.all([
    deps.events.getAggregates([{ commitmentId: id, periodKey: period.key }]),
    deps.results.listSnapshots(id, sinceLocalDate),
  ]);
  const earlier = snapshots.map((s) => s.evaluation);
  if (kind === 'budget') return budgetModel({ definition, period, earlier, current, at });
  return burnupModel({
    definition,
    period,
    excusals: aggregates.get(aggregateMapKey(id, period.key))?.excusals ?? [],
    effectiveFrom: record.activeSince,
    earlier,
    current,
    at,
  });
}

/**
 * The digest's overview image, from what the digest already gathered (each commitment's
 * definition and the evaluation it shows).
 */
export async function digestOverviewImage(
  digest: { week: string; commitments: readonly OverviewEntry[] },
  format: ChartFormat = 'png',
): Promise<RenderedChart> {
  const { renderDigestOverview } = await import('../charts/index.js');
  return renderDigestOverview(overviewModel(`SLA overview, week ${digest.week}`, digest.commitments), {
    format,
  });
}
