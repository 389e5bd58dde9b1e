/**
 * The `webhook` kind: any sender that signs with the Standard Webhooks scheme (scripts, internal
 * tools, services that speak it). `webhook-signature` holds one or more space-separated `v1,<base64>`
 * HMAC-SHA256 signatures of `{webhook-id}.{webhook-timestamp}.{body}`, keyed by the secret's bytes
 * (`whsec_` + base64); several appear while a secret is rotated, and one matching is enough.
 * The body names its commitment: `{commitment, events: [...]}`.
 */
import * as z from 'zod';
import { MAX_EVENTS_PER_REQUEST } from '../app/event-schemas.js';
import { slugSchema } from '../domain/config-fields.js';
import { lazy } from '../domain/lazy.js';
import type { Instant } from '../domain/model.js';
import type { SourceDefinition } from '../domain/sources/config-sources.js';
import { type FieldIssue, issuesFromZod } from '../domain/validation-error.js';
import { freshness, hmacSha256, sameBytes } from '../http/hmac-signature.js';
import { fieldText, matchingRules } from './rule-match.js';
import {
  type DeliveryRequest,
  type EventBatch,
  headerOf,
  type Mapping,
  type SourceType,
} from './source-type.js';

export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';

/** Sender ids and event ids become part of stored event ids, which are at most 200 characters. */
export const MAX_WEBHOOK_ID_LENGTH = 100;
const TIMESTAMP = /^\d{1,12}$/;
const SECRET_PREFIX = 'whsec_';

/** The HMAC key a Standard Webhooks secret stands for: the bytes its base64 part decodes to. */
function keyOf(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(encoded, 'base64');
}

function verify(request: DeliveryRequest, secret: string, now: readonly Instant[]) {
  const id = headerOf(request.headers, WEBHOOK_ID_HEADER);
  const timestamp = headerOf(request.headers, WEBHOOK_TIMESTAMP_HEADER);
  const signatures = headerOf(request.headers, WEBHOOK_SIGNATURE_HEADER);
  if (!id || !timestamp || !signatures) {
    return {
      ok: false as const,
      reason: `unsigned: the ${WEBHOOK_ID_HEADER}, ${WEBHOOK_TIMESTAMP_HEADER} and ${WEBHOOK_SIGNATURE_HEADER} headers are required`,
    };
  }
  if (id.length > MAX_WEBHOOK_ID_LENGTH) {
    return {
      ok: false as const,
      reason: `${WEBHOOK_ID_HEADER} is longer than ${MAX_WEBHOOK_ID_LENGTH} characters`,
    };
  }
  if (!TIMESTAMP.test(timestamp)) {
    return { ok: false as const, reason: `${WEBHOOK_TIMESTAMP_HEADER} must be Unix seconds` };
  }
  const fresh = freshness(Number(timestamp), now);
  if (fresh !== 'fresh') {
    return {
      ok: false as const,
      reason: `${WEBHOOK_TIMESTAMP_HEADER} is more than 5 minutes ${fresh === 'stale' ? 'old' : 'ahead'}`,
    };
  }
  const key = keyOf(secret);
  if (key.length === 0) return { ok: false as const, reason: 'the source secret is not a whsec_ secret' };
  const expected = hmacSha256(key, [`${id}.${timestamp}.`, request.body]);
  const matched = signatures
    .split(' ')
    .some((entry) => entry.startsWith('v1,') && sameBytes(expected, Buffer.from(entry.slice(3), 'base64')));
  if (!matched) return { ok: false as const, reason: 'no signature matches' };
  return { ok: true as const, deliveryId: id };
}

const ownId = lazy(() =>
  z
    .union([z.string(), z.number()], { error: 'must be a string: the idempotency key of the event' })
    .refine((id) => String(id).length > 0 && String(id).length <= MAX_WEBHOOK_ID_LENGTH, {
      message: `must be 1 to ${MAX_WEBHOOK_ID_LENGTH} characters`,
    })
    .optional(),
);

/** The fields an event of any measure may carry (the measure's own schema checks which apply). */
const EVENT_FIELDS = new Set([
  'at',
  'value',
  'correction',
  'outcome',
  'good',
  'total',
  'subject',
  'phase',
  'incident',
  'note',
  'source',
]);

const bodySchema = lazy(() =>
  z.strictObject({
    commitment: slugSchema(),
    events: z
      .array(z.looseObject({ id: ownId() }), { error: 'must be a list of event objects' })
      .min(1, 'must contain at least one event')
      .max(MAX_EVENTS_PER_REQUEST, `must hold at most ${MAX_EVENTS_PER_REQUEST} events`),
  }),
);

/**
 * Each event's id is the source's name and the event's own id, so a repeat of the same event in a
 * later delivery counts once too; without one it is the delivery's id and the event's place in it,
 * which a retry of the delivery keeps.
 */
function map(
  payload: unknown,
  source: SourceDefinition,
  deliveryId: string,
): Mapping | { errors: FieldIssue[] } {
  const parsed = bodySchema().safeParse(payload, { reportInput: true });
  if (!parsed.success) return { errors: issuesFromZod(parsed.error) };
  const { commitment, events } = parsed.data;
  const byCommitment = new Map<string, EventBatch>();
  const add = (target: string, event: Record<string, unknown>, origin: number) => {
    const batch = byCommitment.get(target) ?? { commitment: target, events: [], origins: [] };
    batch.events.push(event);
    batch.origins.push(origin);
    byCommitment.set(target, batch);
  };
  let ignored = 0;
  events.forEach((event, index) => {
    const { id: own, ...fields } = event;
    const id = own === undefined ? `${source.name}:${deliveryId}:${index}` : `${source.name}:${own}`;
    if (source.rules.length === 0) {
      add(commitment, { ...fields, id }, index);
      return;
    }
    // Rules see the event with the commitment the sender named, and may send it elsewhere.
    const item = { commitment, ...event };
    const rules = matchingRules(item, source.rules);
    if (rules.length === 0) ignored++;
    // A matched item carries the sender's own fields too; only an event's fields are kept.
    const eventFields = Object.fromEntries(Object.entries(fields).filter(([key]) => EVENT_FIELDS.has(key)));
    for (const { record } of rules) {
      const subject = record.subject === undefined ? undefined : fieldText(item, record.subject);
      add(
        record.commitment,
        {
          ...eventFields,
          id,
          ...(record.phase === undefined ? {} : { phase: record.phase }),
          ...(subject === undefined ? {} : { subject }),
        },
        index,
      );
    }
  });
  return { batches: [...byCommitment.values()], ignored };
}

export const webhookSource: SourceType = { verify, map };
