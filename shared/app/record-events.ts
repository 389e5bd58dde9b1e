import type * as z from 'zod';
import type { Instant, Period } from '../domain/model.js';
import { periodOf } from '../domain/periods.js';
import { type FieldIssue, issuesFromZod } from '../domain/validation-error.js';
import { governingVersion } from '../domain/versions.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';
import type { AdditiveEvent, RecordResult, StatefulResult } from '../ports/event-store.js';
import { localTimeWords } from '../presentation/local-time-words.js';
import type { StoreDeps } from './deps.js';
import { CommitmentNotFoundError } from './errors.js';
import { eventSchemaFor, type RatioEvent, type TotalEvent } from './event-schemas.js';
import { type Prepared, stored } from './prepared-event.js';
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
 * reason. Nothing is counted twice and nothing acknowledged is lost.
 */
export async function recordEvents(
  deps: StoreDeps,
  commitmentId: string,
  events: unknown[],
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
    else prepared.push(outcome);
  });

  const additive = prepared.filter(
    (p) => p.definition.measure === 'total' || p.definition.measure === 'ratio',
  );
  const byPeriod = new Map<string, Prepared[]>();
  for (const p of additive) byPeriod.set(p.period.key, [...(byPeriod.get(p.period.key) ?? []), p]);
  for (const [periodKey, group] of byPeriod) {
    const results = await deps.events.recordAdditive(
      commitmentId,
      periodKey,
      group.map((p) => toAdditive(commitmentId, p, now)),
    );
    group.forEach((p, i) => {
      tally(results[i] as RecordResult, p);
    });
  }

  // Timers and outages are state machines: their events are applied one by one, in time order.
  const stateful = prepared
    .filter((p) => p.definition.measure === 'duration' || p.definition.measure === 'availability')
    .sort((a, b) => a.at - b.at || a.index - b.index);
  for (const p of stateful) {
    const outcome =
      p.definition.measure === 'duration'
        ? await recordTimerEvent(deps, record, p, now)
        : await recordOutageEvent(deps, record, p, now);
    if (typeof outcome === 'string') tally(outcome, p);
    else reject(p.index, outcome, p.id);
  }
  report.rejected.sort((a, b) => a.index - b.index);
  return report;
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
  if (p.definition.measure === 'total') {
    const value = (p.body as TotalEvent).value ?? 1;
    return { event: stored(commitmentId, p, now), increments: { sum: value, count: 1 } };
  }
  const body = p.body as RatioEvent;
  const good = body.outcome ? (body.outcome === 'good' ? 1 : 0) : (body.good ?? 0);
  const total = body.outcome ? 1 : (body.total ?? 0);
  return { event: stored(commitmentId, p, now), increments: { good, total } };
}
