import * as z from 'zod';
import { type AlertState, acknowledge, snooze } from '../domain/escalation.js';
import type { Instant } from '../domain/model.js';
import { issuesFromZod, ValidationError } from '../domain/validation-error.js';
import type { NotificationClaim } from '../ports/alert-store.js';
import type { StoreDeps } from './deps.js';
import { CommitmentNotFoundError, ConcurrentUpdateError } from './errors.js';
import { periodAt } from './judge.js';

export const ackBodySchema = z.strictObject({
  by: z
    .string({ error: 'must name who acknowledges (a Slack user id or an email)' })
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters'),
  note: z.string().max(1000, 'must be at most 1000 characters').optional(),
});

export const snoozeBodySchema = z.strictObject({
  by: z
    .string({ error: 'must name who snoozes (a Slack user id or an email)' })
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters'),
  until: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with an offset' }),
});

/** What an acknowledgement or snooze changed, with the notifications already sent for that alert. */
export interface AlertReaction {
  commitmentId: string;
  period: string;
  /** The commitment's zone, in which people read the alert's times. */
  timezone: string;
  state: AlertState;
  claims: Array<NotificationClaim & { annotations: Record<string, string> }>;
}

/** Called after a reaction is stored, e.g. to update the alert's Slack messages. */
export type ReactionListener = (reaction: AlertReaction, kind: 'acknowledged' | 'snoozed') => Promise<void>;

async function react(
  deps: StoreDeps,
  commitmentId: string,
  change: (state: AlertState | undefined, now: Instant) => AlertState,
): Promise<AlertReaction> {
  const record = await deps.commitments.get(commitmentId);
  if (record?.state !== 'active') throw new CommitmentNotFoundError(commitmentId);
  const now = deps.clock.now();
  const { period, version } = periodAt(record, now);
  const timezone = version.definition.timezone;
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await deps.alerts.get(commitmentId, period.key);
    const next = change(current, now);
    if (current && next.revision === current.revision) {
      return {
        commitmentId,
        period: period.key,
        timezone,
        state: current,
        claims: await deps.alerts.listClaims(commitmentId, period.key),
      };
    }
    const outcome = await deps.alerts.commit(next, current ? current.revision : null, [], now);
    if (outcome === 'committed') {
      return {
        commitmentId,
        period: period.key,
        timezone,
        state: next,
        claims: await deps.alerts.listClaims(commitmentId, period.key),
      };
    }
  }
  throw new ConcurrentUpdateError(`The alert of '${commitmentId}'`);
}

/** POST /v1/commitments/{id}/ack: stops further escalation of the open alert. */
export async function acknowledgeAlert(
  deps: StoreDeps,
  commitmentId: string,
  body: unknown,
): Promise<AlertReaction> {
  const parsed = ackBodySchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error));
  const { by, note } = parsed.data;
  return react(deps, commitmentId, (state, now) => acknowledge(state, by, now, note));
}

/** POST /v1/commitments/{id}/snooze: no escalation until `until`. */
export async function snoozeAlert(
  deps: StoreDeps,
  commitmentId: string,
  body: unknown,
): Promise<AlertReaction> {
  const parsed = snoozeBodySchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error));
  const { by } = parsed.data;
  const until = Date.parse(parsed.data.until);
  return react(deps, commitmentId, (state, now) => snooze(state, by, until, now));
}
