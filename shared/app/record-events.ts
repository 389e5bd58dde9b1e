import type * as z from 'zod';
import { longestWindow, minuteOf } from '../domain/alerts/burn-rate.js';
import type { Author } from '../domain/audit.js';
import type { CommitmentDefinition, Instant, Period } from '../domain/model.js';
import { periodOf } from '../domain/periods.js';
import { type FieldIssue, issuesFromZod } from '../domain/validation-error.js';
import { governingVersion } from '../domain/versions.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';
import type { AdditiveEvent, RecordResult, StatefulResult } from '../ports/event-store.js';
import { localTimeWords } from '../presentation/local-time-words.js';
import { type AuditChange, auditEntry, digestOf, UNATTRIBUTED } from './audit.js';
import type { StoreDeps } from './deps.js';
import { CommitmentNotFoundError } from './errors.js';
import { eventSchemaFor, type RatioEvent, type TotalEvent } from './event-schemas.js';
import { handCount, type Prepared, stored } from './prepared-event.js';
import { recordOutageEvent, recordTimerEvent } from './record-stateful-events.js';

/** Events may be stamped slightly ahead of our clock (clock skew), never more. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface RecordEventsReport {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; id?: string; errors: FieldIssue[] }>;
}

/**
 * Records a batch of measurement events for one commitment, each exactly once. Every event gets
 * its own verdict: accepted, a duplicate (a retry of one already counted) or rejected with the
 * reason. Nothing is counted twice and nothing acknowledged is lost. `actor` is kept on each event
 * and the request leaves one audit entry.
 */
export async function recordEvents(
  deps: StoreDeps,
  commitmentId: string,
  events: unknown[],
  actor: Author = UNATTRIBUTED,
): Promise<RecordEventsReport> {
  const record = await deps.commitments.get(commitmentId);
  if (record?.state !== 'active') throw new CommitmentNotFoundError(commitmentId);
  const now = deps.clock.now();
  const report: RecordEventsReport = { accepted: 0, duplicates: 0, rejected: [] };
  const reject = (index: number, errors: FieldIssue[], id?: string) =>
    report.rejected.push({ index, ...(id ? { id } : {}), errors });
  const tally = (result: RecordResult | StatefulResult, p: Prepared) => {
    if (result === 'accepted') report.accepted++;
    else if (result === 'duplicate') report.duplicates++;
    else if (result === 'closed') reject(p.index, [closedIssue(p.period)], p.id);
    else
      reject(
        p.index,
        [{ path: 'id', message: 'lost a race with another update of the same subject; send it again' }],
        p.id,
      );
  };

  const prepared: Prepared[] = [];
  events.forEach((raw, index) => {
    const outcome = prepare(record, raw, index, now);
    if ('errors' in outcome) reject(index, outcome.errors, outcome.id);
    else prepared.push({ ...outcome, by: actor.by, via: actor.via });
  });

  const additive = prepared.filter(
    (p) => p.definition.measure === 'total' || p.definition.measure === 'ratio',
  );
  // Timers and outages are state machines: their events are applied one by one, in time order.
  const stateful = prepared
    .filter((p) => p.definition.measure === 'duration' || p.definition.measure === 'availability')
    .sort((a, b) => a.at - b.at || a.index - b.index);
  const entryFor = (counts: RequestCounts) =>
    auditEntry(now, actor, requestChange(commitmentId, events, prepared, counts));

  const periods = new Map<string, Prepared[]>();
  for (const p of additive) periods.set(p.period.key, [...(periods.get(p.period.key) ?? []), p]);
  const byPeriod = [...periods];
  let traced = false;
  for (const [n, [periodKey, group]] of byPeriod.entries()) {
    // The request's last write carries its entry, so the entry costs no transaction of its own.
    const last = n === byPeriod.length - 1 && stateful.length === 0;
    const outcome = await deps.events.recordAdditive(
      commitmentId,
      periodKey,
      group.map((p) => toAdditive(commitmentId, p, now)),
      last ? (results) => entryFor(countsWith(report, results)) : undefined,
    );
    traced = outcome.traced;
    group.forEach((p, i) => {
      tally(outcome.results[i] as RecordResult, p);
    });
  }

  for (const p of stateful) {
    const outcome =
      p.definition.measure === 'duration'
        ? await recordTimerEvent(deps, record, p, now)
        : await recordOutageEvent(deps, record, p, now);
    if (typeof outcome === 'string') tally(outcome, p);
    else reject(p.index, outcome, p.id);
  }
  report.rejected.sort((a, b) => a.index - b.index);
  // No write carried the entry (timers and outages, or nothing new to write): it is appended alone.
  if (!traced && report.accepted + report.duplicates > 0)
    await deps.audit.append(entryFor(countsWith(report, [])));
  return report;
}

interface RequestCounts {
  accepted: number;
  duplicates: number;
  rejected: number;
}

/** The report's counts with those of results not tallied yet (a write that has not committed). */
function countsWith(report: RecordEventsReport, results: RecordResult[]): RequestCounts {
  const count = (wanted: RecordResult) => results.filter((r) => r === wanted).length;
  return {
    accepted: report.accepted + count('accepted'),
    duplicates: report.duplicates + count('duplicate'),
    rejected: report.rejected.length + count('closed'),
  };
}

/**
 * One entry per request, whose id derives from the ids of the events it carried: the same request
 * retried finds its entry, and a retry after a crash that recorded the events but no entry adds it.
 */
