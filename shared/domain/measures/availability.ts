/**
 * `availability`: 1 − downtime-in-window / window-length against an objective.
 *
 * The window is the calendar's open time in the period (all of it without a calendar), less any
 * excused time (decision: downtime the consumer caused is neither counted nor charged). Downtime
 * is the union of outages, an open outage lasting until `at`, intersected with the window that
 * has elapsed. actual is the availability so far and, at a constant pace, also the projection.
 *
 * The budget is in minutes, for people: allowed = (1 − objective) × the whole window. Because the
 * window is known in advance, a used-up budget can never recover, so availability is breached as
 * soon as used > allowed. The burn rate is budget share used / window share elapsed (the budget
 * only burns while the window is open, so its pace is measured in window time); above 1 the
 * projected downtime at this pace exceeds the allowance, which warns (see `budgetAtRisk`), once
 * `notBefore` of the period has gone by the commitment's pacing, as for every other measure, and
 * (decision) once `atRisk.minEvents` hours of the window have elapsed: availability judges time, not
 * outcomes, so an open hour is what the low-traffic guard counts.
 *
 * A quiet period is only 100% available if something was listening: until the commitment has
 * received any availability event (an outage, or an `up` sent as a heartbeat), it is `no_data`,
 * and a period that ends that way closes `no_data`, owing nothing.
 */
import { openIntervals } from '../calendar.js';
import type { BusinessCalendar, CommitmentDefinition, Excusal, Instant, Period } from '../model.js';
import { budgetAtRisk } from './error-budget.js';
import {
  clipIntervals,
  type Interval,
  intersectIntervals,
  subtractIntervals,
  totalLength,
} from './intervals.js';
import { requireObjective } from './ratio.js';
import { type AggregateOf, type Budget, type JudgingContext, type MeasureJudgement, share } from './types.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export interface AvailabilityScope {
  period: Period;
  at: Instant;
  calendar: BusinessCalendar;
  excusals: readonly Excusal[];
}

export function judgeAvailability(
  definition: CommitmentDefinition,
  aggregate: AggregateOf<'availability'>,
  context: JudgingContext,
  scope: AvailabilityScope,
): MeasureJudgement {
  const objective = requireObjective(definition);
  const { period, calendar } = scope;
  const until = Math.min(Math.max(scope.at, period.start), period.end);
  const excused: Interval[] = scope.excusals.map((e) => [e.from, e.to] as const);
  const window = subtractIntervals(openIntervals(calendar, period.start, period.end), excused);
  const windowMs = totalLength(window);
  const elapsedWindow = clipIntervals(window, period.start, until);
  const elapsedWindowMs = totalLength(elapsedWindow);
  const unmeasured = !aggregate.observed && aggregate.outages.length === 0;
  if (windowMs <= 0 || elapsedWindowMs <= 0 || unmeasured) {
    return {
      status: 'no_data',
      actual: 0,
      target: objective,
      expected: objective,
      projected: null,
      attainment: null,
    };
  }
  const outages: Interval[] = aggregate.outages.map((o) => [o.down, Math.min(o.up ?? until, until)] as const);
  const downtimeMs = totalLength(intersectIntervals(outages, elapsedWindow));
  const actual = 1 - downtimeMs / elapsedWindowMs;
  const attainment = share(actual, objective);
  const allowedMs = (1 - objective) * windowMs;
  const budget = availabilityBudget(allowedMs, downtimeMs, elapsedWindowMs / windowMs);
  let status: MeasureJudgement['status'];
  if (exceeds(downtimeMs, allowedMs)) status = 'breached';
  else if (context.final) status = 'met';
  else {
    // An hour of the window is the unit of evidence here: what the low-traffic guard counts.
    const judged = elapsedWindowMs / HOUR_MS;
    const usedShare = budget ? budget.used / budget.allowed : 0;
    const findings = { attainment, budget, misses: downtimeMs, judged, usedShare };
    status = budgetAtRisk(context, findings) ? 'at_risk' : 'on_track';
  }
  const judgement: MeasureJudgement = {
    status,
    actual,
    target: objective,
    expected: objective,
    projected: actual,
    attainment,
  };
  if (budget) judgement.budget = budget;
  return judgement;
}

/** Undefined for an objective of 1: no downtime is allowed, so there is no budget to burn. */
function availabilityBudget(allowedMs: number, usedMs: number, windowShare: number): Budget | undefined {
  if (allowedMs <= 0) return undefined;
  return {
    allowed: allowedMs / MINUTE_MS,
    used: usedMs / MINUTE_MS,
    remaining: (allowedMs - usedMs) / MINUTE_MS,
    burnRate: usedMs / allowedMs / windowShare,
  };
}

/** used > allowed, ignoring floating-point dust at the exact boundary ((1 − 0.995) is not exact). */
function exceeds(usedMs: number, allowedMs: number): boolean {
  return usedMs - allowedMs > 1e-6;
}
