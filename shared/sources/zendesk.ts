/**
 * The `zendesk` kind: a Zendesk webhook subscribed to ticket events (`zen:event-type:ticket.created`,
 * `…ticket.status_changed`, …). `X-Zendesk-Webhook-Signature` is base64 HMAC-SHA256, keyed by the
 * webhook's signing secret as text, of `X-Zendesk-Webhook-Signature-Timestamp` (an ISO-8601 instant)
 * and the raw body run together. Each delivery is one event; its `id` names it, so Zendesk's retries
 * count once, and its subject is the ticket (`detail.id`).
 */
import type { Instant } from '../domain/model.js';
import type { SourceDefinition } from '../domain/sources/config-sources.js';
import type { FieldIssue } from '../domain/validation-error.js';
import { freshness, hmacSha256, sameBytes } from '../http/hmac-signature.js';
import { MAX_DELIVERY_ID_LENGTH } from './hub-signature.js';
import { asObject, eventsOfOneItem } from './rule-events.js';
import { type DeliveryRequest, headerOf, type Mapping, type SourceType } from './source-type.js';

export const ZENDESK_SIGNATURE_HEADER = 'X-Zendesk-Webhook-Signature';
export const ZENDESK_TIMESTAMP_HEADER = 'X-Zendesk-Webhook-Signature-Timestamp';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function verify(request: DeliveryRequest, secret: string, now: readonly Instant[]) {
  const signature = headerOf(request.headers, ZENDESK_SIGNATURE_HEADER);
  const timestamp = headerOf(request.headers, ZENDESK_TIMESTAMP_HEADER);
  if (!signature || !timestamp) {
    return {
      ok: false as const,
      reason: `unsigned: the ${ZENDESK_SIGNATURE_HEADER} and ${ZENDESK_TIMESTAMP_HEADER} headers are required`,
    };
  }
  const sentAt = INSTANT.test(timestamp) ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(sentAt)) {
    return {
      ok: false as const,
      reason: `${ZENDESK_TIMESTAMP_HEADER} must be an ISO-8601 instant such as 2026-11-18T15:00:00Z`,
    };
  }
  const fresh = freshness(sentAt / 1000, now);
  if (fresh !== 'fresh') {
    return {
      ok: false as const,
      reason: `${ZENDESK_TIMESTAMP_HEADER} is more than 5 minutes ${fresh === 'stale' ? 'old' : 'ahead'}`,
    };
  }
  const expected = hmacSha256(secret, [timestamp, request.body]);
  if (!sameBytes(expected, Buffer.from(signature, 'base64'))) {
    return { ok: false as const, reason: 'the signature does not match' };
  }
  // The delivery is named inside the signed body (its `id`), which map reads.
  return { ok: true as const, deliveryId: timestamp };
}

/** The ticket: `detail.id`, or the id in `subject` (`zen:ticket:35436`) when the detail lacks it. */
function ticketOf(payload: Record<string, unknown>): string | undefined {
  const id = asObject(payload.detail)?.id;
  if (typeof id === 'string' || typeof id === 'number') return String(id);
  const subject = typeof payload.subject === 'string' ? /^zen:ticket:(\d+)$/.exec(payload.subject) : null;
  return subject?.[1];
}

function map(payload: unknown, source: SourceDefinition): Mapping | { errors: FieldIssue[] } {
  const body = asObject(payload);
  if (body === undefined)
    return { errors: [{ path: '', message: 'must be a JSON object, a Zendesk event' }] };
  const { id, time } = body;
  const named = typeof id === 'string' && id.length > 0 && id.length <= MAX_DELIVERY_ID_LENGTH;
  const ticket = ticketOf(body);
  const mapping = eventsOfOneItem(
    {
      fields: body,
      id: `${source.name}:${named ? id : ''}`,
      ...(typeof time === 'string' ? { at: time } : {}),
      ...(ticket === undefined ? {} : { subject: ticket }),
    },
    source,
  );
  // Only an event a rule wants must be whole; anything else is acknowledged whatever its shape.
  if (mapping.batches.length === 0) return mapping;
  const errors: FieldIssue[] = [];
  if (!named) {
    errors.push({
      path: 'id',
      message: `must be the event's id, 1 to ${MAX_DELIVERY_ID_LENGTH} characters: retries are recognised by it`,
    });
  }
  if (time !== undefined && typeof time !== 'string') {
    errors.push({ path: 'time', message: 'must be an ISO-8601 date-time, as Zendesk sends it' });
  }
  return errors.length > 0 ? { errors } : mapping;
}

export const zendeskSource: SourceType = { verify, map };
