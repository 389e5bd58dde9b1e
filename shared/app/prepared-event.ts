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
}

/** The event as the store keeps it (in the period of its aggregate, by default its own). */
export function stored(
  commitmentId: string,
  p: Prepared,
  now: Instant,
  periodKey = p.period.key,
): StoredEvent {
  return { commitmentId, eventId: p.id, periodKey, at: p.at, recordedAt: now, body: p.body };
}
