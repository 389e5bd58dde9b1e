/**
 * The `alertmanager` kind: Prometheus Alertmanager's webhook receiver. Alertmanager signs nothing;
 * its receiver's `http_config.authorization` sends `Authorization: Bearer <credentials>`, and that
 * token is the source's secret. The body is the webhook payload (version "4"): a group of alerts,
 * each firing or resolved, re-sent whole at every `repeat_interval` while it fires.
 */
import * as z from 'zod';
import { MAX_EVENTS_PER_REQUEST } from '../app/event-schemas.js';
import { lazy } from '../domain/lazy.js';
import type { SourceDefinition } from '../domain/sources/config-sources.js';
import { type FieldIssue, issuesFromZod } from '../domain/validation-error.js';
import { verifyBearerToken } from './bearer-token.js';
import { matchingRules } from './rule-match.js';
import type { EventBatch, Mapping, SourceType } from './source-type.js';

/** The only payload version Alertmanager has sent since 0.7; another one may mean other fields. */
export const ALERTMANAGER_PAYLOAD_VERSION = '4';
/** Fingerprints are 16 hex digits; the bound keeps an event id within its 200 characters. */
export const MAX_FINGERPRINT_LENGTH = 64;

const instant = lazy(() =>
  z.iso.datetime({ offset: true, error: 'must be an RFC 3339 date-time, as Alertmanager sends it' }),
);

const alertSchema = lazy(() =>
  z
    .looseObject({
      status: z.enum(['firing', 'resolved'], { error: "must be 'firing' or 'resolved'" }),
      labels: z.record(z.string(), z.string(), { error: 'must be a mapping of label names to values' }),
      startsAt: instant(),
      endsAt: instant().optional(),
      fingerprint: z
        .string({ error: 'must be the alert fingerprint' })
        .min(1, 'must not be empty')
        .max(MAX_FINGERPRINT_LENGTH, `must be at most ${MAX_FINGERPRINT_LENGTH} characters`),
    })
    .refine((alert) => alert.status === 'firing' || alert.endsAt !== undefined, {
      path: ['endsAt'],
      message: 'is required for a resolved alert: it is when the outage ended',
    }),
);

const payloadSchema = lazy(() =>
  z.looseObject({
    alerts: z
      .array(alertSchema(), { error: 'must be a list of alerts' })
      .max(MAX_EVENTS_PER_REQUEST, `must hold at most ${MAX_EVENTS_PER_REQUEST} alerts`),
  }),
);

/**
 * Each alert a rule matches is one availability event: firing is `down` at `startsAt`, resolved is
 * `up` at `endsAt`, and the incident is its fingerprint. The id is the fingerprint with `startsAt`,
 * which names one outage of one alert, so the group re-sent at every repeat counts once.
 */
function map(payload: unknown, source: SourceDefinition): Mapping | { errors: FieldIssue[] } {
  // The version first, so that a payload of another version is refused for it, not for its fields.
  const version =
    typeof payload === 'object' && payload !== null
      ? (payload as Record<string, unknown>).version
      : undefined;
  if (version !== ALERTMANAGER_PAYLOAD_VERSION) {
    return {
      errors: [
        {
          path: 'version',
          message: `must be "${ALERTMANAGER_PAYLOAD_VERSION}", the Alertmanager webhook payload this tracker reads; got ${JSON.stringify(version) ?? 'nothing'}`,
        },
      ],
    };
  }
  const parsed = payloadSchema().safeParse(payload, { reportInput: true });
  if (!parsed.success) return { errors: issuesFromZod(parsed.error) };
  const byCommitment = new Map<string, EventBatch>();
  let ignored = 0;
  parsed.data.alerts.forEach((alert, index) => {
    const rules = matchingRules(alert, source.rules);
    if (rules.length === 0) {
      ignored++;
      return;
    }
    const firing = alert.status === 'firing';
    const phase = firing ? 'down' : 'up';
    const event = {
      id: `${source.name}:${alert.fingerprint}:${alert.startsAt}:${phase}`,
      at: firing ? alert.startsAt : alert.endsAt,
      phase,
      incident: alert.fingerprint,
    };
    for (const { record } of rules) {
      const batch = byCommitment.get(record.commitment) ?? {
        commitment: record.commitment,
        events: [],
        origins: [],
      };
      batch.events.push(event);
      batch.origins.push(index);
      byCommitment.set(record.commitment, batch);
    }
  });
  return { batches: [...byCommitment.values()], ignored };
}

export const alertmanagerSource: SourceType = { verify: verifyBearerToken, map };
