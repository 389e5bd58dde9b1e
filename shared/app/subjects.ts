/**
 * The open subjects of a duration commitment (leads waiting to be contacted): which are late and by
 * how much, which fall due soon. Read from the commitment's open-subject index, judged in the domain.
 */
import { isoInstant } from '../domain/instant-format.js';
import { latestVersion, periodAt } from '../domain/judgement.js';
import {
  DUE_SOON_HORIZON_MS,
  dueSoonUntil,
  type LateSubjects,
  lateSubjects,
  type SubjectStanding,
  type SubjectState,
  subjectStanding,
  subjectsIn,
} from '../domain/late-subjects.js';
import type { CommitmentDefinition, Excusal, Instant } from '../domain/model.js';
import { calendarOf } from '../domain/pacing.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';
import type { TimerRecord } from '../ports/event-store.js';
import type { StoreDeps } from './deps.js';
import { BadRequestError, CommitmentNotFoundError } from './errors.js';

/** The most subjects one page of the listing holds. */
export const MAX_SUBJECT_PAGE = 200;
export const DEFAULT_SUBJECT_PAGE = 50;
/**
 * Late and due-soon subjects are ordered by lateness, which only the domain can work out, so all
 * candidates are read before a page is cut; past this many, the listing says it is incomplete.
 */
export const MAX_LATE_CANDIDATES = 2000;

/** One subject as the API shows it: instants in UTC, lateness and time left in counted seconds. */
export interface SubjectView {
  id: string;
  startedAt: string;
  dueAt: string | null;
  paused: boolean;
  overdue: boolean;
  lateSeconds: number;
  remainingSeconds: number;
}

export interface SubjectListing {
  commitmentId: string;
  state: SubjectState;
  timezone: string;
  /** Whether seconds are counted in the calendar's business hours (else around the clock). */
  businessTime: boolean;
  /** How far ahead `due_soon` looks, in counted seconds. */
  dueSoonSeconds: number;
  evaluatedAt: string;
  subjects: SubjectView[];
  /** Pass as `cursor` for the next page; absent on the last one. */
  nextCursor?: string;
  /** False when there were more late candidates than one listing reads. */
  complete: boolean;
}

/** Where the next page starts: after a subject in index order (`open`), or at an offset (others). */
type Cursor = { s: string; d?: number } | { o: number };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, state: SubjectState): Cursor {
  const bad = () =>
    new BadRequestError('cursor must be the nextCursor of an earlier page of the same state', 'cursor');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (typeof value !== 'object' || value === null) throw bad();
  const v = value as Record<string, unknown>;
  if (state === 'open') {
    if (typeof v.s !== 'string' || (v.d !== undefined && !Number.isSafeInteger(v.d))) throw bad();
    return { s: v.s, ...(v.d === undefined ? {} : { d: v.d as number }) };
  }
  if (!Number.isSafeInteger(v.o) || (v.o as number) < 0) throw bad();
  return { o: v.o as number };
}

/** The active duration commitment `id`, or why it has no subjects to list. */
export async function durationCommitment(deps: StoreDeps, id: string): Promise<CommitmentRecord> {
  const record = await deps.commitments.get(id);
  if (record?.state !== 'active') throw new CommitmentNotFoundError(id);
  const { measure } = latestVersion(record).definition;
  if (measure !== 'duration') {
    throw new BadRequestError(
      `commitment '${id}' measures ${measure}, not duration: only duration commitments track subjects with start and stop events`,
      'id',
    );
  }
  return record;
}

interface Judging {
  definition: CommitmentDefinition;
  currentPeriod: string;
  now: Instant;
}

function judging(deps: StoreDeps, record: CommitmentRecord): Judging {
  const now = deps.clock.now();
  const { period, version } = periodAt(record, now);
  return { definition: version.definition, currentPeriod: period.key, now };
}

/** The excusals on the aggregates of these periods (an excusal spanning two is on both). */
async function excusalsOf(deps: StoreDeps, commitmentId: string, periodKeys: Iterable<string>) {
  const aggregates = await deps.events.getAggregates(
    [...new Set(periodKeys)].map((periodKey) => ({ commitmentId, periodKey })),
  );
  const byId = new Map<string, Excusal>();
  for (const aggregate of aggregates.values()) for (const e of aggregate.excusals) byId.set(e.id, e);
  return [...byId.values()];
}

