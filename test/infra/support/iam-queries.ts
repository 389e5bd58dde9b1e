import type { Template } from 'aws-cdk-lib/assertions';

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

// Every resource type queried here (policies, functions) always has Properties.
type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

function resources(template: Template): Resources {
  return template.toJSON().Resources as Resources;
}

/** The logical id of the one resource of `type` whose id starts with `prefix` (construct path). */
export function logicalId(template: Template, type: string, prefix: string): string {
  const ids = Object.entries(resources(template))
    .filter(([id, resource]) => resource.Type === type && id.startsWith(prefix))
    .map(([id]) => id);
  if (ids.length !== 1)
    throw new Error(`expected one ${type} named ${prefix}*, found ${ids.join(', ') || 'none'}`);
  return ids[0] as string;
}

/** Every statement of every inline policy attached to the role. */
export function roleStatements(template: Template, roleId: string): Statement[] {
  return Object.values(resources(template))
    .filter((resource) => resource.Type === 'AWS::IAM::Policy')
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((role) => isRef(role, roleId)))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** The statements of the execution role of function `Fn-<name>`. */
export function functionStatements(template: Template, name: string): Statement[] {
  const fnId = logicalId(template, 'AWS::Lambda::Function', `Fn${name.replace(/-/g, '')}Function`);
  const role = resources(template)[fnId]?.Properties.Role as { 'Fn::GetAtt'?: [string, string] } | undefined;
  const roleId = role?.['Fn::GetAtt']?.[0];
  if (roleId === undefined) throw new Error(`function ${name} has no role`);
  return roleStatements(template, roleId);
}

export function actionsOf(statements: Statement[]): string[] {
  return [...new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])))].sort();
}

/** Resources of the statements granting `action`, as logical ids where they are Ref/GetAtt. */
export function resourcesFor(statements: Statement[], action: string): string[] {
  return statements
    .filter((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]).includes(action))
    .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]))
    .map(describeResource);
}

function describeResource(resource: unknown): string {
  if (typeof resource === 'string') return resource;
  const value = resource as Record<string, unknown>;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'] as [string, string] | undefined;
  if (getAtt !== undefined) return `${getAtt[0]}.${getAtt[1]}`;
  const join = value['Fn::Join'] as [string, unknown[]] | undefined;
  if (join !== undefined) return join[1].map(describeResource).join(join[0]);
  return JSON.stringify(resource);
}

function isRef(value: unknown, id: string): boolean {
  return typeof value === 'object' && value !== null && (value as { Ref?: unknown }).Ref === id;
}
