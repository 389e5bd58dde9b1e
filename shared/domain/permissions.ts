/**
 * Who may do what to a commitment. The configuration names roles per action; `decide` tells
 * whether one actor holds any of them, and when not, who does, in words a person can act on.
 */
import type { AlertState } from './alerts/alert-state.js';
import type { CommitmentDefinition, Department, Excusal, PermissionAction, Permissions } from './model.js';

export const PERMISSION_ACTIONS: readonly PermissionAction[] = [
  'log',
  'ack',
  'snooze',
  'excuse',
  'approveExcusal',
];

/** Who may act when the file says nothing: the two parties record, the blamed side approves. */
export const DEFAULT_PERMISSIONS: Readonly<Permissions> = {
  log: ['provider', 'consumer'],
  ack: ['notified'],
  snooze: ['provider.lead', 'admins'],
  excuse: ['provider', 'consumer'],
  approveExcusal: ['causedBy'],
};

/**
 * Who acts, and through which door: a Slack user, an IAM principal calling the API (its ARN),
 * the local runtime's own admin, or a configured source. The audit trail records it as is.
 */
export interface Actor {
  kind: 'slack' | 'iam' | 'local' | 'source';
  /** The Slack user id, the principal ARN, `local`, or the source's name. */
  id: string;
  via: 'slack' | 'api' | 'cli' | 'source' | 'schedule';
}

/** The local runtime listens on 127.0.0.1 only, so whoever reaches its API is the machine's owner. */
export const LOCAL_ADMIN: Actor = { kind: 'local', id: 'local', via: 'api' };

export const slackActor = (userId: string): Actor => ({ kind: 'slack', id: userId, via: 'slack' });

export const iamActor = (principalArn: string): Actor => ({ kind: 'iam', id: principalArn, via: 'api' });

/** How an actor is written as the author of a change: `U0ABC`, an ARN, `local`, `source:crm`. */
export function authorOf(actor: Actor): string {
  return actor.kind === 'source' ? `source:${actor.id}` : actor.id;
}

/** The parts of the applied configuration that decide: admins, the default rules and who is in which department. */
export interface AccessRules {
  admins: readonly string[];
  permissions: Readonly<Permissions>;
  departments: Readonly<Record<string, Department>>;
}

export type Decision =
  /** `as`: the role that admitted the actor (`admins` for IAM and local callers). */
  | { allowed: true; as: string }
  /** `who`: the people who may, each in a few words, admins last. */
  | { allowed: false; who: string[] };

/** The roles that may do `action` on this commitment: its own list, else the file's. */
export function rolesFor(
  action: PermissionAction,
  commitment: CommitmentDefinition,
  rules: AccessRules,
): readonly string[] {
  return commitment.permissions?.[action] ?? rules.permissions[action];
}

/**
 * Whether `actor` may do `action` on `commitment`. `alert` is the alert being acknowledged or
 * snoozed (whom it reached follows its level up the commitment's escalation ladder); `excusal` the
 * one being claimed or approved (whom it blames). Admins may do everything.
 */
export function decide(
  actor: Actor,
  action: PermissionAction,
  commitment: CommitmentDefinition,
  rules: AccessRules,
  alert?: Pick<AlertState, 'level'>,
  excusal?: Pick<Excusal, 'causedBy'>,
): Decision {
  const roles = rolesFor(action, commitment, rules);
  const admitted = admittingRole(actor, action, roles, { commitment, rules, alert, excusal });
  if (admitted !== undefined) return { allowed: true, as: admitted };
  return { allowed: false, who: whoMay(roles, { commitment, rules, alert, excusal }) };
}

interface Situation {
  commitment: CommitmentDefinition;
  rules: AccessRules;
  alert?: Pick<AlertState, 'level'> | undefined;
  excusal?: Pick<Excusal, 'causedBy'> | undefined;
}

function admittingRole(
  actor: Actor,
  action: PermissionAction,
  roles: readonly string[],
  situation: Situation,
): string | undefined {
  if (actor.kind === 'iam' || actor.kind === 'local') return 'admins';
  // A source's rules were written into the file by an admin; what it sends is measurement only.
  if (actor.kind === 'source') return action === 'log' ? 'source' : undefined;
  if (situation.rules.admins.includes(actor.id)) return 'admins';
  return roles.find((role) => holds(actor.id, role, situation));
}

function holds(userId: string, role: string, situation: Situation): boolean {
  if (role === 'admins') return situation.rules.admins.includes(userId);
  if (role === 'notified')
    return reachedTargets(situation).some((target) => holds(userId, target, situation));
  if (role === 'causedBy') {
    const blamed = situation.excusal?.causedBy;
    return blamed !== undefined && inDepartment(userId, situation.rules.departments[blamed], false);
  }
  const { department, leadOnly } = departmentOf(role, situation);
  return inDepartment(userId, department, leadOnly);
}

/** The notify targets of every step the alert has reached; none when no alert is open. */
function reachedTargets({ commitment, alert }: Situation): string[] {
  if (alert === undefined || alert.level <= 0) return [];
  return [...new Set(commitment.escalation.slice(0, alert.level).flatMap((step) => step.notify))];
}

function departmentOf(role: string, { commitment, rules }: Situation) {
  const leadOnly = role.endsWith('.lead');
  const base = leadOnly ? role.slice(0, -'.lead'.length) : role;
  const id = base === 'provider' ? commitment.provider : base === 'consumer' ? commitment.consumer : base;
  return {
    id,
    department: Object.hasOwn(rules.departments, id) ? rules.departments[id] : undefined,
    leadOnly,
  };
}

function inDepartment(userId: string, department: Department | undefined, leadOnly: boolean): boolean {
  if (department === undefined) return false;
  if (department.slack.lead === userId) return true;
  return !leadOnly && department.slack.members.includes(userId);
}

function whoMay(roles: readonly string[], situation: Situation): string[] {
  const words = roles.flatMap((role) => describe(role, situation));
  return [...new Set([...words.filter((w) => w !== ADMINS), ADMINS])];
}

const ADMINS = 'an admin';

function describe(role: string, situation: Situation): string[] {
  if (role === 'admins') return [ADMINS];
  if (role === 'notified') {
    const targets = reachedTargets(situation);
    if (targets.length === 0) return ['whoever an open alert has reached (none is open)'];
    return targets.flatMap((target) => describe(target, situation));
  }
  if (role === 'causedBy') {
    const blamed = situation.excusal?.causedBy;
    if (blamed === undefined) return ['the department the excusal blames'];
    return [`${nameOf(blamed, situation)} (the department the excusal blames)`];
  }
  const { id, department, leadOnly } = departmentOf(role, situation);
  const name = nameOf(id, situation);
  if (!leadOnly) return [`${name} (its lead and members)`];
  return [department?.slack.lead === undefined ? `${name}'s lead (none is set)` : `${name}'s lead`];
}

function nameOf(id: string, { rules }: Situation): string {
  return Object.hasOwn(rules.departments, id) ? (rules.departments[id]?.name ?? id) : id;
}

/** `a`, `a or b`, `a, b or c`: the people who may, as one phrase. */
export function whoMayText(who: readonly string[]): string {
  if (who.length <= 1) return who[0] ?? ADMINS;
  return `${who.slice(0, -1).join(', ')} or ${who[who.length - 1]}`;
}
