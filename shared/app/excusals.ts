import { createHash } from 'node:crypto';
import * as z from 'zod';
import { authorFrom } from '../domain/audit.js';
import { boundedString } from '../domain/bounded-schemas.js';
import { isoInstant } from '../domain/instant-format.js';
import { latestVersion, periodAt } from '../domain/judgement.js';
import { lazy } from '../domain/lazy.js';
import { MAX_KEY_LENGTH, MAX_NAME_LENGTH, MAX_NOTE_LENGTH } from '../domain/limits.js';
import type { Excusal } from '../domain/model.js';
import { periodsBetween } from '../domain/periods.js';
import { type Actor, authorOf } from '../domain/permissions.js';
import { issuesFromZod, ValidationError } from '../domain/validation-error.js';
import { appendAudit } from './audit.js';
import { currentContext } from './current-config.js';
import type { StoreDeps } from './deps.js';
import { CommitmentNotFoundError, PeriodClosedError } from './errors.js';
import { accessRules, authorize } from './permissions.js';

const isoDateTime = lazy(() =>
  z.iso.datetime({
    offset: true,
    error: 'must be an ISO-8601 date-time with an offset, e.g. 2026-11-18T10:00:00-05:00',
  }),
);

/** A reason shorter than this says nothing a reader can check. */
export const MIN_REASON_LENGTH = 3;

export const excusalBodySchema = lazy(() =>
  z.strictObject({
    id: boundedString(MAX_KEY_LENGTH, 'must be text: a key of your choosing for this excusal')
      .min(1, 'must not be empty')
      .optional(),
    from: isoDateTime(),
    to: isoDateTime(),
    causedBy: boundedString(MAX_NAME_LENGTH, 'must name the department that caused the delay').min(
      1,
      'must name a department',
    ),
    reason: boundedString(MAX_NOTE_LENGTH, 'must say why, in a few words').min(
      MIN_REASON_LENGTH,
      `must say why, in a few words (at least ${MIN_REASON_LENGTH} characters)`,
    ),
  }),
);

/** An excusal may be planned ahead (a freeze), within reason. */
export const MAX_EXCUSAL_MS = 366 * 24 * 3600_000;

/**
 * POST /v1/commitments/{id}/excusals: a window in which the provider could not perform because of
 * the consumer. Without an `id`, the same window and reason sent twice is recorded once.
 */
export async function addExcusal(deps: StoreDeps, commitmentId: string, body: unknown, actor: Actor) {
  const parsed = excusalBodySchema().safeParse(body);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error));
  const input = parsed.data;
  const record = await deps.commitments.get(commitmentId);
  if (record?.state !== 'active') throw new CommitmentNotFoundError(commitmentId);
  const definition = latestVersion(record).definition;
  const from = Date.parse(input.from);
  const to = Date.parse(input.to);
  const issues = [];
  if (to <= from) issues.push({ path: 'to', message: 'must be after from' });
  if (to - from > MAX_EXCUSAL_MS) issues.push({ path: 'to', message: 'must be within a year of from' });
  const context = await currentContext(deps);
  if (!Object.hasOwn(context.departments, input.causedBy)) {
    issues.push({
      path: 'causedBy',
      message: `unknown department '${input.causedBy}'; known: ${Object.keys(context.departments).join(', ')}`,
    });
  } else if (input.causedBy === definition.provider) {
    issues.push({
      path: 'causedBy',
      message: 'must not be the provider itself: an excusal records a delay caused by someone else',
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  const inForce = periodAt(record, deps.clock.now()).version.definition;
  const role = authorize(await accessRules(deps), actor, 'excuse', inForce, {
    excusal: { causedBy: input.causedBy },
  });
  const periods = periodsBetween(definition.period, from, to, definition.timezone);
  const closed = periods.find((p) => record.closedThrough && p.key <= record.closedThrough);
  if (closed) throw new PeriodClosedError(commitmentId, closed.key);
  const excusal: Excusal = {
    id:
      input.id ??
      createHash('sha256')
        .update(`${from}|${to}|${input.causedBy}|${input.reason}`)
        .digest('hex')
        .slice(0, 16),
    from,
    to,
    causedBy: input.causedBy,
    reason: input.reason,
    // An admin's word is enough; anyone else's claim waits for the department it blames.
    status: role === 'admins' ? 'approved' : 'pending',
    requestedBy: authorOf(actor),
    requestedAt: deps.clock.now(),
  };
  const outcome = await deps.events.addExcusal(
    commitmentId,
    periods.map((p) => p.key),
    excusal,
  );
  if (outcome === 'closed') throw new PeriodClosedError(commitmentId, periods[0]?.key ?? '');
  // Keyed by the excusal's id, so a retry (a duplicate) finds the entry of the first request.
  await appendAudit(deps, authorFrom(actor), {
    action: 'excusal.requested',
    key: excusal.id,
    commitmentId,
    ...(periods.length === 1 ? { period: periods[0]?.key } : {}),
    detail: {
      excusalId: excusal.id,
      from: isoInstant(from),
      to: isoInstant(to),
      causedBy: excusal.causedBy,
      reason: excusal.reason,
      periods: periods.map((p) => p.key),
    },
  });
  return {
    excusal: excusalView(excusal),
    /** What the department it blames is told, when it waits for their approval. */
    notice: {
      commitmentId,
      title: definition.title,
      provider: definition.provider,
      excusal,
      timezone: definition.timezone,
    },
    periods: periods.map((p) => p.key),
    duplicate: outcome === 'duplicate',
    timezone: definition.timezone,
  };
}

/** The excusal as the API shows it: instants in UTC. */
export function excusalView(excusal: Excusal) {
  return {
    ...excusal,
    from: isoInstant(excusal.from),
    to: isoInstant(excusal.to),
    ...(excusal.requestedAt === undefined ? {} : { requestedAt: isoInstant(excusal.requestedAt) }),
    ...(excusal.decidedAt === undefined ? {} : { decidedAt: isoInstant(excusal.decidedAt) }),
  };
}