function requestChange(
  commitmentId: string,
  events: unknown[],
  prepared: Prepared[],
  counts: RequestCounts,
): AuditChange {
  const ids = events
    .map((e) => (typeof e === 'object' && e !== null ? (e as { id?: unknown }).id : undefined))
    .filter((id): id is string => typeof id === 'string');
  const periods = [...new Set(prepared.map((p) => p.period.key))];
  const sources = [
    ...new Set(prepared.map((p) => p.body.source).filter((s): s is string => typeof s === 'string')),
  ];
  return {
    action: 'events.recorded',
    key: digestOf([...new Set(ids)].sort().join('\n')),
    commitmentId,
    ...(periods.length === 1 ? { period: periods[0] } : {}),
    detail: {
      ...counts,
      ...(periods.length > 1 ? { periods } : {}),
      ...(sources.length > 0 ? { sources: sources.slice(0, 5) } : {}),
    },
  };
}

function prepare(
  record: CommitmentRecord,
  raw: unknown,
  index: number,
  now: Instant,
): Prepared | { errors: FieldIssue[]; id?: string } {
  const id =
    typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id
      : undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { errors: [{ path: '', message: 'must be an event object like {"id": "...", "at": "..."}' }] };
  }
  const rawAt = (raw as { at?: unknown }).at;
  const at = typeof rawAt === 'string' ? Date.parse(rawAt) : now;
  const latest = record.versions[record.versions.length - 1];
  if (!latest) return { errors: [{ path: '', message: 'the commitment has no definition' }], id };
  // The period is found with the newest definition's period kind; the governing version then decides.
  const kind = latest.definition.period;
  const zone = latest.definition.timezone;
  const provisional = Number.isNaN(at) ? undefined : periodOf(kind, at, zone);
  const version = provisional ? (governingVersion(record.versions, provisional) ?? latest) : latest;
  const schema = eventSchemaFor[version.definition.measure]() as z.ZodType<Record<string, unknown>>;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { errors: issuesFromZod(parsed.error), id };
  const fraction = fractionIssue(version.definition, parsed.data);
  if (fraction) return { errors: [fraction], id };
  if (!provisional) return { errors: [{ path: 'at', message: 'is not a valid date-time' }], id };
  if (at > now + FUTURE_TOLERANCE_MS) {
    return {
      errors: [
        {
          path: 'at',
          message: `is in the future (${localTimeWords(at, zone)}); events must not be more than 5 minutes ahead of now`,
        },
      ],
      id,
    };
  }
  if (record.activeSince !== undefined && at < record.activeSince) {
    return { errors: [beforeEffectIssue(record.activeSince, zone)], id };
  }
  const firstVersion = record.versions[0];
  if (firstVersion && at < firstVersion.effectiveFrom) {
    return {
      errors: [
        {
          path: 'at',
          message: `is before the commitment's first period, which starts ${localTimeWords(firstVersion.effectiveFrom, zone)}`,
        },
      ],
      id,
    };
  }
  if (record.closedThrough && provisional.key <= record.closedThrough) {
    return { errors: [closedIssue(provisional)], id };
  }
  const { id: eventId, at: _at, ...body } = parsed.data as { id: string; at?: string };
  return { index, id: eventId, at, period: provisional, definition: version.definition, body };
}

/**
 * A total counts whole things (leads, incidents) unless its definition says `values: decimal`, so a
 * fraction of a lead is refused rather than silently summed.
 */
function fractionIssue(
  definition: CommitmentDefinition,
  event: Record<string, unknown>,
): FieldIssue | undefined {
  if (definition.measure !== 'total' || definition.values === 'decimal') return undefined;
  const value = event.value;
  if (typeof value !== 'number' || Number.isInteger(value)) return undefined;
  return {
    path: 'value',
    message: `must be a whole number of ${definition.unit} for ${definition.id}, got ${value}; a commitment that counts fractions says \`values: decimal\``,
  };
}

/** Nothing before the commitment took effect is judged, so an event from then would count for nothing. */
function beforeEffectIssue(activeSince: Instant, zone: string): FieldIssue {
  return {
    path: 'at',
    message: `is before the commitment took effect on ${localTimeWords(activeSince, zone)}; only events from then on are counted`,
  };
}

function closedIssue(period: Period): FieldIssue {
  return {
    path: 'at',
    message: `falls in period ${period.key}, which is closed and final; late events are not counted (record an excusal or a correction in the current period instead)`,
  };
}

function toAdditive(commitmentId: string, p: Prepared, now: Instant): AdditiveEvent {
  const additive: AdditiveEvent = {
    event: stored(commitmentId, p, now),
    increments: { ...additiveIncrements(p.definition.measure, p.body), ...handCount(p) },
  };
  // Counted by the minute too where burn-rate windows will look for it; older outcomes no window sees.
  const rules = p.definition.alerts?.burnRate ?? [];
  if (p.definition.measure === 'ratio' && rules.length > 0 && p.at >= now - longestWindow(rules))
    additive.minute = minuteOf(p.at);
  return additive;
}

/** What one total or ratio event adds to its period's counters (a void takes the same back). */
export function additiveIncrements(
  measure: 'total' | 'ratio' | 'duration' | 'availability',
  body: Record<string, unknown>,
): Record<string, number> {
  if (measure === 'total') return { sum: (body as TotalEvent).value ?? 1, count: 1 };
  const ratio = body as RatioEvent;
  const good = ratio.outcome ? (ratio.outcome === 'good' ? 1 : 0) : (ratio.good ?? 0);
  const total = ratio.outcome ? 1 : (ratio.total ?? 0);
  return { good, total };
}
