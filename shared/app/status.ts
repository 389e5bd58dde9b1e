import type { AlertState } from '../domain/alerts/alert-state.js';
import { statusWithAlert } from '../domain/alerts/shown-status.js';
import type { ClosedPeriodResult } from '../domain/close.js';
import type { Evaluation } from '../domain/evaluate.js';
import { denoiseClosedResult, denoiseEvaluation } from '../domain/evaluation-json.js';
import { judge, latestVersion, periodAt } from '../domain/judgement.js';
import { periodFromKey, periodKindOfKey } from '../domain/periods.js';
import { governingVersion } from '../domain/versions.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';
import { type AggregateRecord, aggregateMapKey } from '../ports/event-store.js';
import { mayHaveAlertState } from './alert-moves.js';
import type { StoreDeps } from './deps.js';
import { BadRequestError, CommitmentNotFoundError } from './errors.js';
import { judgeWith, readForJudgement } from './judge.js';

/** A status with the zone in which people read its times (the commitment's). */
export type ZonedEvaluation = Evaluation & { timezone: string };

/** The company's zone, in which people read times that belong to no one commitment (UTC before any config). */
export async function companyZone(deps: StoreDeps): Promise<string> {
  return (await deps.commitments.getConfig())?.timezone ?? 'UTC';
}

/** GET /v1/commitments/{id}/status: one period (default the current one), live or final. */
export async function getStatus(deps: StoreDeps, id: string, periodKey?: string): Promise<ZonedEvaluation> {
  const record = await deps.commitments.get(id);
  if (record?.state !== 'active') throw new CommitmentNotFoundError(id);
  const now = deps.clock.now();
  const latest = latestVersion(record).definition;
  let { period, version } = periodAt(record, now);
  if (periodKey !== undefined) {
    const kind = periodKindOfKey(periodKey);
    if (kind !== latest.period) {
      throw new BadRequestError(
        `period must be a ${latest.period} key like ${period.key} (this commitment is judged by ${latest.period})`,
        'period',
      );
    }
    period = periodFromKey(periodKey, latest.timezone);
    if (period.start > now) throw new BadRequestError(`period ${periodKey} has not started yet`, 'period');
    const first = record.versions[0];
    if (first && period.end <= first.effectiveFrom) {
      throw new BadRequestError(`period ${periodKey} is before this commitment's first period`, 'period');
    }
    version = governingVersion(record.versions, period) ?? version;
  }
  if (record.closedThrough && period.key <= record.closedThrough) {
    const result = await deps.results.getResult(id, period.key);
    if (result) return denoiseEvaluation({ ...result.evaluation, timezone: latest.timezone });
  }
  const [aggregates, dueTimers, alert] = await Promise.all([
    deps.events.getAggregates([{ commitmentId: id, periodKey: period.key }]),
    latest.measure === 'duration' ? deps.events.listDueTimers(now) : Promise.resolve([]),
    mayHaveAlertState(record, period) ? deps.alerts.get(id, period.key) : Promise.resolve(undefined),
  ]);
  const judged = judge({
    record,
    period,
    version,
    aggregate: aggregates.get(aggregateMapKey(id, period.key)),
    dueTimers,
    at: now,
  });
  const evaluation = statusWithAlert(judged, version.definition, alert);
  return denoiseEvaluation({ ...evaluation, timezone: latest.timezone });
}

/** One commitment's current status, with what people call it. */
export interface ListedStatus {
  id: string;
  evaluation: Evaluation;
  title: string;
  provider: string;
  consumer: string;
  timezone: string;
}

/**
 * GET /v1/status and GET /v1/commitments: every active commitment in its current period. A caller
 * that has just listed the active commitments passes them, so they are not read twice.
 */
export async function listStatus(deps: StoreDeps, active?: CommitmentRecord[]): Promise<ListedStatus[]> {
  return (await listStatusWithAggregates(deps, active)).statuses;
}

/**
 * The same, with the current periods' aggregates it judged from (keyed by `aggregateMapKey`; a
 * period nothing was recorded in has none), for a caller that needs more of them than the numbers:
 * the digest lists the excusals they hold without reading them again.
 */
export async function listStatusWithAggregates(
  deps: StoreDeps,
  active?: CommitmentRecord[],
): Promise<{ statuses: ListedStatus[]; aggregates: Map<string, AggregateRecord> }> {
  const now = deps.clock.now();
  const records = active ?? (await deps.commitments.list('active'));
  const located = records.map((record) => ({ record, ...periodAt(record, now) }));
  const alertKeys = located
    .filter((one) => mayHaveAlertState(one.record, one.period))
    .map((one) => ({ commitmentId: one.record.id, periodKey: one.period.key }));
  const [reads, alerts] = await Promise.all([
    readForJudgement(deps, located, now),
    alertKeys.length > 0 ? deps.alerts.getMany(alertKeys) : Promise.resolve(new Map<string, AlertState>()),
  ]);
  const judgeOne = judgeWith(reads, now);
  const shown = (one: (typeof located)[number]) =>
    statusWithAlert(
      judgeOne(one),
      one.version.definition,
      alerts.get(aggregateMapKey(one.record.id, one.period.key)),
    );
  const statuses = located
    .map((one) => ({
      id: one.record.id,
      timezone: one.version.definition.timezone,
      title: one.version.definition.title,
      provider: one.version.definition.provider,
      consumer: one.version.definition.consumer,
      evaluation: denoiseEvaluation(shown(one)),
    }))
    .sort((a, b) => a.evaluation.commitmentId.localeCompare(b.evaluation.commitmentId));
  return { statuses, aggregates: reads.aggregates };
}

/** GET /v1/commitments/{id}/history: closed periods with final results and credits, newest first. */
export async function getHistory(
  deps: StoreDeps,
  id: string,
  periods: number,
): Promise<ClosedPeriodResult[]> {
  const record = await deps.commitments.get(id);
  if (!record) throw new CommitmentNotFoundError(id);
  return (await deps.results.listResults(id, periods)).map(denoiseClosedResult);
}
