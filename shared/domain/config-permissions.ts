/**
 * `admins` and `permissions`, at the top of the file and on one commitment, checked against the
 * departments the file declares.
 */
import type { RawPermissions } from './config-schema.js';
import type { PermissionAction, Permissions } from './model.js';
import { DEFAULT_PERMISSIONS, PERMISSION_ACTIONS } from './permissions.js';
import { type FieldIssue, joinPath, meantHint } from './validation-error.js';

const PARTY_ROLES = ['provider', 'consumer', 'provider.lead', 'consumer.lead', 'admins'];

/** Roles that only mean something next to an alert or an excusal. */
const SITUATIONAL: Record<string, { actions: readonly PermissionAction[]; why: string }> = {
  notified: {
    actions: ['ack', 'snooze'],
    why: "'notified' means whoever an alert reached, so it applies only to ack and snooze",
  },
  causedBy: {
    actions: ['excuse', 'approveExcusal'],
    why: "'causedBy' means the department an excusal blames, so it applies only to excuse and approveExcusal",
  },
};

/** What is wrong with `role` as a holder of `action`, or undefined. */
export function roleProblem(
  role: string,
  action: PermissionAction,
  departments: readonly string[],
): string | undefined {
  if (PARTY_ROLES.includes(role)) return undefined;
  const situational = SITUATIONAL[role];
  if (situational !== undefined) {
    return situational.actions.includes(action) ? undefined : situational.why;
  }
  const department = role.endsWith('.lead') ? role.slice(0, -'.lead'.length) : role;
  if (departments.includes(department)) return undefined;
  const candidates = [
    ...PARTY_ROLES,
    ...Object.keys(SITUATIONAL),
    ...departments,
    ...departments.map((id) => `${id}.lead`),
  ];
  const known = departments.length === 0 ? 'none declared' : departments.join(', ');
  return `unknown role '${role}'${meantHint(role, candidates)}; use provider, consumer, provider.lead, consumer.lead, admins, notified (ack, snooze), causedBy (excuse, approveExcusal), a department (${known}) or <department>.lead`;
}

/** The actions a mapping names, each role checked and listed once. */
export function normalizePermissionOverrides(
  raw: RawPermissions,
  departments: readonly string[],
  path: string,
  issues: FieldIssue[],
): Partial<Permissions> {
  const overrides: Partial<Permissions> = {};
  for (const action of PERMISSION_ACTIONS) {
    const roles = raw[action];
    if (roles === undefined) continue;
    roles.forEach((role, index) => {
      const problem = roleProblem(role, action, departments);
      if (problem !== undefined) issues.push({ path: joinPath(path, action, index), message: problem });
    });
    overrides[action] = [...new Set(roles)];
  }
  return overrides;
}

/** The file's rules: the defaults, with each action the file names replaced by its list. */
export function normalizePermissions(
  raw: RawPermissions | undefined,
  departments: readonly string[],
  path: string,
  issues: FieldIssue[],
): Permissions {
  const overrides = raw === undefined ? {} : normalizePermissionOverrides(raw, departments, path, issues);
  const permissions = {} as Permissions;
  for (const action of PERMISSION_ACTIONS) {
    permissions[action] = [...(overrides[action] ?? DEFAULT_PERMISSIONS[action])];
  }
  return permissions;
}
