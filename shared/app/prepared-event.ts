import { type AuditVia, isHandEntered } from '../domain/audit.js';
import type { CommitmentDefinition, Instant, Period } from '../domain/model.js';
import type { StoredEvent } from '../ports/event-store.js';

/** One event of a batch after validation: where it falls, and the definition that judges it. */
export interface Prepared {
  index: number;
  id: string;
  at: Instant;
  period: Period;
  definition: CommitmentDefinition;
  body: Record<string, unknown>;
  /** Who recorded it and how, kept on the event. */
  by?: string;
  via?: AuditVia;
}

/** The event as the store keeps it (in the period of its aggregate, by default its own). */
export function stored(
  commitmentId: string,
  p: Prepared,
  now: Instant,
  periodKey = p.period.key,
): StoredEvent {
  return {
    commitmentId,
    eventId: p.id,
    periodKey,
    at: p.at,
    recordedAt: now,
    body: p.body,
    ...(p.by === undefined ? {} : { by: p.by }),
    ...(p.via === undefined ? {} : { via: p.via }),
  };
}

/** The aggregate counter of events typed by a person, which status reports beside the total. */
export function handCount(p: Pick<Prepared, 'via'>): Record<string, number> {
  return isHandEntered(p.via) ? { byHand: 1 } : {};
}
