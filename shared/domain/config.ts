/**
 * The configuration language (commitments as code): text or parsed data in, a normalized SlaConfig
 * out, or a ValidationError listing every problem found (never just the first).
 */
import type * as z from 'zod';
import { malformedTextPaths } from './bounded-schemas.js';
import { normalizeCalendar } from './config-calendar.js';
import { type CommitmentContext, readCommitment } from './config-commitment.js';
import { normalizePermissions } from './config-permissions.js';
import {
  checkDepartmentId,
  DEFAULT_ESCALATION,
  normalizeDepartment,
  normalizeDigest,
  normalizeEscalation,
  normalizeEvaluation,
} from './config-policy.js';
import {
  isSlug,
  rawAdminsSchema,
  rawCalendarSchema,
  rawConfigEnvelopeSchema,
  rawDepartmentSchema,
  rawDigestSchema,
  rawEscalationSchema,
  rawEvaluationSchema,
  rawPermissionsSchema,
} from './config-schema.js';
import {
  formatLimit,
  MAX_CALENDARS,
  MAX_COMMITMENTS,
  MAX_DEPARTMENTS,
  MAX_NAME_LENGTH,
  MAX_SOURCES,
  tooLongMessage,
  WELL_FORMED_MESSAGE,
} from './limits.js';
import type {
  BusinessCalendar,
  CommitmentDefinition,
  Department,
  EscalationStep,
  SlaConfig,
} from './model.js';
import {
  checkOnePerConfiguration,
  normalizeSource,
  rawSourceSchema,
  type SourceDefinition,
} from './sources/config-sources.js';
import {
  describeValue,
  type FieldIssue,
  issuesFromZod,
  joinPath,
  ValidationError,
} from './validation-error.js';

export type { CommitmentContext } from './config-commitment.js';

/** Validates and normalizes an already-parsed configuration object. */
export function parseConfig(input: unknown): SlaConfig {
  if (!isRecord(input)) {
    const message =
      input === null || input === undefined
        ? 'the configuration is empty; it needs at least timezone, departments and commitments'
        : `the configuration must be a mapping with timezone, departments and commitments, got ${describeValue(input)}`;
    throw new ValidationError([{ path: '', message }]);
  }
  refuseMalformedText(input);
  const issues: FieldIssue[] = [];
  const envelope = rawConfigEnvelopeSchema().safeParse(input, { reportInput: true });
  if (!envelope.success) issues.push(...issuesFromZod(envelope.error));
  // Each section is read on its own from here, so one broken section does not hide the others;
  // the envelope has already reported a section of the wrong type.
  const shape = rawConfigEnvelopeSchema().shape;
  const timezone = quietly(shape.timezone, input.timezone) ?? 'UTC';
  const rawDepartments = quietly(shape.departments, input.departments) ?? {};
  const rawCalendars = quietly(shape.calendars, input.calendars) ?? {};
  const declared = { departments: Object.keys(rawDepartments), calendars: Object.keys(rawCalendars) };
  checkCount('departments', declared.departments.length, MAX_DEPARTMENTS, 'departments', issues);
  checkCount('calendars', declared.calendars.length, MAX_CALENDARS, 'calendars', issues);
  if (Array.isArray(input.commitments)) {
    checkCount('commitments', input.commitments.length, MAX_COMMITMENTS, 'commitments', issues);
  }

  const departments: Record<string, Department> = {};
  for (const [id, value] of Object.entries(rawDepartments)) {
    const path = joinPath('departments', id);
    const idIsValid = checkDepartmentId(id, path, issues);
    const raw = parseEntry(rawDepartmentSchema(), value, path, issues);
    if (raw !== undefined && idIsValid) departments[id] = normalizeDepartment(id, raw);
  }

  const calendars: Record<string, BusinessCalendar> = {};
  for (const [name, value] of Object.entries(rawCalendars)) {
    const path = joinPath('calendars', name);
    if (name.length > MAX_NAME_LENGTH) {
      issues.push({ path, message: `calendar name ${tooLongMessage(MAX_NAME_LENGTH)}` });
      continue;
    }
    const raw = parseEntry(rawCalendarSchema(), value, path, issues);
    const calendar = raw && normalizeCalendar(name, raw, raw.timezone ?? timezone, path, issues);
    if (calendar !== undefined) calendars[name] = calendar;
  }

  let escalation: EscalationStep[] = DEFAULT_ESCALATION.map((step) => ({
    ...step,
    notify: [...step.notify],
  }));
  if (input.escalation !== undefined) {
    const raw = parseEntry(rawEscalationSchema(), input.escalation, 'escalation', issues);
    escalation =
      raw === undefined ? [] : normalizeEscalation(raw, declared.departments, 'escalation', issues);
  }

  const rawDigest =
    input.digest === undefined ? undefined : parseEntry(rawDigestSchema(), input.digest, 'digest', issues);
  const digest =
    input.digest !== undefined && rawDigest === undefined
      ? undefined
      : normalizeDigest(rawDigest, declared.departments, 'digest', issues);

  const rawEvaluation =
    input.evaluation === undefined
      ? undefined
      : parseEntry(rawEvaluationSchema(), input.evaluation, 'evaluation', issues);
  const evaluateEveryMinutes = normalizeEvaluation(rawEvaluation, 'evaluation', issues);

  const rawAdmins =
    input.admins === undefined ? [] : (parseEntry(rawAdminsSchema(), input.admins, 'admins', issues) ?? []);
  const admins = [...new Set(rawAdmins)];
  const rawPermissions =
    input.permissions === undefined
      ? undefined
      : parseEntry(rawPermissionsSchema(), input.permissions, 'permissions', issues);
  const permissions = normalizePermissions(rawPermissions, declared.departments, 'permissions', issues);

  const creditUnit = quietly(shape.creditUnit, input.creditUnit);
  const context: CommitmentContext = { timezone, calendars, departments, escalation };
  if (creditUnit !== undefined) context.creditUnit = creditUnit;
  const commitments = parseCommitmentList(
    quietly(shape.commitments, input.commitments) ?? [],
    context,
    declared,
    issues,
  );

  const sources =
    input.sources === undefined
      ? undefined
      : readSources(quietly(shape.sources, input.sources) ?? {}, input.commitments, commitments, issues);

  if (issues.length > 0 || digest === undefined) throw new ValidationError(issues);
  const config: SlaConfig = {
    timezone,
    calendars,
    departments,
    escalation,
    digest,
    evaluateEveryMinutes,
    admins,
    permissions,
    ...(sources === undefined ? {} : { sources }),
    commitments,
  };
  if (creditUnit !== undefined) config.creditUnit = creditUnit;
  return config;
}

