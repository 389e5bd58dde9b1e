/**
 * Approving or rejecting an excusal: a member of the department it blames (or an admin) decides,
 * once. Only an approved excusal lowers targets or pauses timers.
 */
import * as z from 'zod';
import { boundedString } from '../domain/bounded-schemas.js';
import { decideExcusal, type ExcusalDecision } from '../domain/excusals.js';
import { periodAt } from '../domain/judgement.js';
import { lazy } from '../domain/lazy.js';
import { MAX_KEY_LENGTH } from '../domain/limits.js';
import type { Excusal } from '../domain/model.js';
import { periodsBetween, previousPeriod } from '../domain/periods.js';
import { type Actor, authorOf } from '../domain/permissions.js';
import { issuesFromZod, ValidationError } from '../domain/validation-error.js';
import type { StoreDeps } from './deps.js';
import { CommitmentNotFoundError, ExcusalNotFoundError, PeriodClosedError } from './errors.js';
import { MAX_EXCUSAL_MS } from './excusals.js';
import { accessRules, authorize } from './permissions.js';
import { RETRY, retryOnConflict } from './retry-on-conflict.js';

/** The API's decision route loads this module alone; it shows the decided excusal the same way. */
export { excusalView } from './excusals.js';

export const excusalDecisionBodySchema = lazy(() =>
  z.strictObject({
    excusalId: boundedString(MAX_KEY_LENGTH, 'must be the id of the excusal').min(1, 'must not be empty'),
    decision: z.enum(['approve', 'reject'], { error: "must be 'approve' or 'reject'" }),
  }),
);

export interface ExcusalDecisionOutcome {
  commitmentId: string;
  excusal: Excusal;
  /** False when it had already been decided the same way (a retried click). */
  changed: boolean;
  timezone: string;
}

/** POST /v1/commitments/{id}/excusals/decisions `{excusalId, decision}`. */
export function decideExcusalRequest(deps: StoreDeps, commitmentId: string, body: unknown, actor: Actor) {
  const parsed = excusalDecisionBodySchema().safeParse(body);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error));
  return decideOnExcusal(deps, commitmentId, parsed.data.excusalId, parsed.data.decision, actor);
}

export async function decideOnExcusal(
  deps: StoreDeps,
  commitmentId: string,
  excusalId: string,
  decision: ExcusalDecision,
  actor: Actor,
): Promise<ExcusalDecisionOutcome> {
  const record = await deps.commitments.get(commitmentId);
  if (record?.state !== 'active') throw new CommitmentNotFoundError(commitmentId);
  const rules = await accessRules(deps);
  return retryOnConflict(
    async () => {
      const now = deps.clock.now();
      const { period, version } = periodAt(record, now);
      const definition = version.definition;
      // An excusal sits on every period it touches; the open ones run from the previous period
      // (closed an hour after it ends) to a year ahead, the furthest one may be planned.
      const searched = periodsBetween(
        definition.period,
        previousPeriod(period).start,
        now + MAX_EXCUSAL_MS + (period.end - period.start),
        definition.timezone,
      );
      const aggregates = await deps.events.getAggregates(
        searched.map((p) => ({ commitmentId, periodKey: p.key })),
      );
      const holding = [...aggregates.values()].filter((a) => a.excusals.some((e) => e.id === excusalId));
      const found = holding[0]?.excusals.find((e) => e.id === excusalId);
      if (found === undefined) throw new ExcusalNotFoundError(commitmentId, excusalId);
      authorize(rules, actor, 'approveExcusal', definition, { excusal: found });
      const next = decideExcusal(found, decision, authorOf(actor), now);
      const result = { commitmentId, excusal: next, changed: next !== found, timezone: definition.timezone };
      if (!result.changed) return result;
      const open = holding
        .map((a) => a.periodKey)
        .filter((key) => record.closedThrough === undefined || key > record.closedThrough);
      if (open.length === 0) throw new PeriodClosedError(commitmentId, holding[0]?.periodKey ?? period.key);
      const outcome = await deps.events.decideExcusal(commitmentId, open, next);
      if (outcome === 'closed') throw new PeriodClosedError(commitmentId, open[0] ?? period.key);
      return outcome === 'decided' ? result : RETRY;
    },
    { attempts: 3, what: `The excusal '${excusalId}'` },
  );
}
