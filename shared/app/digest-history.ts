import { DateTime } from 'luxon';
import type { ClosedPeriodResult } from '../domain/close.js';
import { mayHaveScoredSnapshots } from '../domain/digest/scored-snapshots.js';
import { decidesItsWeek, SPARKLINE_WEEKS, weeksEndingWith } from '../domain/digest/trend.js';
import type { Evaluation } from '../domain/evaluate.js';
import { latestVersion } from '../domain/judgement.js';
import { periodFromKey, periodOf, previousPeriod } from '../domain/periods.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';
import type { StoreDeps } from './deps.js';

type Snapshot = { commitmentId: string; localDate: string; evaluation: Evaluation };

export interface CommitmentHistory {
  record: CommitmentRecord;
  /** Oldest first. */
  snapshots: Array<{ localDate: string; evaluation: Evaluation }>;
  /** Newest period first. */
  results: ClosedPeriodResult[];
}

export interface HistoryRequest {
  records: CommitmentRecord[];
  weekKey: string;
  /** Dates whose snapshot may hold the state at a past week's send time (none for the live week). */
  extraDates: string[];
  /** The state the digest reports is read live, so only the sparkline reads snapshots. */
  live: boolean;
  asOf: number;
}

/**
 * What the trend and the last closed result need, read by key in batches rather than one query per
 * commitment. A sparkline week is scored from its Sunday snapshot, or its Friday one when Sunday's
 * says nothing settled (just after a period began, or no data): Sundays are read first and a
 * Friday only where its Sunday does not decide the week. A past week's digest also falls back on
 * the snapshot nearest its send time, so it reads every Friday; the live one reads no snapshot of a
 * commitment that cannot have a scored one (availability never measured). Of the last three periods' results
 * only closed ones can exist, and the newest closed by "as of" is the one shown, so they are read
 * newest first, a further one only where the newer one was not closed by then.
 */
export async function historyOf(deps: StoreDeps, request: HistoryRequest): Promise<CommitmentHistory[]> {
  const { records } = request;
  const [snapshots, results] = await Promise.all([
    snapshotsOf(deps, request),
    lastClosedResults(deps, records, request.weekKey, request.asOf),
  ]);
  const snapshotsByCommitment = groupBy(snapshots, (s) => s.commitmentId);
  return records.map((record) => ({
    record,
    snapshots: (snapshotsByCommitment.get(record.id) ?? [])
      .map(({ localDate, evaluation }) => ({ localDate, evaluation }))
      .sort((a, b) => a.localDate.localeCompare(b.localDate)),
    results: results.get(record.id) ?? [],
  }));
}

async function snapshotsOf(deps: StoreDeps, request: HistoryRequest): Promise<Snapshot[]> {
  // Live, snapshots feed only the trend and the sparkline, which a snapshot without a score leaves
  // as they are: a commitment none of whose snapshots can score needs none read.
  const records = request.live ? request.records.filter(mayHaveScoredSnapshots) : request.records;
  const weeks = weeksEndingWith(request.weekKey, SPARKLINE_WEEKS).map((w) => ({
    sunday: w.to,
    friday: DateTime.fromISO(w.to).minus({ days: 2 }).toISODate() ?? w.to,
  }));
  const firstDates = [...new Set([...weeks.map((w) => w.sunday), ...request.extraDates])];
  const first = await deps.results.getSnapshots(
    records.flatMap((r) => firstDates.map((localDate) => ({ commitmentId: r.id, localDate }))),
  );
  const read = new Set(first.map((s) => `${s.commitmentId}|${s.localDate}`));
  const byId = new Map(records.map((r) => [r.id, r]));
  const decided = new Set(
    first
      .filter((s) => {
        const record = byId.get(s.commitmentId);
        // Any version may be the one that judges the reported period, so each must agree.
        return record?.versions.every((v) => decidesItsWeek(s.evaluation, v.definition)) ?? false;
      })
      .map((s) => `${s.commitmentId}|${s.localDate}`),
  );
  const fridays = records.flatMap((r) =>
    weeks
      .filter((w) => !firstDates.includes(w.friday))
      .filter((w) => !request.live || !decided.has(`${r.id}|${w.sunday}`))
      .map((w) => ({ commitmentId: r.id, localDate: w.friday }))
      .filter((k) => !read.has(`${k.commitmentId}|${k.localDate}`)),
  );
  const second = fridays.length > 0 ? await deps.results.getSnapshots(fridays) : [];
  return [...first, ...second];
}

/** The results of the last three periods up to the week, newest first, stopping at the first closed by `asOf`. */
async function lastClosedResults(
  deps: StoreDeps,
  records: CommitmentRecord[],
  weekKey: string,
  asOf: number,
): Promise<Map<string, ClosedPeriodResult[]>> {
  const found = new Map<string, ClosedPeriodResult[]>();
  // A result exists only for a period at or before the commitment's last closed one.
  let pending = records.map((record) => ({
    record,
    periods: lastPeriods(record, weekKey).filter(
      (key) => record.closedThrough !== undefined && key <= record.closedThrough,
    ),
  }));
  for (;;) {
    pending = pending.filter((p) => p.periods.length > 0);
    if (pending.length === 0) return found;
    const wanted = pending.map((p) => ({ commitmentId: p.record.id, periodKey: p.periods[0] as string }));
    const results = await deps.results.getResults(wanted);
    const closedByAsOf = new Set<string>();
    for (const result of results) {
      found.set(result.commitmentId, [...(found.get(result.commitmentId) ?? []), result]);
      if (Date.parse(result.closedAt) <= asOf) closedByAsOf.add(result.commitmentId);
    }
    pending = pending
      .filter((p) => !closedByAsOf.has(p.record.id))
      .map((p) => ({ record: p.record, periods: p.periods.slice(1) }));
  }
}

/** The commitment's period (its kind, its zone) that contains the end of the week, and the two before it. */
function lastPeriods(record: CommitmentRecord, weekKey: string): string[] {
  const { definition } = latestVersion(record);
  const weekEnd = periodFromKey(weekKey, definition.timezone).end;
  let period = periodOf(definition.period, weekEnd - 1, definition.timezone);
  const keys: string[] = [];
  for (let i = 0; i < 3; i++, period = previousPeriod(period)) keys.push(period.key);
  return keys;
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
