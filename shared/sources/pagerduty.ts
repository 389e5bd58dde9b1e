/**
 * The `pagerduty` kind: a PagerDuty Generic Webhooks (v3) subscription. Each delivery is one event
 * (`{event: {id, event_type, occurred_at, data}}`) signed in `X-PagerDuty-Signature` with one
 * `v1=<hex HMAC-SHA256 of the body>` per signing secret, comma-separated, so a secret can be
 * rotated without losing deliveries. Rules match fields of the event (`event_type`, `data`); its
 * incident is the PagerDuty incident and its time `occurred_at`.
 */
import * as z from 'zod';
import { lazy } from '../domain/lazy.js';
import type { SourceDefinition } from '../domain/sources/config-sources.js';
import { type FieldIssue, issuesFromZod } from '../domain/validation-error.js';
import { hmacSha256, sameBytes } from '../http/hmac-signature.js';
import { eventsOfOneItem } from './rule-events.js';
import {
  type DeliveryRequest,
  headerOf,
  type Mapping,
  type SourceType,
  type Verification,
} from './source-type.js';

export const PAGERDUTY_SIGNATURE_HEADER = 'X-PagerDuty-Signature';
/** PagerDuty sends one signature per active secret; a rotation has two. More is not PagerDuty. */
export const MAX_PAGERDUTY_SIGNATURES = 10;
/** PagerDuty's ids are short (ULIDs, `PGR0VU2`); the bound keeps an event id within 200 characters. */
export const MAX_PAGERDUTY_ID_LENGTH = 100;
const V1_SIGNATURE = /^v1=([0-9a-f]{64})$/i;

/**
 * The source's secret holds the subscription's signing secret, or several separated by commas or
 * white space while the tracker is moved from one to the next. PagerDuty's secrets are base64, so
 * neither separator can be part of one.
 */
export function pagerdutySecrets(secret: string): string[] {
  return secret.split(/[\s,]+/).filter((part) => part !== '');
}

function verify(request: DeliveryRequest, secret: string): Verification {
  const header = headerOf(request.headers, PAGERDUTY_SIGNATURE_HEADER);
  if (!header) return { ok: false, reason: `no ${PAGERDUTY_SIGNATURE_HEADER} header` };
  const given = header.split(',').map((part) => part.trim());
  if (given.length > MAX_PAGERDUTY_SIGNATURES) {
    return {
      ok: false,
      reason: `${PAGERDUTY_SIGNATURE_HEADER} holds ${given.length} signatures; at most ${MAX_PAGERDUTY_SIGNATURES} are read`,
    };
  }
  const signatures = given.flatMap((part) => {
    const hex = V1_SIGNATURE.exec(part)?.[1];
    return hex === undefined ? [] : [Buffer.from(hex, 'hex')];
  });
  if (signatures.length === 0) {
    return { ok: false, reason: `${PAGERDUTY_SIGNATURE_HEADER} holds no v1=<64 hex digits> signature` };
  }
  // Every pair is compared, whichever matches first, so the time taken tells nothing of which did.
  let matched = false;
  for (const key of pagerdutySecrets(secret)) {
    const expected = hmacSha256(key, [request.body]);
    for (const signature of signatures) matched = sameBytes(expected, signature) || matched;
  }
  if (!matched) return { ok: false, reason: `no ${PAGERDUTY_SIGNATURE_HEADER} signature matches the secret` };
  // Each event's id comes from the payload's own event id, read once it is verified.
  return { ok: true, deliveryId: '' };
}

const pagerdutyId = (what: string) =>
  z
    .string({ error: `must be ${what}` })
    .min(1, 'must not be empty')
    .max(MAX_PAGERDUTY_ID_LENGTH, `must be at most ${MAX_PAGERDUTY_ID_LENGTH} characters`);

const payloadSchema = lazy(() =>
  z.looseObject(
    {
      event: z.looseObject(
        {
          id: pagerdutyId("the webhook event's id"),
          event_type: pagerdutyId('the event type, such as incident.triggered'),
          occurred_at: z.iso.datetime({
            offset: true,
            error: 'must be an ISO 8601 date-time, as PagerDuty sends it',
          }),
          data: z
            .looseObject({
              id: pagerdutyId('the id of the resource').optional(),
              type: z.string().optional(),
              incident: z.looseObject({ id: pagerdutyId("the incident's id") }).nullish(),
            })
            .nullish(),
        },
        { error: 'must be the webhook event: {id, event_type, occurred_at, data}' },
      ),
    },
    { error: 'must be a PagerDuty v3 webhook payload: {"event": {...}}' },
  ),
);

/** What a rule without a phase records: an incident opening is trouble, its resolution the end of it. */
const DEFAULT_PHASES: Record<string, 'down' | 'up'> = {
  'incident.triggered': 'down',
  'incident.reopened': 'down',
  'incident.resolved': 'up',
};

/**
 * The event is one item. Its incident is `data.id` for incident events, or `data.incident.id` for
 * events about something of an incident (a note, a responder); an event of no incident (a ping, a
 * service change) is acknowledged as ignored. The id is PagerDuty's event id, the same on every
 * retry of the delivery.
 */
function map(payload: unknown, source: SourceDefinition): Mapping | { errors: FieldIssue[] } {
  const parsed = payloadSchema().safeParse(payload, { reportInput: true });
  if (!parsed.success) return { errors: issuesFromZod(parsed.error) };
  const { event } = parsed.data;
  const incident = event.data?.type === 'incident' ? event.data.id : event.data?.incident?.id;
  if (incident === undefined) return { batches: [], ignored: 1 };
  return eventsOfOneItem(
    {
      fields: event,
      id: `${source.name}:${event.id}`,
      at: event.occurred_at,
      subject: incident,
      defaultPhase: DEFAULT_PHASES[event.event_type] ?? null,
    },
    source,
  );
}

export const pagerdutySource: SourceType = { verify, map };
