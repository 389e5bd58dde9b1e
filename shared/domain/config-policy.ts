/**
 * Departments, escalation policies, the digest and the evaluation schedule, normalized.
 */
import { weekdayFromName } from './config-calendar.js';
import type { RawDepartment, RawDigest, RawEscalationStep, RawEvaluation } from './config-schema.js';
import { compareSpans, parseDuration, parseSpan } from './duration.js';
import { isSlug } from './field-rules.js';
import type { Department, DigestSettings, EscalationStep } from './model.js';
import { isValidEvaluationInterval, MIN_EVALUATION_MINUTES, TICK_MINUTES } from './schedule-ticks.js';
import { type FieldIssue, joinPath, meantHint } from './validation-error.js';

const ROLE_TARGETS = ['provider', 'consumer', 'provider.lead', 'consumer.lead'];

/** Used when the file has no `escalation`: tell the provider, then its lead and the consumer. */
export const DEFAULT_ESCALATION: readonly EscalationStep[] = [
  { after: '0h', afterMs: 0, notify: ['provider'] },
  { after: '8h', afterMs: 8 * 60 * 60 * 1000, notify: ['provider.lead', 'consumer'] },
];

export const DEFAULT_DIGEST_SCHEDULE = 'mon 08:00';
export const DEFAULT_DIGEST_DEPARTMENT = 'executives';
export const DEFAULT_EVALUATION_MINUTES = 15;

export function normalizeDepartment(id: string, raw: RawDepartment): Department {
  const slack: Department['slack'] = { members: [...new Set(raw.slack?.members ?? [])] };
  if (raw.slack?.channel !== undefined) slack.channel = raw.slack.channel;
  if (raw.slack?.lead !== undefined) slack.lead = raw.slack.lead;
  return { id, name: raw.name, slack, emails: [...new Set(raw.emails ?? [])] };
}

/** Department ids appear in notify targets (`sales.lead`) and in keys, so they stay simple. */
export function checkDepartmentId(id: string, path: string, issues: FieldIssue[]): boolean {
  if (id === 'provider' || id === 'consumer') {
    issues.push({
      path,
      message: `'${id}' is reserved for escalation targets; name the department differently`,
    });
    return false;
  }
  if (!isSlug(id)) {
    issues.push({
      path,
      message: `department id '${id}' must be lowercase letters, digits and single hyphens (e.g. 'customer-success')`,
    });
    return false;
  }
  return true;
}

/**
 * Checks a notify target against the known departments; returns what is wrong, or undefined.
 * `departments` lists every id declared in the file, valid or not, so one broken department
 * is reported once and not again at every place that names it.
 */
export function notifyTargetProblem(target: string, departments: readonly string[]): string | undefined {
  if (ROLE_TARGETS.includes(target)) return undefined;
  const department = target.endsWith('.lead') ? target.slice(0, -'.lead'.length) : target;
  if (departments.includes(department)) return undefined;
  const candidates = [...ROLE_TARGETS, ...departments, ...departments.map((id) => `${id}.lead`)];
  const known = departments.length === 0 ? 'none declared' : departments.join(', ');
  return `unknown notify target '${target}'${meantHint(target, candidates)}; use provider, consumer, provider.lead, consumer.lead, a department (${known}) or <department>.lead`;
}

export function normalizeEscalation(
  steps: RawEscalationStep[],
  departments: readonly string[],
  path: string,
  issues: FieldIssue[],
): EscalationStep[] {
  const normalized: EscalationStep[] = [];
  let previous: EscalationStep | undefined;
  steps.forEach((step, index) => {
    const stepPath = joinPath(path, index);
    const span = parseSpan(step.after);
    // Without a calendar in hand, a business day has no length, so a step in business days
    // comes after every step with fewer of them, and hours cannot overtake a business day.
    if (previous !== undefined && compareSpans(span, spanOf(previous)) <= 0) {
      const hint =
        span.businessDays < (previous.afterBusinessDays ?? 0)
          ? '; a business day has no fixed length, so write the later step in business days too (like 2bd or 1bd4h)'
          : '';
      issues.push({
        path: joinPath(stepPath, 'after'),
        message: `must be later than the previous step's ${previous.after} (steps fire in order, each after a longer wait), got ${step.after}${hint}`,
      });
    }
    step.notify.forEach((target, targetIndex) => {
      const problem = notifyTargetProblem(target, departments);
      if (problem !== undefined)
        issues.push({ path: joinPath(stepPath, 'notify', targetIndex), message: problem });
    });
    previous = {
      after: step.after,
      afterMs: span.ms,
      ...(span.businessDays > 0 ? { afterBusinessDays: span.businessDays } : {}),
      notify: [...new Set(step.notify)],
    };
    normalized.push(previous);
  });
  return normalized;
}

const spanOf = (step: EscalationStep) => ({ businessDays: step.afterBusinessDays ?? 0, ms: step.afterMs });

const SCHEDULE = /^([a-z]+)\s+(\d{1,2}):(\d{2})$/i;

export function normalizeDigest(
  raw: RawDigest | undefined,
  departments: readonly string[],
  path: string,
  issues: FieldIssue[],
): DigestSettings | undefined {
  const schedule = raw?.schedule ?? DEFAULT_DIGEST_SCHEDULE;
  const match = SCHEDULE.exec(schedule.trim());
  const weekday = match === null ? undefined : weekdayFromName(match[1] as string);
  const hour = Number(match?.[2]);
  const minuteOfHour = Number(match?.[3]);
  const validTime = hour < 24 && minuteOfHour < 60;
  if (weekday === undefined || !validTime) {
    issues.push({
      path: joinPath(path, 'schedule'),
      message: `must be a weekday and a local time such as "mon 08:00", got '${schedule}'`,
    });
  }
  let to = raw?.to;
  if (to === undefined) {
    if (departments.includes(DEFAULT_DIGEST_DEPARTMENT)) to = DEFAULT_DIGEST_DEPARTMENT;
    else {
      issues.push({
        path: joinPath(path, 'to'),
        message: `is required: there is no '${DEFAULT_DIGEST_DEPARTMENT}' department to default to; name the department whose channel receives the weekly digest`,
      });
    }
  } else if (!departments.includes(to)) {
    issues.push({ path: joinPath(path, 'to'), message: unknownDepartmentMessage(to, departments) });
  }
  if (weekday === undefined || !validTime || to === undefined) return undefined;
  return { weekday, minute: hour * 60 + minuteOfHour, schedule, to };
}

export function normalizeEvaluation(
  raw: RawEvaluation | undefined,
  path: string,
  issues: FieldIssue[],
): number {
  if (raw?.every === undefined) return DEFAULT_EVALUATION_MINUTES;
  const minutes = parseDuration(raw.every) / 60_000;
  if (!isValidEvaluationInterval(minutes)) {
    issues.push({
      path: joinPath(path, 'every'),
      message:
        `must be from ${MIN_EVALUATION_MINUTES}m to 24h in steps of ${TICK_MINUTES}m that divide a day evenly ` +
        `(5m, 10m, 15m, 20m, 30m, 1h, 2h, 3h, 4h, 6h, 8h, 12h, 24h...), got ${raw.every}`,
    });
    return DEFAULT_EVALUATION_MINUTES;
  }
  return minutes;
}

export function unknownDepartmentMessage(name: string, departments: readonly string[]): string {
  const known = departments.length === 0 ? 'no departments are declared' : `known: ${departments.join(', ')}`;
  return `unknown department '${name}'${meantHint(name, departments)}; ${known}`;
}
