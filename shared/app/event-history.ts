import * as z from 'zod';
import { type AuditVia, isHandEntered } from '../domain/audit.js';
import { boundedString } from '../domain/bounded-schemas.js';
import { isoInstant } from '../domain/instant-format.js';
import { latestVersion, periodAt } from '../domain/judgement.js';
import { lazy } from '../domain/lazy.js';
import { MAX_KEY_LENGTH, MAX_NOTE_LENGTH } from '../domain/limits.js';
import { periodFromKey, periodKindOfKey } from '../domain/periods.js';
import { issuesFromZod, ValidationError } from '../domain/validation-error.js';
import { governingVersion } from '../domain/versions.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';
import { aggregateMapKey, type EventVoid, type StoredEvent } from '../ports/event-store.js';
import { auditEntry, MAX_AUTHOR_LENGTH } from './audit.js';
import { cursorSchema, givenParameters, pageLimitSchema } from './audit-queries.js';
import type { StoreDeps } from './deps.js';
import {
  BadRequestError,
  CommitmentNotFoundError,
  EventNotFoundError,
  EventNotVoidableError,
  PeriodClosedError,
} from './errors.js';
import { additiveIncrements } from './record-events.js';

export const MAX_EVENTS_PAGE = 200;
const MIN_REASON_LENGTH = 3;

const eventsQuerySchema = lazy(() =>
  z.strictObject(
    {
      period: boundedString(16, 'must be a period key like 2026-11').optional(),
      source: boundedString(MAX_AUTHOR_LENGTH, 'must name a source').min(1, 'must not be empty').optional(),
      limit: pageLimitSchema(MAX_EVENTS_PAGE, 50),
      cursor: cursorSchema(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? 'unknown parameter; use period, source, limit or cursor'
          : undefined,
    },
  ),
);

export const voidBodySchema = lazy(() =>
  z.strictObject({
    by: boundedString(MAX_AUTHOR_LENGTH, 'must name who voids the event (a Slack user id or an email)').min(
      1,
      'must not be empty',
    ),
    reason: boundedString(MAX_NOTE_LENGTH, 'must say why, in a few words').min(
      MIN_REASON_LENGTH,
      `must say why, in a few words (at least ${MIN_REASON_LENGTH} characters)`,
    ),
  }),
);

/** An event as people read it: its fields as sent, who recorded it and how, and whether it was voided. */
export function eventView(event: StoredEvent) {
  return {
    id: event.eventId,
    period: event.periodKey,
    at: isoInstant(event.at),
    ...event.body,
    ...(event.by === undefined ? {} : { by: event.by }),
    ...(event.via === undefined ? {} : { via: event.via }),
    recordedAt: isoInstant(event.recordedAt),
    ...(event.voided ? { voided: voidView(event.voided) } : {}),
  };
}

const voidView = (v: EventVoid) => ({ at: isoInstant(v.at), by: v.by, reason: v.reason });

async function activeRecord(deps: StoreDeps, commitmentId: string): Promise<CommitmentRecord> {
  const record = await deps.commitments.get(commitmentId);
  if (record?.state !== 'active') throw new CommitmentNotFoundError(commitmentId);
  return record;
}

/** How many of a period's events a person typed in: a counter on the period's aggregate, so one read. */
export async function handEnteredCount(
  deps: StoreDeps,
  commitmentId: string,
  periodKey: string,
): Promise<number> {
  const aggregates = await deps.events.getAggregates([{ commitmentId, periodKey }]);
  return aggregates.get(aggregateMapKey(commitmentId, periodKey))?.counters.byHand ?? 0;
}

/** GET /v1/commitments/{id}/events: one period's events (default the current one), newest first. */
export async function listRecordedEvents(
  deps: StoreDeps,
  commitmentId: string,
  query: Record<string, string | undefined>,
) {
  const parsed = eventsQuerySchema().safeParse(givenParameters(query));
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error));
  const q = parsed.data;
  const record = await activeRecord(deps, commitmentId);
  const latest = latestVersion(record).definition;
  let period = periodAt(record, deps.clock.now()).period;
  if (q.period !== undefined) {
    if (periodKindOfKey(q.period) !== latest.period) {
      throw new BadRequestError(
        `period must be a ${latest.period} key like ${period.key} (this commitment is judged by ${latest.period})`,
        'period',
      );
    }
    period = periodFromKey(q.period, latest.timezone);
  }
  const page = await deps.events.listEventPage(commitmentId, period.key, {
    limit: q.limit,
    ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
    ...(q.source === undefined ? {} : { source: q.source }),
  });
  return {
    commitmentId,
    period: period.key,
    timezone: latest.timezone,
    events: page.events.map(eventView),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

/**
 * POST /v1/commitments/{id}/events/{eventId}/void: the event stops counting. Only once: a second
 * void finds it voided and answers the same. A closed period's events stay as they were judged.
 */
export async function voidRecordedEvent(
  deps: StoreDeps,
  commitmentId: string,
  eventId: string,
  body: unknown,
  via: AuditVia = 'api',
) {
  const parsed = voidBodySchema().safeParse(body);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error));
  const { by, reason } = parsed.data;
  const record = await activeRecord(deps, commitmentId);
  // No event id is longer (the events route refuses them), so a longer one names no event.
  if (eventId.length > MAX_KEY_LENGTH) throw new EventNotFoundError(commitmentId, eventId.slice(0, 80));
  const event = await deps.events.getEvent(commitmentId, eventId);
  if (!event) throw new EventNotFoundError(commitmentId, eventId);
  const answer = (voided: EventVoid) => ({ commitmentId, event: eventView({ ...event, voided }) });
  if (event.voided) return answer(event.voided);
  if (record.closedThrough && event.periodKey <= record.closedThrough) {
    throw new PeriodClosedError(commitmentId, event.periodKey);
  }
  const latest = latestVersion(record);
  const period = periodFromKey(event.periodKey, latest.definition.timezone);
  const measure = (governingVersion(record.versions, period) ?? latest).definition.measure;
  if (measure !== 'total' && measure !== 'ratio')
    throw new EventNotVoidableError(commitmentId, eventId, measure);
  const now = deps.clock.now();
  const voided: EventVoid = { at: now, by, reason };
  const increments = {
    ...additiveIncrements(measure, event.body),
    ...(isHandEntered(event.via) ? { byHand: 1 } : {}),
  };
  const outcome = await deps.events.voidEvent({
    event,
    voided,
    increments,
    audit: auditEntry(
      now,
      { by, via },
      {
        action: 'event.voided',
        key: eventId,
        commitmentId,
        period: event.periodKey,
        detail: { eventId, reason, taken: increments },
      },
    ),
  });
  if (outcome === 'closed') throw new PeriodClosedError(commitmentId, event.periodKey);
  if (outcome === 'missing') throw new EventNotFoundError(commitmentId, eventId);
  if (outcome === 'already') {
    const current = await deps.events.getEvent(commitmentId, eventId);
    if (current?.voided) return answer(current.voided);
  }
  return answer(voided);
}
