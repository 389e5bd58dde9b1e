import * as z from 'zod';
import { checkSnoozeUntil, MAX_SNOOZE_MS } from '../domain/alerts/alert-reactions.js';
import type { AuditAction, AuditVia } from '../domain/audit.js';
import { boundedString } from '../domain/bounded-schemas.js';
import { addBusinessDays } from '../domain/business-days.js';
import { alwaysOpenCalendar } from '../domain/calendar.js';
import { spanTextSchema } from '../domain/config-fields.js';
import { type DurationSpan, parseSpan } from '../domain/duration.js';
import { type AlertState, acknowledge, snooze } from '../domain/escalation.js';
import { isoInstant } from '../domain/instant-format.js';
import { periodAt } from '../domain/judgement.js';
import { lazy } from '../domain/lazy.js';
import { MAX_KEY_LENGTH, MAX_NOTE_LENGTH } from '../domain/limits.js';
import type { CommitmentDefinition, Instant } from '../domain/model.js';
import type { Actor } from '../domain/permissions.js';
import { issuesFromZod, ValidationError } from '../domain/validation-error.js';
import type { NotificationClaim } from '../ports/alert-store.js';
import { appendAudit } from './audit.js';
import type { StoreDeps } from './deps.js';
import { AlertOverError, CommitmentNotFoundError } from './errors.js';
import { accessRules, authorize } from './permissions.js';
import { RETRY, retryOnConflict } from './retry-on-conflict.js';

export const ackBodySchema = lazy(() =>
  z.strictObject({
    by: boundedString(MAX_KEY_LENGTH, 'must name who acknowledges (a Slack user id or an email)').min(
      1,
      'must not be empty',
    ),
    note: boundedString(MAX_NOTE_LENGTH).optional(),
  }),
);

const SNOOZE_EITHER = 'give either until (an ISO-8601 date-time) or for (a duration such as 4h or 1bd)';

export const snoozeBodySchema = lazy(() =>
  z
    .strictObject({
      by: boundedString(MAX_KEY_LENGTH, 'must name who snoozes (a Slack user id or an email)').min(
        1,
        'must not be empty',
      ),
      until: z.iso
        .datetime({ offset: true, error: 'must be an ISO-8601 date-time with an offset' })
        .optional(),
      /** How long, in the units escalation steps use: `4h`, `1d` (24 hours), `1bd` (a business day). */
      for: spanTextSchema().optional(),
    })
    .superRefine((body, ctx) => {
      if (body.until === undefined && body.for === undefined) {
        ctx.addIssue({ code: 'custom', path: ['until'], message: `is required: ${SNOOZE_EITHER}` });
      } else if (body.until !== undefined && body.for !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['for'],
          message: `must not come with until: ${SNOOZE_EITHER}, not both`,
        });
      }
    }),
);

/** What an acknowledgement or snooze changed, with the notifications already sent for that alert. */
export interface AlertReaction {
  commitmentId: string;
  period: string;
  /** The commitment's zone, in which people read the alert's times. */
  timezone: string;
  state: AlertState;
  /** Who reacted, as the edge resolved them. */
  actor: Actor;
  claims: Array<NotificationClaim & { annotations: Record<string, string> }>;
}

/** The one alert a reaction is meant for (a button carries it); without it, the open alert is meant. */
export interface TargetAlert {
  period: string;
  episode: number;
}

/** Called after a reaction is stored, e.g. to update the alert's Slack messages. */
export type ReactionListener = (reaction: AlertReaction, kind: 'acknowledged' | 'snoozed') => Promise<void>;

/** Who reacted and how, for the audit trail. */
interface ReactionTrace {
  action: AuditAction;
  by: string;
  via: AuditVia;
  detail: (state: AlertState) => Record<string, unknown>;
}