/** One commitment on its own (`PUT /v1/commitments/{id}`), against the stored file's context. */
export function parseCommitment(input: unknown, context: CommitmentContext): CommitmentDefinition {
  refuseMalformedText(input);
  const issues: FieldIssue[] = [];
  const definition = readCommitment(input, context, '', issues);
  if (definition === undefined || issues.length > 0) throw new ValidationError(issues);
  return definition;
}

/**
 * Text with a lone surrogate is refused before anything else reads it: stored, it would turn into
 * a replacement character, and two different inputs would become the same text.
 */
function refuseMalformedText(input: unknown): void {
  const paths = malformedTextPaths(input);
  if (paths.length > 0) {
    throw new ValidationError(
      paths.map((path) => ({ path: joinPath('', ...path), message: WELL_FORMED_MESSAGE })),
    );
  }
}

function checkCount(path: string, count: number, max: number, what: string, issues: FieldIssue[]): void {
  if (count > max) {
    issues.push({
      path,
      message: `must have at most ${formatLimit(max)} ${what}, got ${formatLimit(count)}`,
    });
  }
}

function parseCommitmentList(
  entries: unknown[],
  context: CommitmentContext,
  declared: { departments: string[]; calendars: string[] },
  issues: FieldIssue[],
): CommitmentDefinition[] {
  const commitments: CommitmentDefinition[] = [];
  const firstIndex = new Map<string, number>();
  entries.forEach((entry, index) => {
    const path = joinPath('commitments', index);
    // Looked at before the schema, so a duplicate is reported even when the entry has other problems.
    const id = isRecord(entry) && typeof entry.id === 'string' ? entry.id : undefined;
    if (id !== undefined) {
      const earlier = firstIndex.get(id);
      if (earlier === undefined) firstIndex.set(id, index);
      else {
        issues.push({
          path: joinPath(path, 'id'),
          message: `duplicate id '${id}': commitments[${earlier}] and commitments[${index}] both use it; ids must be unique`,
        });
      }
    }
    const definition = readCommitment(entry, context, path, issues, declared);
    if (definition !== undefined) commitments.push(definition);
  });
  return commitments;
}

/** Each source on its own, against the commitments declared beside it (valid or not). */
function readSources(
  rawSources: Record<string, unknown>,
  rawCommitments: unknown,
  commitments: CommitmentDefinition[],
  issues: FieldIssue[],
): Record<string, SourceDefinition> {
  checkCount('sources', Object.keys(rawSources).length, MAX_SOURCES, 'sources', issues);
  // A commitment that failed its own checks is still declared: a rule naming it is not wrong too.
  const measures = new Map<string, CommitmentDefinition['measure'] | undefined>();
  if (Array.isArray(rawCommitments)) {
    for (const entry of rawCommitments) {
      if (isRecord(entry) && typeof entry.id === 'string') measures.set(entry.id, undefined);
    }
  }
  for (const c of commitments) measures.set(c.id, c.measure);
  const sources: Record<string, SourceDefinition> = {};
  for (const [name, value] of Object.entries(rawSources)) {
    const path = joinPath('sources', name);
    if (!isSlug(name)) {
      issues.push({
        path,
        message: `source name '${name}' must be a lowercase id (letters, digits and dashes): it is part of the URL /sources/${name} and of SLA_SOURCE_<NAME>_SECRET`,
      });
      continue;
    }
    const raw = parseEntry(rawSourceSchema(), value, path, issues);
    const source = raw && normalizeSource(name, raw, measures, path, issues);
    if (source !== undefined) sources[name] = source;
  }
  checkOnePerConfiguration(sources, issues);
  return sources;
}

function parseEntry<T>(
  schema: z.ZodType<T>,
  value: unknown,
  path: string,
  issues: FieldIssue[],
): T | undefined {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  issues.push(...issuesFromZod(result.error, path));
  return undefined;
}

/** Parses without reporting: for sections whose issues the envelope already reported. */
function quietly<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
