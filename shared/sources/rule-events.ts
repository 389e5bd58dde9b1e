/**
 * How a delivered item about an incident (a PagerDuty incident, a CloudWatch alarm) becomes events
 * through the rules it matches: each rule may fix the phase, or leave the kind's own (trouble
 * starting is `down`, its end `up`), and the phase decides whether the item is a subject or an
 * incident, so one item can feed an availability and a duration commitment at once.
 */
import type { SourceRule } from '../domain/sources/config-sources.js';
import { fieldText, matchingRules } from './rule-match.js';
import type { EventBatch } from './source-type.js';

const DURATION_PHASES = new Set(['start', 'pause', 'resume', 'stop']);
const AVAILABILITY_PHASES = new Set(['down', 'up']);

/** Durations follow a subject, outages an incident; a phase that is neither (none) names nobody. */
export function whoFor(phase: string | undefined, named: string | undefined): Record<string, string> {
  if (named === undefined || phase === undefined) return {};
  if (DURATION_PHASES.has(phase)) return { subject: named };
  if (AVAILABILITY_PHASES.has(phase)) return { incident: named };
  return {};
}

/** Events gathered by commitment, each remembering the delivered item it came from. */
export class EventBatches {
  private readonly byCommitment = new Map<string, EventBatch>();

  add(commitment: string, event: Record<string, unknown>, origin: number): void {
    const batch = this.byCommitment.get(commitment) ?? { commitment, events: [], origins: [] };
    batch.events.push(event);
    batch.origins.push(origin);
    this.byCommitment.set(commitment, batch);
  }

  list(): EventBatch[] {
    return [...this.byCommitment.values()];
  }
}

export interface IncidentItem {
  /** The fields rules match and `subject:` names. */
  fields: Record<string, unknown>;
  /** The event id, from the sender's own identifiers. */
  id: string;
  at: string;
  incident: string;
  /** The phase a rule without one records: `down`, `up`, or none (the rule then records nothing). */
  defaultPhase?: 'down' | 'up';
}

/**
 * Adds the item's events to `batches`, one per matching rule that yields a phase; returns how many.
 * An item that yields none is the caller's to count as ignored.
 */
export function addIncidentEvents(
  item: IncidentItem,
  rules: readonly SourceRule[],
  origin: number,
  batches: EventBatches,
): number {
  let added = 0;
  for (const { record } of matchingRules(item.fields, rules)) {
    const phase = record.phase ?? item.defaultPhase;
    if (phase === undefined) continue;
    const named = record.subject === undefined ? item.incident : fieldText(item.fields, record.subject);
    batches.add(record.commitment, { id: item.id, at: item.at, phase, ...whoFor(phase, named) }, origin);
    added++;
  }
  return added;
}