async function react(
  deps: StoreDeps,
  commitmentId: string,
  who: { actor: Actor; action: 'ack' | 'snooze' },
  change: (state: AlertState | undefined, now: Instant, definition: CommitmentDefinition) => AlertState,
  trace: ReactionTrace,
  target?: TargetAlert,
): Promise<AlertReaction> {
  const record = await deps.commitments.get(commitmentId);
  if (record?.state !== 'active') throw new CommitmentNotFoundError(commitmentId);
  const now = deps.clock.now();
  const { period, version } = periodAt(record, now);
  const timezone = version.definition.timezone;
  const rules = await accessRules(deps);
  const state = await retryOnConflict(
    async () => {
      const current = await deps.alerts.get(commitmentId, period.key);
      // Checked on every attempt: a newer alert opening between the read and the write makes the
      // conditional write fail, and the retry then sees it.
      if (target) requireTargetAlert(commitmentId, period.key, current, target);
      const next = change(current, now, version.definition);
      // After `change`, which refuses when no alert is open; before anything is written. Whom the
      // alert reached is read from the state each attempt, as it may have escalated meanwhile.
      authorize(rules, who.actor, who.action, version.definition, { alert: next });
      if (current && next.revision === current.revision) return current;
      const outcome = await deps.alerts.commit(next, current ? current.revision : null, [], now);
      return outcome === 'committed' ? next : RETRY;
    },
    { attempts: 3, what: `The alert of '${commitmentId}'` },
  );
  // Keyed by the revision the reaction produced: a repeated reaction leaves the state (and so the
  // key) as it was, and finds its entry there.
  await appendAudit(deps, trace, {
    action: trace.action,
    key: `${period.key}:${state.episode}:${state.revision}`,
    commitmentId,
    period: period.key,
    detail: { level: state.level, episode: state.episode, ...trace.detail(state) },
  });
  return {
    commitmentId,
    period: period.key,
    timezone,
    state,
    actor: who.actor,
    claims: await deps.alerts.listClaims(commitmentId, period.key),
  };
}

function requireTargetAlert(
  commitmentId: string,
  periodKey: string,
  current: AlertState | undefined,
  target: TargetAlert,
): void {
  const open = current !== undefined && current.level > 0;
  if (periodKey === target.period && open && current.episode === target.episode) return;
  throw new AlertOverError(commitmentId, target.period, target.episode, open ? current.episode : undefined);
}

/**
 * POST /v1/commitments/{id}/ack: stops further escalation of the open alert. With a `target`
 * (a Slack button), only that alert is acknowledged; once it is over, nothing changes.
 */
export async function acknowledgeAlert(
  deps: StoreDeps,
  commitmentId: string,
  body: unknown,
  actor: Actor,
  target?: TargetAlert,
): Promise<AlertReaction> {
  const parsed = ackBodySchema().safeParse(body);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error));
  const { by, note } = parsed.data;
  const trace: ReactionTrace = {
    action: 'alert.acknowledged',
    by,
    via: actor.via,
    detail: (state) => (state.note === undefined ? {} : { note: state.note }),
  };
  return react(
    deps,
    commitmentId,
    { actor, action: 'ack' },
    (state, now) => acknowledge(state, by, now, note),
    trace,
    target,
  );
}

/**
 * POST /v1/commitments/{id}/snooze: no escalation until `until`, or for `for` from now (business
 * days of the commitment's calendar with `bd`, elapsed time otherwise, like a person means "snooze
 * 4 hours"); a `target` as for acknowledging.
 */
export async function snoozeAlert(
  deps: StoreDeps,
  commitmentId: string,
  body: unknown,
  actor: Actor,
  target?: TargetAlert,
): Promise<AlertReaction> {
  const parsed = snoozeBodySchema().safeParse(body);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error));
  const { by } = parsed.data;
  const trace: ReactionTrace = {
    action: 'alert.snoozed',
    by,
    via: actor.via,
    detail: (state) => (state.snoozedUntil === undefined ? {} : { until: isoInstant(state.snoozedUntil) }),
  };
  const who = { actor, action: 'snooze' as const };
  if (parsed.data.for !== undefined) {
    const text = parsed.data.for;
    const span = parseSpan(text);
    return react(
      deps,
      commitmentId,
      who,
      (state, now, definition) => snooze(state, by, snoozeEnd(text, span, definition, now), now),
      trace,
      target,
    );
  }
  const until = Date.parse(parsed.data.until as string);
  // A wrong `until` is the caller's mistake whatever state the alert is in, so it is named first.
  checkSnoozeUntil(until, deps.clock.now());
  return react(deps, commitmentId, who, (state, now) => snooze(state, by, until, now), trace, target);
}

/**
 * When a snooze `for` a span ends: its business days on the commitment's calendar, then its hours
 * as elapsed time (snoozing 4 hours on a Friday evening means until late that evening; escalation
 * waits for the next open hour anyway). A span that ends now or beyond the longest snooze names `for`.
 */
function snoozeEnd(
  text: string,
  span: DurationSpan,
  definition: CommitmentDefinition,
  now: Instant,
): Instant {
  const calendar = definition.calendar ?? alwaysOpenCalendar(definition.timezone);
  const until = addBusinessDays(calendar, now, span.businessDays) + span.ms;
  if (until <= now) {
    throw new ValidationError([{ path: 'for', message: `must be longer than nothing, got ${text}` }]);
  }
  if (until - now > MAX_SNOOZE_MS) {
    throw new ValidationError([
      { path: 'for', message: `Snooze for at most 30 days: ${text} from now ends later than that` },
    ]);
  }
  return until;
}
