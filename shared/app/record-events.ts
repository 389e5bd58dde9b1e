import type * as z from 'zod';
import type { CommitmentDefinition, Excusal, Instant, Period } from '../domain/model.js';
import { calendarOf } from '../domain/pacing.js';
import { periodOf, periodsBetween } from '../domain/periods.js';
import { isWithinThreshold, type SubjectTimer, subjectDueAt } from '../domain/subject-timer.js';
import { type FieldIssue, issuesFromZod } from '../domain/validation-error.js';
import { governingVersion } from '../domain/versions.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';
import type {
  AdditiveEvent,
  RecordResult,
  StatefulResult,
  StoredEvent,
  TimerRecord,
} from '../ports/event-store.js';
import type { StoreDeps } from './deps.js';
import { CommitmentNotFoundError } from './errors.js';
import {
  type AvailabilityEvent,
  type DurationEvent,
  eventSchemaFor,
  type RatioEvent,
  type TotalEvent,
} from './event-schemas.js';

/** Events may be stamped slightly ahead of our clock (clock skew), never more. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** A stateful event that keeps losing races is retried this often before it is reported as a conflict. */
const STATEFUL_RETRIES = 5;

export interface RecordEventsReport {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; id?: string; errors: FieldIssue[] }>;
}

interface Prepared {
  index: number;
  id: string;
  at: Instant;
  period: Period;
  definition: CommitmentDefinition;
  body: Record<string, unknown>;
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
  const schema = eventSchemaFor[version.definition.measure] as z.ZodType<Record<string, unknown>>;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { errors: issuesFromZod(parsed.error), id };
  if (!provisional) return { errors: [{ path: 'at', message: 'is not a valid date-time' }], id };
  if (at > now + FUTURE_TOLERANCE_MS) {
    return {
      errors: [
        {
          path: 'at',
          message: `is in the future (${new Date(at).toISOString()}); events must not be more than 5 minutes ahead of now`,
        },
      ],
      id,
    };
  }
  const firstVersion = record.versions[0];
  if (firstVersion && at < firstVersion.effectiveFrom) {
    return {
      errors: [
        {
          path: 'at',
          message: `is before the commitment's first period (${new Date(firstVersion.effectiveFrom).toISOString()})`,
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

function closedIssue(period: Period): FieldIssue {
  return {
    path: 'at',
    message: `falls in period ${period.key}, which is closed and final; late events are not counted (record an excusal or a correction in the current period instead)`,
  };
}

function stored(commitmentId: string, p: Prepared, now: Instant, periodKey = p.period.key): StoredEvent {
  return { commitmentId, eventId: p.id, periodKey, at: p.at, recordedAt: now, body: p.body };
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

async function excusalsOf(deps: StoreDeps, commitmentId: string, periodKey: string): Promise<Excusal[]> {
  const aggregates = await deps.events.getAggregates([{ commitmentId, periodKey }]);
  return [...aggregates.values()][0]?.excusals ?? [];
}

/** Applies one timer event: start, pause, resume or stop of a subject, retried when it loses a race. */
async function recordTimerEvent(
  deps: StoreDeps,
  record: CommitmentRecord,
  p: Prepared,
  now: Instant,
): Promise<StatefulResult | FieldIssue[]> {
  const { subject, phase } = p.body as DurationEvent;
  const definition = p.definition;
  const calendar = calendarOf(definition);
  const thresholdMs = definition.thresholdMs ?? 0;
  for (let attempt = 0; attempt < STATEFUL_RETRIES; attempt++) {
    const current = await deps.events.getTimer(record.id, subject);
    const problem = timerProblem(current, phase, p.at, subject);
    if (problem) {
      // A retry of an event already applied looks like a problem ("already started"): it is a duplicate.
      if (current && (await isKnownEvent(deps, record.id, p.id))) return 'duplicate';
      return [{ path: 'phase', message: problem }];
    }
    const periodKey = current?.periodKey ?? p.period.key;
    const excusals = await excusalsOf(deps, record.id, periodKey);
    const next: TimerRecord = current
      ? { ...current, pauses: current.pauses.map((x) => ({ ...x })), revision: current.revision + 1 }
      : { commitmentId: record.id, subject, periodKey, startedAt: p.at, pauses: [], revision: 0 };
    const increments: Record<string, number> = {};
    if (phase === 'start') increments.open = 1;
    if (phase === 'pause') next.pauses.push({ from: p.at });
    if (phase === 'resume') {
      const last = next.pauses[next.pauses.length - 1];
      if (last) last.to = p.at;
    }
    if (phase === 'stop') {
      const last = next.pauses[next.pauses.length - 1];
      if (last && last.to === undefined) last.to = p.at;
      next.stoppedAt = p.at;
      const timer: SubjectTimer = {
        subject,
        startedAt: next.startedAt,
        pauses: next.pauses,
        stoppedAt: p.at,
      };
      next.within = isWithinThreshold(timer, calendar, excusals, thresholdMs, p.at);
      next.dueAt = undefined;
      increments.open = -1;
      increments.completed = 1;
      increments.completedWithin = next.within ? 1 : 0;
    } else {
      const timer: SubjectTimer = { subject, startedAt: next.startedAt, pauses: next.pauses };
      const due = subjectDueAt(timer, calendar, excusals, thresholdMs, p.at);
      next.dueAt = due ?? undefined;
    }
    const result = await deps.events.recordTimerEvent({
      event: stored(record.id, p, now, periodKey),
      expectedRevision: current ? current.revision : null,
      next,
      aggregates: [{ periodKey, increments }],
    });
    if (result !== 'conflict') return result;
  }
  return 'conflict';
}

async function isKnownEvent(deps: StoreDeps, commitmentId: string, eventId: string): Promise<boolean> {
  return deps.events.hasEvent(commitmentId, eventId);
}

function timerProblem(
  current: TimerRecord | undefined,
  phase: DurationEvent['phase'],
  at: Instant,
  subject: string,
) {
  if (phase === 'start') {
    if (!current) return undefined;
    return current.stoppedAt !== undefined
      ? `subject '${subject}' was already started and stopped; use a new subject id`
      : `subject '${subject}' is already running`;
  }
  if (!current) return `subject '${subject}' has not started: send its 'start' event first`;
  if (current.stoppedAt !== undefined) return `subject '${subject}' is already stopped`;
  const paused = current.pauses.some((x) => x.to === undefined);
  if (phase === 'pause' && paused) return `subject '${subject}' is already paused`;
  if (phase === 'resume' && !paused) return `subject '${subject}' is not paused`;
  const lastChange = Math.max(current.startedAt, ...current.pauses.flatMap((x) => [x.from, x.to ?? x.from]));
  if (at < lastChange) {
    return `is earlier than the subject's previous event (${new Date(lastChange).toISOString()}); send a subject's events in time order`;
  }
  return undefined;
}

/** Applies one outage event: an incident going down or coming back up. */
async function recordOutageEvent(
  deps: StoreDeps,
  record: CommitmentRecord,
  p: Prepared,
  now: Instant,
): Promise<StatefulResult | FieldIssue[]> {
  const { incident, phase } = p.body as AvailabilityEvent;
  for (let attempt = 0; attempt < STATEFUL_RETRIES; attempt++) {
    const current = await deps.events.getOutage(record.id, incident);
    if (phase === 'down') {
      if (current) {
        if (await isKnownEvent(deps, record.id, p.id)) return 'duplicate';
        return [
          {
            path: 'incident',
            message: `incident '${incident}' was already reported down; use a new incident id for a new outage`,
          },
        ];
      }
      const result = await deps.events.recordOutageEvent({
        event: stored(record.id, p, now),
        expectedRevision: null,
        next: { commitmentId: record.id, incident, down: p.at, revision: 0 },
        aggregates: [{ periodKey: p.period.key, outage: { incident, down: p.at } }],
        openOutage: { incident, down: p.at },
      });
      if (result !== 'conflict') return result;
      continue;
    }
    if (!current)
      return [
        {
          path: 'incident',
          message: `incident '${incident}' was never reported down: send its 'down' event first`,
        },
      ];
    if (current.up !== undefined) {
      if (await isKnownEvent(deps, record.id, p.id)) return 'duplicate';
      return [{ path: 'incident', message: `incident '${incident}' is already back up` }];
    }
    if (p.at < current.down) {
      return [
        { path: 'at', message: `is before the incident went down (${new Date(current.down).toISOString()})` },
      ];
    }
    // The outage counts in every period it touched that is still open; closed ones keep their result.
    const periods = periodsBetween(p.definition.period, current.down, p.at + 1, p.definition.timezone).filter(
      (period) => !record.closedThrough || period.key > record.closedThrough,
    );
    const result = await deps.events.recordOutageEvent({
      event: stored(record.id, p, now),
      expectedRevision: current.revision,
      next: { ...current, up: p.at, revision: current.revision + 1 },
      aggregates: periods.map((period) => ({
        periodKey: period.key,
        outage: { incident, down: current.down, up: p.at },
      })),
      openOutage: { incident, closed: true },
    });
    if (result !== 'conflict') return result;
  }
  return 'conflict';
}
