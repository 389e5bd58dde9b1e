/**
 * What a matched rule makes of a delivered item: an event for the rule's commitment, with the
 * rule's phase and, by that phase's measure, a subject (a duration's timer) or an incident (an
 * availability's outage). Shared by the kinds whose payload is one item per delivery.
 */
import type { SourceDefinition, SourceRule } from '../domain/sources/config-sources.js';
import { fieldText, matchingRules } from './rule-match.js';
import type { EventBatch, Mapping } from './source-type.js';

const DURATION_PHASES = new Set(['start', 'pause', 'resume', 'stop']);
const AVAILABILITY_PHASES = new Set(['down', 'up']);

/**
 * The event a rule records: `named` is who it is about (the item's own subject, or the field the
 * rule names). The phase says the measure, which the configuration checked it fits: durations
 * follow a subject, outages an incident, and totals need neither.
 */
export function ruleEvent(
  record: SourceRule['record'],
  base: { id: string; at?: string },
  named: string | undefined,
): Record<string, unknown> {
  const phase = record.phase;
  const who =
    named === undefined || phase === undefined
      ? {}
      : DURATION_PHASES.has(phase)
        ? { subject: named }
        : AVAILABILITY_PHASES.has(phase)
          ? { incident: named }
          : {};
  return { ...base, ...(phase === undefined ? {} : { phase }), ...who };
}

/** A JSON object as a record of fields; anything else (a list, a scalar, null) as undefined. */
export const asObject = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

export interface DeliveredItem {
  /** What rules match and `subject:` names fields of. */
  fields: Record<string, unknown>;
  /** The event id, derived from the sender's own identifiers so that repeats count once. */
  id: string;
  /** When it happened at the sender; left out, it is recorded at its arrival. */
  at?: string;
  /** Who it is about when a rule names no other field: a ticket, an issue, a pull request. */
  subject?: string;
  /**
   * For kinds that report incidents: the phase a rule without one records (`down` as trouble
   * starts, `up` as it ends), or null when the item neither starts nor ends one, so that such a
   * rule records nothing of it. Left out, a rule without a phase records an event without one.
   */
  defaultPhase?: 'down' | 'up' | null;
}

/** One delivered item, recorded for every rule it matches, or ignored when it makes no event. */
export function eventsOfOneItem(delivered: DeliveredItem, source: SourceDefinition): Mapping {
  const rules = matchingRules(delivered.fields, source.rules);
  const base = { id: delivered.id, ...(delivered.at === undefined ? {} : { at: delivered.at }) };
  const byCommitment = new Map<string, EventBatch>();
  for (const { record } of rules) {
    const phase = record.phase ?? delivered.defaultPhase;
    if (phase === null) continue;
    const named =
      record.subject === undefined ? delivered.subject : fieldText(delivered.fields, record.subject);
    const batch = byCommitment.get(record.commitment) ?? {
      commitment: record.commitment,
      events: [],
      origins: [],
    };
    batch.events.push(ruleEvent({ ...record, phase }, base, named));
    batch.origins.push(0);
    byCommitment.set(record.commitment, batch);
  }
  if (byCommitment.size === 0) return { batches: [], ignored: 1 };
  return { batches: [...byCommitment.values()], ignored: 0 };
}
