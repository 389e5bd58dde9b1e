/**
 * One commitment as written into a self-contained CommitmentDefinition: defaults filled in,
 * its calendar and escalation policy resolved, measure-specific fields checked.
 */

import { alertRules, checkMinEvents } from './config-alerts.js';
import { creditTiers } from './config-credits.js';
import { normalizePermissionOverrides } from './config-permissions.js';
import { normalizeEscalation, unknownDepartmentMessage } from './config-policy.js';
import { type RawCommitment, rawCommitmentSchema } from './config-schema.js';
import { parseDuration } from './duration.js';
import type {
  AtRiskRule,
  BusinessCalendar,
  CommitmentDefinition,
  Department,
  EscalationStep,
  Measure,
  ReviewPolicy,
} from './model.js';
import { DEFAULT_CREDIT_UNIT } from './readable-numbers.js';
import { deriveTarget } from './target.js';
import { type FieldIssue, issuesFromZod, joinPath, meantHint, ValidationError } from './validation-error.js';

export interface CommitmentContext {
  timezone: string;
  /** What service credits are counted in (top-level `creditUnit`); absent means `credits`. */
  creditUnit?: string;
  calendars: Record<string, BusinessCalendar>;
  departments: Record<string, Department>;
  escalation: EscalationStep[];
}

/**
 * Names declared in the file even when their definition is broken: a reference to a broken
 * department is not reported again as "unknown" (the department's own issue already says why).
 */
export interface DeclaredNames {
  departments: readonly string[];
  calendars: readonly string[];
}

/** Defaults, documented for people writing configs (see examples/commitments.yaml). */
export const DEFAULT_UNIT: Record<Measure, string> = {
  total: 'units',
  ratio: '%',
  duration: '%',
  availability: '%',
};
/**
 * Totals tolerate a 5% projected shortfall before warning: counts arrive in lumps (a webinar's
 * leads on one day), so a straight-line projection wobbles. Objective measures already carry
 * their slack in the error budget, so a projection below the objective is a real risk.
 */
export const DEFAULT_PROJECTED_BELOW: Record<Measure, number> = {
  total: 0.95,
  ratio: 1,
  duration: 1,
  availability: 1,
};
export const DEFAULT_NOT_BEFORE = 0.2;
/** Every agreement gets looked at again at least yearly unless it says otherwise. */
export const DEFAULT_REVIEW: ReviewPolicy = { cadence: 'year' };

const OBJECTIVE_MEASURES = 'ratio, duration and availability';

/**
 * Validates one commitment entry and normalizes it. When its shape is wrong, the fields that are
 * right on their own are still checked against the rest of the file, so a typo in one field
 * does not hide an unknown department in another.
 */
export function readCommitment(
  entry: unknown,
  context: CommitmentContext,
  path: string,
  issues: FieldIssue[],
  declared?: DeclaredNames,
): CommitmentDefinition | undefined {
  const result = rawCommitmentSchema().safeParse(entry, { reportInput: true });
  if (result.success) return normalizeCommitment(result.data, context, path, issues, declared);
  const shapeIssues = issuesFromZod(result.error, path);
  issues.push(...shapeIssues);
  const salvaged = salvage(entry);
  if (salvaged === undefined) return undefined;
  const more: FieldIssue[] = [];
  normalizeCommitment(salvaged, context, path, more, declared);
  const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
  issues.push(
    ...more.filter(
      (issue) => !shapeIssues.some((s) => related(issue.path, s.path) || related(s.path, issue.path)),
    ),
  );
  return undefined;
}

const REQUIRED_FIELDS = ['id', 'title', 'provider', 'consumer', 'measure'];

/** The fields of an entry that are valid on their own; undefined when a required one is not. */
function salvage(entry: unknown): RawCommitment | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
  const fields: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(rawCommitmentSchema().shape)) {
    const result = schema.safeParse((entry as Record<string, unknown>)[key]);
    if (result.success && result.data !== undefined) fields[key] = result.data;
    else if (REQUIRED_FIELDS.includes(key)) return undefined;
  }
  return fields as RawCommitment;
}

