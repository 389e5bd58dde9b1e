import { loadavg } from 'node:os';
import { round, type Summary, summarize } from './stats.js';

/** A budget a measurement is held to, and whether this run met it. */
export interface BudgetVerdict {
  /** As people say it: `≥ 1,000 events/s`, `< 100 ms`. */
  text: string;
  met: boolean;
  /** How far from the limit the median is, e.g. `+34% headroom` or `2.1× over`. */
  margin: string;
}

export interface Measurement {
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number[];
  budget?: BudgetVerdict;
  note?: string;
}

export interface BenchmarkResult {
  id: string;
  title: string;
  /** Wall time of the whole benchmark, setup included. */
  durationMs: number;
  /** 1-minute load average when the benchmark started and ended (the machine is shared). */
  load: { start: number; end: number };
  measurements: Measurement[];
  /** How it was measured, what the numbers mean, why a budget was missed. */
  notes: string[];
  /** Raw figures behind the measurements (request counts, bundle contents…), for results.json. */
  details: Record<string, unknown>;
}

export interface Benchmark {
  id: string;
  title: string;
  run(context: BenchContext): Promise<Omit<BenchmarkResult, 'id' | 'title' | 'durationMs' | 'load'>>;
}

export interface BenchContext {
  /** Absolute path of the repository. */
  root: string;
  /** Scratch folder for this suite run (under bench/.tmp, git-ignored). */
  scratch: string;
  log: (line: string) => void;
}

export type Comparison = 'atLeast' | 'atMost';

/** A budget on the median: `atLeast` for rates and ratios, `atMost` for times and sizes. */
export function budget(comparison: Comparison, limit: number, text: string) {
  return (median: number): BudgetVerdict => {
    const met = comparison === 'atLeast' ? median >= limit : median <= limit;
    return { text, met, margin: marginWords(comparison, median, limit) };
  };
}

function marginWords(comparison: Comparison, median: number, limit: number): string {
  if (limit === 0) return median === 0 ? 'exactly at the limit' : 'over';
  if (comparison === 'atLeast') {
    if (median >= limit) return `${round((median / limit - 1) * 100, 2)}% above`;
    return `${round((1 - median / limit) * 100, 2)}% short`;
  }
  if (median <= limit) return `${round((1 - median / limit) * 100, 2)}% headroom`;
  return `${round(median / limit, 2)}× the limit`;
}

export function measurement(
  name: string,
  unit: string,
  samples: readonly number[],
  options: { budget?: (median: number) => BudgetVerdict; note?: string } = {},
): Measurement {
  const summary: Summary = summarize(samples);
  return {
    name,
    unit,
    median: round(summary.median),
    min: round(summary.min),
    max: round(summary.max),
    runs: summary.runs.map((value) => round(value)),
    ...(options.budget ? { budget: options.budget(summary.median) } : {}),
    ...(options.note ? { note: options.note } : {}),
  };
}

export const loadAverage = (): number => round(loadavg()[0] ?? 0, 2);
