/**
 * The `hubspot` kind: a HubSpot app's webhook subscriptions (such as `contact.propertyChange` on
 * `lifecyclestage`), delivered as batched JSON arrays of subscription events and signed with
 * signature v3 (hubspot-signature.ts). Rules match fields of one subscription event; its subject is
 * the CRM object (`objectId`) and its time `occurredAt`.
 */
import { createHash } from 'node:crypto';
import { MAX_EVENTS_PER_REQUEST } from '../app/event-schemas.js';
import { MAX_KEY_LENGTH } from '../domain/limits.js';
import type { SourceDefinition } from '../domain/sources/config-sources.js';
import type { FieldIssue } from '../domain/validation-error.js';
import { verifyHubspot } from './hubspot-signature.js';
import { ruleEvent } from './rule-events.js';
import { fieldText, matchingRules } from './rule-match.js';
import type { EventBatch, Mapping, SourceType } from './source-type.js';

/** An identifier HubSpot sends as a number (ids of portals and objects); numeric text is taken too. */
function idOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return value;
  return undefined;
}

/**
 * HubSpot's `eventId` is not unique, and a retried batch may be regrouped, so an event's id is
 * what it says: this portal's object got this value of this property. A retry or a repeat of the
 * same change counts once. A value too long for an id is stood for by its digest.
 */
function eventIdOf(portal: string, object: string, item: Record<string, unknown>): string {
  const property = fieldText(item, 'propertyName') ?? String(item.subscriptionType ?? '');
  const value = fieldText(item, 'propertyValue') ?? '';
  const id = `hubspot:${portal}:${object}:${property}:${value}`;
  if (id.length <= MAX_KEY_LENGTH) return id;
  const digest = createHash('sha256').update(`${property}\u0000${value}`).digest('hex');
  return `hubspot:${portal}:${object}:sha256:${digest}`;
}

function map(payload: unknown, source: SourceDefinition): Mapping | { errors: FieldIssue[] } {
  if (!Array.isArray(payload)) {
    return { errors: [{ path: '', message: 'must be a JSON array of HubSpot subscription events' }] };
  }
  if (payload.length > MAX_EVENTS_PER_REQUEST) {
    return {
      errors: [
        {
          path: '',
          message: `holds ${payload.length} events; a delivery may hold at most ${MAX_EVENTS_PER_REQUEST}`,
        },
      ],
    };
  }
  const errors: FieldIssue[] = [];
  const byCommitment = new Map<string, EventBatch>();
  let ignored = 0;
  payload.forEach((item: unknown, index) => {
    const rules = matchingRules(item, source.rules);
    if (rules.length === 0) {
      // Subscriptions no rule asks for (other objects, other properties) are acknowledged whatever their shape.
      ignored++;
      return;
    }
    const fields = item as Record<string, unknown>;
    const portal = idOf(fields.portalId);
    const object = idOf(fields.objectId);
    const occurredAt = fields.occurredAt;
    if (portal === undefined)
      errors.push({ path: `[${index}].portalId`, message: 'must be the portal id, a whole number' });
    if (object === undefined)
      errors.push({ path: `[${index}].objectId`, message: 'must be the object id, a whole number' });
    if (
      typeof occurredAt !== 'number' ||
      !Number.isSafeInteger(occurredAt) ||
      occurredAt < 0 ||
      occurredAt > 8.64e15
    ) {
      errors.push({ path: `[${index}].occurredAt`, message: 'must be Unix milliseconds, a whole number' });
    }
    if (portal === undefined || object === undefined || typeof occurredAt !== 'number' || errors.length > 0)
      return;
    const id = eventIdOf(portal, object, fields);
    const at = new Date(occurredAt).toISOString();
    for (const { record } of rules) {
      const named = record.subject === undefined ? object : fieldText(fields, record.subject);
      const batch = byCommitment.get(record.commitment) ?? {
        commitment: record.commitment,
        events: [],
        origins: [],
      };
      batch.events.push(ruleEvent(record, { id, at }, named));
      batch.origins.push(index);
      byCommitment.set(record.commitment, batch);
    }
  });
  if (errors.length > 0) return { errors };
  return { batches: [...byCommitment.values()], ignored };
}

export const hubspotSource: SourceType = { verify: verifyHubspot, map };
