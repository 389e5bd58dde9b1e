/**
 * Shapes shared by the measure rules. `evaluate.ts` re-exports them: callers import from there.
 */
import type { AtRiskRule, Instant, Measure, Status } from '../model.js';

/** What the recorder keeps per commitment and period, so an evaluation never reads raw events. */
export type MeasureAggregate =
  | { measure: 'total'; sum: number; count: number }
  | { measure: 'ratio'; good: number; total: number }
  | { measure: 'duration'; completed: number; completedWithin: number; openOverdue: number }
  | {
      measure: 'availability';
      outages: Array<{ incident: string; down: Instant; up?: Instant }>;
      /**
       * True once the monitor has reported anything (an outage, or an `up` sent as a heartbeat) by
       * the period's end. Without it and without outages, a quiet period means nobody is measuring.
       */
      observed?: boolean;
    };

export type AggregateOf<M extends Measure> = Extract<MeasureAggregate, { measure: M }>;

export interface Budget {
  allowed: number;
  used: number;
  remaining: number;
  burnRate: number;
}

export interface ExcusedSummary {
  /** Share of the whole period excused, by the pacing in use (overlaps counted once). */
  share: number;
  /** How many recorded excusals touch the period. */
  windows: number;
  causedBy: string[];
  /** total only: the target before it was scaled down for the excused share. */
  originalTarget?: number;
}

/** The numbers a measure rule produces; `evaluate` adds identity, elapsed and timestamps. */
export interface MeasureJudgement {
  status: Status;
  actual: number;
  target: number;
  expected: number;
  projected: number | null;
  attainment: number | null;
  budget?: Budget;
}

/** What every measure rule gets to judge with. */
export interface JudgingContext {
  /** Elapsed share of the period by pacing (E), in [0, 1]. */
  elapsed: number;
  /** Excused share of the whole period (X). */
  excusedWhole: number;
  /** Excused share of the period gone so far (Xe), on the same scale as `elapsed`. */
  excusedElapsed: number;
  /** True when the period has ended: the status must be final (met, breached or no_data). */
  final: boolean;
  atRisk: AtRiskRule;
}

/** a / b, or null where that is not a number (so NaN and Infinity never reach the status object). */
export function share(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  const value = numerator / denominator;
  return Number.isFinite(value) ? value : null;
}
