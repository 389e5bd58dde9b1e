/**
 * Timer (duration) and outage (availability) events: small state machines per subject or incident,
 * applied one event at a time with a write conditional on the state's revision, and retried when
 * a concurrent writer got there first.
 */
import type { Excusal, Instant } from '../domain/model.js';
import { calendarOf } from '../domain/pacing.js';
import { periodsBetween } from '../domain/periods.js';
import { isWithinThreshold, type SubjectTimer, subjectDueAt } from '../domain/subject-timer.js';
import type { FieldIssue } from '../domain/validation-error.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';
import type { StatefulResult, TimerRecord } from '../ports/event-store.js';
import { localTimeWords } from '../presentation/local-time-words.js';
import type { StoreDeps } from './deps.js';
import type { AvailabilityEvent, DurationEvent } from './event-schemas.js';
import { handCount, type Prepared, stored } from './prepared-event.js';
import { RETRY, type Retry, retryOnConflict } from './retry-on-conflict.js';

/** A stateful event that keeps losing races is retried this often before it is reported as a conflict. */
const STATEFUL_RETRIES = 5;

/** Applies one event to its subject's or incident's state: its result, or what is wrong with it. */
type StatefulEventRecorder = (
  deps: StoreDeps,
  record: CommitmentRecord,
  p: Prepared,
  now: Instant,
) => Promise<StatefulResult | FieldIssue[]>;

/** Runs one stateful event's read-and-write; one that keeps losing races is reported as a conflict. */
function retryStateful(attempt: () => Promise<StatefulResult | FieldIssue[] | Retry>) {
  return retryOnConflict<StatefulResult | FieldIssue[]>(attempt, {
    attempts: STATEFUL_RETRIES,
    what: 'The event',
    exhausted: () => 'conflict',
  });
}

/** The excusals recorded on these periods' aggregates (an excusal spanning both is on each). */
async function excusalsOf(deps: StoreDeps, commitmentId: string, periodKeys: string[]): Promise<Excusal[]> {
  const aggregates = await deps.events.getAggregates(
    periodKeys.map((periodKey) => ({ commitmentId, periodKey })),
  );
  const byId = new Map<string, Excusal>();
  for (const aggregate of aggregates.values()) for (const e of aggregate.excusals) byId.set(e.id, e);
  return [...byId.values()];
}

/** Applies one timer event: start, pause, resume or stop of a subject, retried when it loses a race. */
export const recordTimerEvent: StatefulEventRecorder = async (deps, record, p, now) => {
  const { subject, phase } = p.body as DurationEvent;
  const definition = p.definition;
  const calendar = calendarOf(definition);
  const thresholdMs = definition.thresholdMs ?? 0;
  return retryStateful(async () => {
    const current = await deps.events.getTimer(record.id, subject);
    const problem = timerProblem(current, phase, p.at, subject, p.definition.timezone);
    if (problem) {
      // A retry of an event already applied looks like a problem ("already started"): it is a duplicate.
      if (current && (await isKnownEvent(deps, record.id, p.id))) return 'duplicate';
      return [{ path: 'phase', message: problem }];
    }
    // A subject is judged where it finishes: in the period of its stop, or, if it is still open when
    // it becomes overdue, in the period that was then (see judge.ts); so every write goes to the
    // period of the event itself.
    const startPeriod = current?.periodKey ?? p.period.key;
    const excusals = await excusalsOf(deps, record.id, [startPeriod, p.period.key]);
    const next: TimerRecord = current
      ? { ...current, pauses: current.pauses.map((x) => ({ ...x })), revision: current.revision + 1 }
      : {
          commitmentId: record.id,
          subject,
          periodKey: startPeriod,
          startedAt: p.at,
          pauses: [],
          revision: 0,
        };
    const increments: Record<string, number> = {};
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
      // A subject a closed period already counted as a miss is not counted a second time.
      if (!current?.retired) {
        increments.completed = 1;
        increments.completedWithin = next.within ? 1 : 0;
      }
    } else {
      const timer: SubjectTimer = { subject, startedAt: next.startedAt, pauses: next.pauses };
      const due = subjectDueAt(timer, calendar, excusals, thresholdMs, p.at);
      next.dueAt = due ?? undefined;
    }
    const result = await deps.events.recordTimerEvent({
      event: stored(record.id, p, now),
      expectedRevision: current ? current.revision : null,
      next,
      aggregates: [{ periodKey: p.period.key, increments: { ...increments, ...handCount(p) } }],
    });
    return result === 'conflict' ? RETRY : result;
  });
};

async function isKnownEvent(deps: StoreDeps, commitmentId: string, eventId: string): Promise<boolean> {
  return deps.events.hasEvent(commitmentId, eventId);
}

function timerProblem(
  current: TimerRecord | undefined,
  phase: DurationEvent['phase'],
  at: Instant,
  subject: string,
  zone: string,
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
    return `is earlier than the subject's previous event (${localTimeWords(lastChange, zone)}); send a subject's events in time order`;
  }
  return undefined;
}

/** Applies one outage event: an incident going down or coming back up, or a heartbeat. */
export const recordOutageEvent: StatefulEventRecorder = async (deps, record, p, now) => {
  const { incident, phase } = p.body as AvailabilityEvent;
  return retryStateful(async () => {
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
        aggregates: [{ periodKey: p.period.key, outage: { incident, down: p.at }, increments: handCount(p) }],
        openOutage: { incident, down: p.at },
      });
      return result === 'conflict' ? RETRY : result;
    }
    // An `up` with no open incident is a monitor saying "all is well": it changes no outage, but it
    // is the evidence that availability is being measured at all (a retry of the incident's own
    // `up` has the same id and comes back a duplicate).
    if (!current || current.up !== undefined) return deps.events.recordHeartbeat(stored(record.id, p, now));
    if (p.at < current.down) {
      return [
        {
          path: 'at',
          message: `is before the incident went down (${localTimeWords(current.down, p.definition.timezone)})`,
        },
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
        ...(period.key === p.period.key ? { increments: handCount(p) } : {}),
      })),
      openOutage: { incident, closed: true },
    });
    return result === 'conflict' ? RETRY : result;
  });
};
