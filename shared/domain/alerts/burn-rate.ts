/**
 * Multiwindow, multi-burn-rate alerts for busy ratio commitments, in the manner of the SRE
 * workbook's "Alerting on SLOs": a rule fires while the error budget burns at `rate` or faster over
 * both its long window (enough evidence that it matters) and its short window (it is still
 * happening, so the alert resolves minutes after the burn stops rather than hours).
 *
 * Burn rate over a window = (bad share of the outcomes in it) / (1 − objective): at 1 the budget
 * lasts exactly the period; 14.4 over an hour uses 2% of a 30-day budget in that hour.
 *
 * Outcomes are counted per minute of the time they happened (`OutcomeBucket`), so a window is the
 * minutes whose start lies in [now − window, now): the current minute counts as far as it has gone.
 * Decisions: the long window must hold `atRisk.minEvents` outcomes (a burst of two bad outcomes in a
 * quiet hour is not a fire), the short one at least one; when several rules fire, the one that
 * starts highest on the ladder speaks (the first of those listed on a tie).
 */
import type { BurnRateRule, Instant } from '../model.js';

/** Outcomes that happened in one minute; `minute` is its start (a multiple of 60,000 ms). */
export interface OutcomeBucket {
  minute: Instant;
  good: number;
  total: number;
}

export interface WindowBurn {
  /** Outcomes judged in the window, and how many were bad. */
  total: number;
  bad: number;
  /** 0 without outcomes. */
  rate: number;
}

export interface BurnRateFinding {
  rule: BurnRateRule;
  long: WindowBurn;
  short: WindowBurn;
  /** The escalation step the alert starts at (the rule's level, or 1). */
  level: number;
}

export const MINUTE_MS = 60_000;

/** The start of the minute an instant falls in: the bucket an outcome at that instant counts in. */
export function minuteOf(at: Instant): Instant {
  return Math.floor(at / MINUTE_MS) * MINUTE_MS;
}

/** The burn over the `windowMs` before `now`. `objective` is below 1 (config refuses burn-rate rules otherwise). */
export function windowBurn(
  buckets: readonly OutcomeBucket[],
  objective: number,
  now: Instant,
  windowMs: number,
): WindowBurn {
  let total = 0;
  let good = 0;
  for (const bucket of buckets) {
    if (bucket.minute >= now - windowMs && bucket.minute < now) {
      total += bucket.total;
      good += bucket.good;
    }
  }
  const bad = Math.max(0, total - good);
  const allowed = 1 - objective;
  const rate = total > 0 && allowed > 0 ? bad / total / allowed : 0;
  return { total, bad, rate };
}

/** The rule that fires at `now`, if any (see above for which one when several do). */
export function firingBurnRate(
  rules: readonly BurnRateRule[],
  buckets: readonly OutcomeBucket[],
  objective: number,
  now: Instant,
  minEvents: number,
): BurnRateFinding | undefined {
  let firing: BurnRateFinding | undefined;
  for (const rule of rules) {
    const long = windowBurn(buckets, objective, now, rule.longMs);
    const short = windowBurn(buckets, objective, now, rule.shortMs);
    const fires =
      long.total >= Math.max(1, minEvents) &&
      short.total > 0 &&
      atOrAbove(long.rate, rule.rate) &&
      atOrAbove(short.rate, rule.rate);
    if (!fires) continue;
    const level = rule.level ?? 1;
    if (firing === undefined || level > firing.level) firing = { rule, long, short, level };
  }
  return firing;
}

/** `rate >= line`, forgiving the floating-point dust of 1 − objective (1 − 0.999 is not exact). */
function atOrAbove(rate: number, line: number): boolean {
  return rate >= line * (1 - 1e-9);
}

/** How far back the rules look: the buckets an evaluation needs start at now minus this. */
export function longestWindow(rules: readonly BurnRateRule[]): number {
  return Math.max(0, ...rules.map((rule) => rule.longMs));
}
