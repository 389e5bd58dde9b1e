/**
 * What a chart shows, as plain values: instants in epoch milliseconds, amounts in the
 * commitment's own unit. Computed from the commitment and its evaluations by the domain rules;
 * drawing them is the presentation's job, which never re-judges anything.
 */
import type { Instant, Measure, Status } from '../model.js';

export const CHART_KINDS = ['burnup', 'history', 'budget'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

export function isChartKind(value: string): value is ChartKind {
  return (CHART_KINDS as readonly string[]).includes(value);
}

/** One point of a line: when, and how much. */
export type ChartPoint = readonly [Instant, number];

/** What every chart names: whose commitment, in which zone people read its times. */
export interface ChartHeading {
  commitmentId: string;
  title: string;
  /** The IANA zone the axis labels are written in (the commitment's). */
  zone: string;
}

/** `amount`: values in the commitment's unit (totals); `share`: a share in [0, 1] shown as %. */
export type ValueScale = 'amount' | 'share';

/** Progress through the current (or a chosen) period. */
export interface BurnupModel extends ChartHeading {
  kind: 'burnup';
  measure: Measure;
  period: { key: string; start: Instant; end: Instant };
  scale: ValueScale;
  /** What the y axis counts (`leads`, `%`). */
  unit: string;
  /** Actual to date, oldest first, ending at `now` (or the period's end once it is over). */
  actual: ChartPoint[];
  /** Where the pacing says the actual should be, over the whole period. */
  pace: ChartPoint[];
  /** The target of the period (after excusals and proration). */
  target: number;
  /** From the last actual to the projected end-of-period value; absent when nothing projects. */
  projection?: [ChartPoint, ChartPoint];
  /** Approved excusals in the period, clipped to it. */
  excused: Array<readonly [Instant, Instant]>;
  /** The instant judged at; absent once the period is over. */
  now?: Instant;
  status: Status;
}

export interface HistoryRow {
  period: string;
  status: 'met' | 'breached' | 'no_data';
  /** Attainment as a share (1 = the target exactly); null when it could not be computed. */
  attainment: number | null;
  credit: number;
  creditUnit: string;
}

/** The last closed periods, oldest first. */
export interface HistoryModel extends ChartHeading {
  kind: 'history';
  /** Whether more is better (attainment must reach 1) or worse (it must stay at or below 1). */
  comparator: 'atLeast' | 'atMost';
  rows: HistoryRow[];
}

/** The error budget left over a period, for objectives. */
export interface BudgetModel extends ChartHeading {
  kind: 'budget';
  period: { key: string; start: Instant; end: Instant };
  /** What the budget counts (`late leads`, `minutes of downtime`). */
  unit: string;
  /** Budget left at each evaluation, oldest first (negative once overspent). */
  remaining: ChartPoint[];
  /** The allowance at the latest evaluation. */
  allowed: number;
  now?: Instant;
}

export type ChartModel = BurnupModel | HistoryModel | BudgetModel;

/** A commitment's place in the digest's overview image. */
export interface OverviewRow {
  commitmentId: string;
  title: string;
  status: Status;
  /** Attainment so far as a share; null when nothing could be judged. */
  attainment: number | null;
  /** Where the pacing says attainment should be by now, as a share of the target. */
  expected: number | null;
}

export interface OverviewModel {
  /** `Week 2026-W48` or whatever the digest calls its week. */
  title: string;
  rows: OverviewRow[];
}
