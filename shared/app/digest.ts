/**
 * The weekly executive digest: gather what it shows from the stores, build it in the domain,
 * deliver it to the digest department's Slack channel and to the digests topic for email.
 *
 * A week's digest shows the state at that week's send time (the first digest fire time after the
 * week ends, Monday 08:00 by default), whenever it is asked for: the scheduled send is built live at
 * that moment; asking later reads the daily snapshots the evaluator left and the results closed by
 * then, never today's numbers. A week whose send time is still ahead shows the live state, as of
 * now, and says it has not been sent yet.
 */
import { DateTime } from 'luxon';
import { SCHEDULE_ACTOR } from '../domain/audit.js';
import type { ClosedPeriodResult } from '../domain/close.js';
import type { DigestFormat } from '../domain/digest/digest-format.js';
import type { DigestCommitmentInput } from '../domain/digest/digest-types.js';
import { digestSendTime, digestWeekAt } from '../domain/digest/schedule.js';
import type { Evaluation } from '../domain/evaluate.js';
import { isoInstant } from '../domain/instant-format.js';
import { latestVersion, periodAt } from '../domain/judgement.js';
import type { Instant, Period } from '../domain/model.js';
import { periodFromKey, periodKindOfKey } from '../domain/periods.js';
import { type CommitmentVersion, governingVersion } from '../domain/versions.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';
import { type AggregateRecord, aggregateMapKey } from '../ports/event-store.js';
import type { LedgerEntry } from '../ports/result-store.js';
import {
  formatAmount,
  formatPercent,
  STATUS_EMOJI,
  STATUS_LABEL,
  statusFigures,
} from '../presentation/status-line.js';
import { appendAudit } from './audit.js';
import { mapLimit } from './concurrency.js';
import type { StoreDeps } from './deps.js';
import { type DigestDeliveryDeps, type DigestDeliveryReport, deliverDigest } from './digest-delivery.js';
import { historyOf } from './digest-history.js';
import { buildDigest, type Digest } from './digest-rendering.js';
import { BadRequestError } from './errors.js';
import { listStatusWithAggregates } from './status.js';

/** The digest says numbers and statuses exactly as every other surface does. */
export const digestFormat: DigestFormat = {
  amount: formatAmount,
  percent: formatPercent,
  figures: statusFigures,
  label: STATUS_LABEL,
  emoji: STATUS_EMOJI,
};

/** The schedule when no configuration names one. */
const DEFAULT_SCHEDULE = { weekday: 1, minute: 8 * 60 } as const;

/** Store reads per commitment (snapshots, results) run this many at a time. */
const READ_CONCURRENCY = 16;

export interface DigestOptions {
  week?: string;
  /** The scheduled send: the week that just ended is built from the live state at this moment. */
  sending?: boolean;
}

