/**
 * The weekly executive digest: gather what it shows from the stores, build it in the domain,
 * deliver it to the digest department's Slack channel and to the digests topic for email.
 *
 * Decision: the digest reports the last ISO week that has ended (the one sent on Monday 08:00
 * covers Monday to Sunday just gone) with the state of every commitment as of generation. For an
 * older week (`GET /v1/digest?week=`) the state is the last snapshot of that week instead.
 */
import { DateTime } from 'luxon';
import type { ClosedPeriodResult } from '../domain/close.js';
import type { DigestFormat } from '../domain/digest/digest-format.js';
import type { DigestCommitmentInput } from '../domain/digest/digest-types.js';
import { digestWeekAt } from '../domain/digest/schedule.js';
import { SPARKLINE_WEEKS, weeksEndingWith } from '../domain/digest/trend.js';
import type { Evaluation } from '../domain/evaluate.js';
import type { Instant, Period } from '../domain/model.js';
import { periodFromKey, periodKindOfKey, periodOf, previousPeriod } from '../domain/periods.js';
import { type CommitmentVersion, governingVersion } from '../domain/versions.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';
import { aggregateMapKey } from '../ports/event-store.js';
import type { LedgerEntry } from '../ports/result-store.js';
import type { Digest } from '../presentation/digest/digest.js';
import { buildDigest } from '../presentation/digest/digest.js';
import {
  formatAmount,
  formatPercent,
  STATUS_EMOJI,
  STATUS_LABEL,
  statusFigures,
} from '../presentation/status-line.js';
import { mapLimit } from './concurrency.js';
import type { StoreDeps } from './deps.js';
import { type DigestDeliveryDeps, type DigestDeliveryReport, deliverDigest } from './digest-delivery.js';
import { BadRequestError } from './errors.js';
import { judge, latestVersion, periodAt } from './judge.js';
import { listStatus } from './status.js';

/** The digest says numbers and statuses exactly as every other surface does. */
export const digestFormat: DigestFormat = {
  amount: formatAmount,
  percent: formatPercent,
  figures: statusFigures,
  label: STATUS_LABEL,
  emoji: STATUS_EMOJI,
};

/** Store reads per commitment (snapshots, results) run this many at a time. */
const READ_CONCURRENCY = 16;

export async function buildWeeklyDigest(deps: StoreDeps, options: { week?: string } = {}): Promise<Digest> {
  const now = deps.clock.now();
  const config = await deps.commitments.getConfig();
  const zone = config?.timezone ?? 'UTC';
  const departments = config?.departments ?? {};
  const latest = digestWeekAt(now, zone);
  const week = weekPeriod(options.week ?? latest, zone, now);
  // The latest ended week and the week in progress show the live state; older weeks their own.
  const live = week.end >= periodFromKey(latest, zone).end;
  const asOf = live ? now : week.end;

  const records = (await deps.commitments.list('active')).filter((r) => r.createdAt < asOf);
  const [liveStatus, history] = await Promise.all([
    live ? listStatus(deps) : Promise.resolve([]),
    historyOf(deps, records, week.key),
  ]);
  const liveById = new Map(liveStatus.map((s) => [s.evaluation.commitmentId, s.evaluation]));
  const weekTo = weeksEndingWith(week.key, 1)[0]?.to ?? '';

  const located = history.map(({ record, snapshots, results }) => {
    const evaluation =
      liveById.get(record.id) ?? lastSnapshotBy(snapshots, weekTo) ?? judgedAt(deps, record, asOf);
    return { record, snapshots, results, evaluation };
  });
  const evaluations = await Promise.all(located.map((l) => l.evaluation));
  const excusalKeys = located
    .map((l, i) => ({ commitmentId: l.record.id, periodKey: (evaluations[i] as Evaluation).period }))
    .filter((_, i) => evaluations[i]?.excused !== undefined);
  const [aggregates, ledger] = await Promise.all([
    excusalKeys.length > 0 ? deps.events.getAggregates(excusalKeys) : Promise.resolve(new Map()),
    ledgerOf(deps, [...new Set([...Object.keys(departments), ...records.map((r) => providerOf(r))])]),
  ]);

  const commitments: DigestCommitmentInput[] = located.map((l, i) => {
    const evaluation = evaluations[i] as Evaluation;
    const version = versionFor(l.record, evaluation.period);
    const input: DigestCommitmentInput = {
      definition: version.definition,
      evaluation,
      createdAt: l.record.createdAt,
      snapshots: l.snapshots,
      excusals: aggregates.get(aggregateMapKey(l.record.id, evaluation.period))?.excusals ?? [],
    };
    const lastClosed = closedBy(l.results, asOf, version.definition.timezone);
    if (lastClosed) input.lastClosed = lastClosed;
    return input;
  });
  return buildDigest(
    { week: week.key, zone, generatedAt: now, asOf, departments, commitments, ledger },
    digestFormat,
  );
}