async function standingsOf(deps: StoreDeps, j: Judging, timers: TimerRecord[]): Promise<SubjectStanding[]> {
  const { definition } = j;
  const excusals = await excusalsOf(deps, definition.id, [
    j.currentPeriod,
    ...timers.map((t) => t.periodKey),
  ]);
  const calendar = calendarOf(definition);
  return timers.map((t) => subjectStanding(t, calendar, excusals, definition.thresholdMs ?? 0, j.now));
}

/** Open subjects that may be late or due soon at `now`, judged. */
async function lateCandidates(deps: StoreDeps, j: Judging) {
  const current = await excusalsOf(deps, j.definition.id, [j.currentPeriod]);
  const until = dueSoonUntil(calendarOf(j.definition), current, j.now);
  const { timers, complete } = await deps.events.listOpenTimersDueBy(
    j.definition.id,
    until,
    MAX_LATE_CANDIDATES,
  );
  return { standings: await standingsOf(deps, j, timers), complete };
}

function view(s: SubjectStanding): SubjectView {
  return {
    id: s.subject,
    startedAt: isoInstant(s.startedAt),
    dueAt: s.dueAt === null ? null : isoInstant(s.dueAt),
    paused: s.paused,
    overdue: s.lateMs > 0,
    lateSeconds: s.lateMs / 1000,
    remainingSeconds: s.remainingMs / 1000,
  };
}

/** GET /v1/commitments/{id}/subjects: one page of the open, overdue or due-soon subjects. */
export async function listSubjects(
  deps: StoreDeps,
  id: string,
  query: { state: SubjectState; limit: number; cursor?: string },
): Promise<SubjectListing> {
  const record = await durationCommitment(deps, id);
  const j = judging(deps, record);
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.state);
  const base = {
    commitmentId: record.id,
    state: query.state,
    timezone: j.definition.timezone,
    businessTime: j.definition.calendar !== undefined,
    dueSoonSeconds: DUE_SOON_HORIZON_MS / 1000,
    evaluatedAt: isoInstant(j.now),
  };
  if (query.state === 'open') {
    const after =
      cursor && 's' in cursor
        ? { subject: cursor.s, ...(cursor.d === undefined ? {} : { dueAt: cursor.d }) }
        : undefined;
    const { timers, more } = await deps.events.listOpenTimers(record.id, {
      limit: query.limit,
      ...(after ? { after } : {}),
    });
    const last = timers[timers.length - 1];
    const standings = await standingsOf(deps, j, timers);
    return {
      ...base,
      subjects: standings.map(view),
      ...(last && more
        ? {
            nextCursor: encodeCursor({
              s: last.subject,
              ...(last.dueAt === undefined ? {} : { d: last.dueAt }),
            }),
          }
        : {}),
      complete: true,
    };
  }
  const { standings, complete } = await lateCandidates(deps, j);
  const all = subjectsIn(standings, query.state);
  const offset = cursor && 'o' in cursor ? cursor.o : 0;
  const end = offset + query.limit;
  return {
    ...base,
    subjects: all.slice(offset, end).map(view),
    ...(end < all.length ? { nextCursor: encodeCursor({ o: end }) } : {}),
    complete,
  };
}

/**
 * The late and due-soon subjects an alert or a status reply names at `at`, judged by `definition` in
 * period `periodKey`; undefined when the commitment is not a duration or has none.
 */
export async function lateSubjectsOf(
  deps: StoreDeps,
  about: { definition: CommitmentDefinition; periodKey: string; at: Instant },
): Promise<LateSubjects | undefined> {
  if (about.definition.measure !== 'duration') return undefined;
  const j: Judging = { definition: about.definition, currentPeriod: about.periodKey, now: about.at };
  const { standings, complete } = await lateCandidates(deps, j);
  const named = lateSubjects(standings, { businessTime: j.definition.calendar !== undefined, complete });
  return named.overdueCount === 0 && named.dueSoonCount === 0 ? undefined : named;
}
