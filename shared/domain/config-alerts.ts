/**
 * The alert settings of one commitment that need more than their own shape checked: the
 * low-traffic guard (`atRisk.minEvents`) and the multiwindow burn-rate rules (`alerts.burnRate`).
 */
import type { RawCommitment } from './config-schema.js';
import { parseDuration } from './duration.js';
import { MAX_BURN_RATE_WINDOW_MS, MIN_BURN_RATE_WINDOW_MS } from './limits.js';
import type { AlertRules, BurnRateRule, Measure } from './model.js';
import type { FieldIssue } from './validation-error.js';

type At = (...segments: PropertyKey[]) => string;

/** Refuses `atRisk.minEvents` where nothing is judged outcome by outcome (totals). */
export function checkMinEvents(raw: RawCommitment, at: At, issues: FieldIssue[]): void {
  if (raw.atRisk?.minEvents === undefined || raw.measure !== 'total') return;
  issues.push({
    path: at('atRisk', 'minEvents'),
    message:
      'only ratio, duration and availability commitments have a burn rate to hold back; a total has no minEvents',
  });
}

/**
 * The burn-rate rules, normalized; undefined when there are none. Windows are whole minutes (the
 * resolution outcomes are counted at), between a minute and three days, the short one shorter than
 * the long one; `level` must be a step of the commitment's ladder.
 */
export function alertRules(
  raw: RawCommitment,
  steps: number,
  at: At,
  issues: FieldIssue[],
): AlertRules | undefined {
  const rules = raw.alerts?.burnRate;
  if (rules === undefined || rules.length === 0) return undefined;
  if (raw.measure !== 'ratio') {
    issues.push({
      path: at('alerts', 'burnRate'),
      message: `burn-rate alerts need outcomes counted as they happen, which only ratio commitments have; this one is ${articled(raw.measure)}`,
    });
    return undefined;
  }
  if (raw.objective === 1) {
    issues.push({
      path: at('alerts', 'burnRate'),
      message:
        'an objective of 1 allows no bad outcomes, so there is no error budget to burn; lower the objective or remove the rules',
    });
    return undefined;
  }
  const burnRate: BurnRateRule[] = [];
  rules.forEach((rule, index) => {
    const problem = (field: string, message: string) =>
      issues.push({ path: at('alerts', 'burnRate', index, field), message });
    const before = issues.length;
    const longMs = windowMs(rule.long, (message) => problem('long', message));
    const shortMs = windowMs(rule.short, (message) => problem('short', message));
    if (longMs !== undefined && shortMs !== undefined && shortMs >= longMs) {
      problem('short', `must be shorter than long (${rule.long}), got ${rule.short}`);
    }
    // A ladder that failed its own checks comes here empty; its issues already say why.
    if (rule.level !== undefined && steps > 0 && rule.level > steps) {
      problem(
        'level',
        `must be a step of the escalation ladder, which has ${steps} step${steps === 1 ? '' : 's'}; got ${rule.level}`,
      );
    }
    if (issues.length > before || longMs === undefined || shortMs === undefined) return;
    const normalized: BurnRateRule = { long: rule.long, short: rule.short, longMs, shortMs, rate: rule.rate };
    if (rule.level !== undefined) normalized.level = rule.level;
    burnRate.push(normalized);
  });
  return { burnRate };
}

function windowMs(text: string, problem: (message: string) => void): number | undefined {
  const ms = parseDuration(text);
  if (ms < MIN_BURN_RATE_WINDOW_MS || ms > MAX_BURN_RATE_WINDOW_MS) {
    problem(`must be between 1m and 3d, got ${text}`);
    return undefined;
  }
  if (ms % MIN_BURN_RATE_WINDOW_MS !== 0) {
    problem(`must be whole minutes (outcomes are counted by the minute), got ${text}`);
    return undefined;
  }
  return ms;
}

function articled(measure: Measure): string {
  return measure === 'availability' ? `an ${measure}` : `a ${measure}`;
}