/**
 * What the trend and the last results need, read by key in batches rather than one query per
 * commitment: the snapshots of the last two workdays-or-weekend-days of each sparkline week (Friday
 * and Sunday: one of them is always settled in its period) and the results of the last three
 * periods. About 150 requests for 1,000 commitments, whatever their history.
 */
async function historyOf(deps: StoreDeps, records: CommitmentRecord[], weekKey: string) {
  const dates = weeksEndingWith(weekKey, SPARKLINE_WEEKS).flatMap((w) => [
    DateTime.fromISO(w.to).minus({ days: 2 }).toISODate() ?? w.to,
    w.to,
  ]);
  const lastPeriods = (record: CommitmentRecord) => {
    const { definition } = latestVersion(record);
    let period = periodFromKey(weekPeriodKeyOf(record, weekKey), definition.timezone);
    const keys: string[] = [];
    for (let i = 0; i < 3; i++, period = previousPeriod(period)) keys.push(period.key);
    return keys;
  };
  const [snapshots, results] = await Promise.all([
    deps.results.getSnapshots(
      records.flatMap((r) => dates.map((localDate) => ({ commitmentId: r.id, localDate }))),
    ),
    deps.results.getResults(
      records.flatMap((r) => lastPeriods(r).map((periodKey) => ({ commitmentId: r.id, periodKey }))),
    ),
  ]);
  const snapshotsOf = groupBy(snapshots, (s) => s.commitmentId);
  const resultsOf = groupBy(results, (r) => r.commitmentId);
  return records.map((record) => ({
    record,
    snapshots: (snapshotsOf.get(record.id) ?? [])
      .map(({ localDate, evaluation }) => ({ localDate, evaluation }))
      .sort((a, b) => a.localDate.localeCompare(b.localDate)),
    results: (resultsOf.get(record.id) ?? []).sort((a, b) => b.period.localeCompare(a.period)),
  }));
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** The commitment's own period (its kind, its zone) that contains the end of the digest's week. */
function weekPeriodKeyOf(record: CommitmentRecord, weekKey: string): string {
  const { definition } = latestVersion(record);
  const weekEnd = periodFromKey(weekKey, definition.timezone).end;
  return periodOf(definition.period, weekEnd - 1, definition.timezone).key;
}

function weekPeriod(key: string, zone: string, now: Instant): Period {
  if (periodKindOfKey(key) !== 'week') {
    throw new BadRequestError(`week must be an ISO week such as 2026-W48, got '${key}'`, 'week');
  }
  const period = periodFromKey(key, zone);
  if (period.start > now) throw new BadRequestError(`week ${key} has not started yet`, 'week');
  return period;
}

const providerOf = (record: CommitmentRecord) => latestVersion(record).definition.provider;

function versionFor(record: CommitmentRecord, periodKey: string): CommitmentVersion {
  const latest = latestVersion(record);
  const period = periodFromKey(periodKey, latest.definition.timezone);
  return governingVersion(record.versions, period) ?? latest;
}

function lastSnapshotBy(
  snapshots: Array<{ localDate: string; evaluation: Evaluation }>,
  lastDate: string,
): Evaluation | undefined {
  let found: { localDate: string; evaluation: Evaluation } | undefined;
  for (const s of snapshots)
    if (s.localDate <= lastDate && (!found || s.localDate > found.localDate)) found = s;
  return found?.evaluation;
}

/** A past week without a snapshot (the evaluator was not running): judge its period as of the week's end. */
async function judgedAt(deps: StoreDeps, record: CommitmentRecord, at: Instant): Promise<Evaluation> {
  const { period, version } = periodAt(record, at - 1);
  const aggregates = await deps.events.getAggregates([{ commitmentId: record.id, periodKey: period.key }]);
  return judge({
    record,
    period,
    version,
    aggregate: aggregates.get(aggregateMapKey(record.id, period.key)),
    dueTimers: [],
    at: Math.min(at, period.end),
  });
}

function closedBy(
  results: ClosedPeriodResult[],
  asOf: Instant,
  zone: string,
): ClosedPeriodResult | undefined {
  return results.find((r) => periodFromKey(r.period, zone).end <= asOf);
}

async function ledgerOf(deps: StoreDeps, departments: string[]): Promise<LedgerEntry[]> {
  const lists = await mapLimit(departments, READ_CONCURRENCY, (d) => deps.results.listLedger(d));
  return lists.flat();
}

/** What the schedule runs: build the digest for the week that just ended and deliver it. */
export async function sendWeeklyDigest(
  deps: StoreDeps & Omit<DigestDeliveryDeps, 'clock'>,
  options: { week?: string } = {},
): Promise<{ digest: Digest; delivery: DigestDeliveryReport }> {
  const config = await deps.commitments.getConfig();
  if (!config)
    throw new BadRequestError('no configuration has been applied yet; apply one before sending a digest');
  const digest = await buildWeeklyDigest(deps, options);
  const delivery = await deliverDigest(deps, digest, config);
  return { digest, delivery };
}
