/**
 * The use cases' side of permissions: the rules of the applied configuration, and a refusal as a
 * typed error the HTTP and Slack edges answer with who may.
 */
import type { AlertState } from '../domain/alerts/alert-state.js';
import type { CommitmentDefinition, Excusal, PermissionAction } from '../domain/model.js';
import { type AccessRules, type Actor, DEFAULT_PERMISSIONS, decide } from '../domain/permissions.js';
import type { StoreDeps } from './deps.js';
import { ForbiddenError } from './errors.js';

/** Before any configuration (or one applied before permissions existed): nobody is an admin, defaults apply. */
export async function accessRules(deps: Pick<StoreDeps, 'commitments'>): Promise<AccessRules> {
  const config = await deps.commitments.getConfig();
  return {
    admins: config?.admins ?? [],
    permissions: config?.permissions ?? DEFAULT_PERMISSIONS,
    departments: config?.departments ?? {},
  };
}

/** Throws ForbiddenError, naming who may, unless `actor` may do `action`; returns the role that admits it. */
export function authorize(
  rules: AccessRules,
  actor: Actor,
  action: PermissionAction,
  commitment: CommitmentDefinition,
  about: { alert?: Pick<AlertState, 'level'>; excusal?: Pick<Excusal, 'causedBy'> } = {},
): string {
  const decision = decide(actor, action, commitment, rules, about.alert, about.excusal);
  if (!decision.allowed) throw ForbiddenError.refused(action, commitment.id, decision.who);
  return decision.as;
}