export function normalizeCommitment(
  raw: RawCommitment,
  context: CommitmentContext,
  path: string,
  issues: FieldIssue[],
  declared: DeclaredNames = {
    departments: Object.keys(context.departments),
    calendars: Object.keys(context.calendars),
  },
): CommitmentDefinition | undefined {
  const before = issues.length;
  const at = (...segments: PropertyKey[]) => joinPath(path, ...segments);
  const problem = (segment: string, message: string) => issues.push({ path: at(segment), message });

  for (const role of ['provider', 'consumer'] as const) {
    if (!declared.departments.includes(raw[role]))
      problem(role, unknownDepartmentMessage(raw[role], declared.departments));
  }
  if (raw.provider === raw.consumer) {
    problem(
      'consumer',
      `must differ from provider '${raw.provider}': a department does not commit to itself`,
    );
  }

  let calendar: BusinessCalendar | undefined;
  if (raw.calendar !== undefined) {
    calendar = context.calendars[raw.calendar];
    if (calendar === undefined && !declared.calendars.includes(raw.calendar)) {
      const known =
        declared.calendars.length === 0
          ? 'no calendars are declared'
          : `known: ${declared.calendars.join(', ')}`;
      problem(
        'calendar',
        `unknown calendar '${raw.calendar}'${meantHint(raw.calendar, declared.calendars)}; ${known}`,
      );
    }
  }
  const pacing = raw.pacing ?? (raw.calendar === undefined ? 'calendar' : 'business');
  if (pacing === 'business' && raw.calendar === undefined) {
    problem('pacing', 'business pacing needs a calendar: add `calendar: <name>`, or use `pacing: calendar`');
  }

  const measure = raw.measure;
  const definition: CommitmentDefinition = {
    id: raw.id,
    title: raw.title,
    provider: raw.provider,
    consumer: raw.consumer,
    measure,
    unit: raw.unit ?? DEFAULT_UNIT[measure],
    period: raw.period ?? 'month',
    timezone: raw.timezone ?? context.timezone,
    pacing,
    comparator: raw.comparator ?? 'atLeast',
    atRisk: atRiskRule(raw, measure, (message) =>
      issues.push({ path: at('atRisk', 'recoverAbove'), message }),
    ),
    escalation: [],
    credits: [],
    review: reviewPolicy(raw),
  };
  if (calendar !== undefined) definition.calendar = calendar;
  if (raw.effectiveFrom !== undefined) definition.effectiveFrom = raw.effectiveFrom;
  // Kept only when it differs from the default, so definitions stored before it existed stay unchanged.
  if (context.creditUnit !== undefined && context.creditUnit !== DEFAULT_CREDIT_UNIT) {
    definition.creditUnit = context.creditUnit;
  }

  if (measure === 'total') {
    if (raw.objective !== undefined) {
      problem('objective', `only ${OBJECTIVE_MEASURES} commitments have an objective; a total has a target`);
    }
    if (raw.values === 'decimal') definition.values = 'decimal';
    if (raw.target === undefined) {
      problem(
        'target',
        'is required for measure total: a positive number, or { derive: { revenue, dealSize, closeRate } }',
      );
    } else if (typeof raw.target === 'number') {
      definition.target = raw.target;
    } else {
      try {
        const { target, ...derivation } = deriveTarget(raw.target.derive);
        definition.target = target;
        definition.derivation = derivation;
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        for (const issue of error.issues)
          issues.push({
            path: at('target', 'derive', ...(issue.path ? [issue.path] : [])),
            message: issue.message,
          });
      }
    }
  } else {
    if (raw.target !== undefined) {
      problem(
        'target',
        `only total commitments have a target; a ${measure} commitment has an objective between 0 and 1 (0.95 = 95%)`,
      );
    }
    if (raw.comparator !== undefined) problem('comparator', 'only total commitments have a comparator');
    if (raw.values !== undefined) {
      problem('values', `only total commitments take values; a ${measure} commitment counts outcomes`);
    }
    if (raw.objective === undefined) {
      problem(
        'objective',
        `is required for measure ${measure}: the share to achieve, between 0 and 1 (0.95 = 95%)`,
      );
    } else {
      definition.objective = raw.objective;
    }
  }

  if (measure === 'duration') {
    if (raw.threshold === undefined) {
      problem('threshold', 'is required for measure duration: how long each item may take, such as 24h');
    } else if (parseDuration(raw.threshold) === 0) {
      problem('threshold', 'must be longer than 0');
    } else {
      definition.threshold = raw.threshold;
      definition.thresholdMs = parseDuration(raw.threshold);
    }
  } else if (raw.threshold !== undefined) {
    problem('threshold', 'only duration commitments have a threshold');
  }

  if (raw.escalation === undefined) {
    definition.escalation = context.escalation.map((step) => ({ ...step, notify: [...step.notify] }));
  } else {
    definition.escalation = normalizeEscalation(
      raw.escalation,
      declared.departments,
      at('escalation'),
      issues,
    );
  }

  checkMinEvents(raw, at, issues);
  const alerts = alertRules(raw, definition.escalation.length, at, issues);
  if (alerts !== undefined) definition.alerts = alerts;
  if (raw.permissions !== undefined) {
    const overrides = normalizePermissionOverrides(
      raw.permissions,
      declared.departments,
      at('permissions'),
      issues,
    );
    // Left out when empty, so a commitment that names no action reads as before.
    if (Object.keys(overrides).length > 0) definition.permissions = overrides;
  }

  definition.credits = creditTiers(raw, at, issues);
  return issues.length > before ? undefined : definition;
}

function atRiskRule(raw: RawCommitment, measure: Measure, problem: (message: string) => void): AtRiskRule {
  const rule: AtRiskRule = {
    projectedBelow: raw.atRisk?.projectedBelow ?? DEFAULT_PROJECTED_BELOW[measure],
    notBefore: raw.atRisk?.notBefore ?? DEFAULT_NOT_BEFORE,
  };
  // Both left out when not written, so the defaults apply and existing definitions stay unchanged.
  if (raw.atRisk?.minEvents !== undefined) rule.minEvents = raw.atRisk.minEvents;
  const recoverAbove = raw.atRisk?.recoverAbove;
  if (recoverAbove === undefined) return rule;
  if (recoverAbove < rule.projectedBelow) {
    problem(
      `must be at least atRisk.projectedBelow (${rule.projectedBelow}), got ${recoverAbove}: an alert recovers only above the line it opened at`,
    );
  }
  return { ...rule, recoverAbove };
}

function reviewPolicy(raw: RawCommitment): ReviewPolicy {
  if (raw.review === undefined) return { ...DEFAULT_REVIEW };
  if (typeof raw.review === 'string') return { cadence: raw.review };
  const policy: ReviewPolicy = { cadence: raw.review.cadence };
  if (raw.review.baseline !== undefined) policy.baseline = raw.review.baseline;
  return policy;
}