export async function buildWeeklyDigest(deps: StoreDeps, options: DigestOptions = {}): Promise<Digest> {
  const now = deps.clock.now();
  const config = await deps.commitments.getConfig();
  const zone = config?.timezone ?? 'UTC';
  const departments = config?.departments ?? {};
  const latest = digestWeekAt(now, zone);
  const week = weekPeriod(options.week ?? latest, zone, now);
  const sendsAt = digestSendTime(config?.digest ?? DEFAULT_SCHEDULE, zone, week.key);
  const live = sendsAt > now || (options.sending === true && week.key === latest);
  const asOf = live ? now : sendsAt;

  // Read once: the live status judges every active commitment, the digest those created by "as of".
  const active = await deps.commitments.list('active');
  const records = active.filter((r) => r.createdAt < asOf);
  const [liveStatus, history] = await Promise.all([
    live ? listStatusWithAggregates(deps, active) : Promise.resolve(undefined),
    historyOf(deps, {
      records,
      weekKey: week.key,
      extraDates: live ? [] : sendDates(sendsAt, zone),
      live,
      asOf,
    }),
  ]);
  const liveById = new Map(
    (liveStatus?.statuses ?? []).map((s) => [s.evaluation.commitmentId, s.evaluation]),
  );

  const located = history.map(({ record, snapshots, results }) => {
    const recorded = liveById.get(record.id) ?? lastSnapshotAt(snapshots, asOf);
    return { record, snapshots, results, evaluation: recorded ?? unrecorded(record, asOf), recorded };
  });
  // The excusals of every commitment's period: who caused a shortfall, and the claims waiting for
  // a decision. Live, the status just read them; a past week's are read once, in batches.
  const [aggregates, ledger] = await Promise.all([
    liveStatus
      ? Promise.resolve(liveStatus.aggregates)
      : located.length > 0
        ? deps.events.getAggregates(
            located.map((l) => ({ commitmentId: l.record.id, periodKey: l.evaluation.period })),
          )
        : Promise.resolve(new Map<string, AggregateRecord>()),
    ledgerOf(deps, [...new Set([...Object.keys(departments), ...records.map((r) => providerOf(r))])]),
  ]);

  const commitments: DigestCommitmentInput[] = located.map((l) => {
    const { evaluation } = l;
    const version = versionFor(l.record, evaluation.period);
    const input: DigestCommitmentInput = {
      definition: version.definition,
      evaluation,
      createdAt: l.record.createdAt,
      snapshots: l.snapshots,
      excusals: aggregates.get(aggregateMapKey(l.record.id, evaluation.period))?.excusals ?? [],
    };
    if (!l.recorded) input.unrecorded = true;
    const lastClosed = closedBy(l.results, asOf);
    if (lastClosed) input.lastClosed = lastClosed;
    return input;
  });
  return buildDigest(
    {
      week: week.key,
      zone,
      generatedAt: now,
      asOf,
      sendsAt,
      departments,
      commitments,
      ledger: ledger.filter((entry) => entry.recordedAt <= asOf),
      ...(config?.creditUnit === undefined ? {} : { creditUnit: config.creditUnit }),
    },
    digestFormat,
  );
}

/**
 * The local dates whose snapshot may hold the state at the send time: the send date itself (its
 * snapshot is usable only if it was taken before sending) and the day before (the last state of
 * the previous evening; for the Monday send, the week's Sunday, which the sparkline reads anyway).
 */
function sendDates(sendsAt: Instant, zone: string): string[] {
  const day = DateTime.fromMillis(sendsAt, { zone });
  return [day.minus({ days: 1 }).toISODate() ?? '', day.toISODate() ?? ''];
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

/** The newest snapshot evaluated at or before `asOf` (a later one of the same day is of no use). */
function lastSnapshotAt(
  snapshots: Array<{ localDate: string; evaluation: Evaluation }>,
  asOf: Instant,
): Evaluation | undefined {
  let found: Evaluation | undefined;
  let foundAt = -Infinity;
  for (const { evaluation } of snapshots) {
    const at = Date.parse(evaluation.evaluatedAt);
    if (at <= asOf && at > foundAt) {
      found = evaluation;
      foundAt = at;
    }
  }
  return found;
}

/**
 * No state was recorded by the send time (the evaluator was not running yet). Judging the period now
 * would count events recorded since under the old week's label, so it is shown as not measured.
 */
function unrecorded(record: CommitmentRecord, asOf: Instant): Evaluation {
  const { period, version } = periodAt(record, asOf - 1);
  const { definition } = version;
  return {
    commitmentId: record.id,
    period: period.key,
    measure: definition.measure,
    status: 'no_data',
    actual: 0,
    target: (definition.measure === 'total' ? definition.target : definition.objective) ?? 0,
    expected: 0,
    projected: null,
    attainment: null,
    elapsed: 0,
    unit: definition.unit,
    evaluatedAt: isoInstant(asOf),
  };
}

/** The newest result already closed at `asOf`. */
function closedBy(results: ClosedPeriodResult[], asOf: Instant): ClosedPeriodResult | undefined {
  return results.find((r) => Date.parse(r.closedAt) <= asOf);
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
  const digest = await buildWeeklyDigest(deps, { ...options, sending: true });
  const delivery = await deliverDigest(deps, digest, config);
  // A week is delivered once (its delivery log says so), so the week is the entry's key.
  if (delivery.outcome === 'delivered') {
    await appendAudit(deps, SCHEDULE_ACTOR, {
      action: 'digest.sent',
      key: digest.week,
      detail: {
        week: digest.week,
        emailed: delivery.emailed,
        ...(delivery.slack && 'channel' in delivery.slack ? { channel: delivery.slack.channel } : {}),
        headline: digest.headline,
      },
    });
  }
  return { digest, delivery };
}
