/** The words and number formats the charts share. */
import type { ValueScale } from '../domain/charts/chart-model.js';
import type { Status } from '../domain/model.js';
import { formatAmount } from '../domain/readable-numbers.js';

/**
 * Each line's colour. The lines also differ in pattern and marker (see the option builders); the
 * colours are named once so a reader of the SVG, or a test, can tell which path is which.
 */
export const SERIES_COLORS = {
  actual: '#1d4ed8',
  pace: '#6b7280',
  target: '#111827',
  projection: '#b45309',
  now: '#111111',
} as const;

/** Series names: what the legend says and what tests look for. */
export const SERIES_NAMES = {
  actual: 'Actual',
  pace: 'Pace',
  target: 'Target',
  projection: 'Projection',
  met: 'Met',
  breached: 'Breached',
  noData: 'No data',
  remaining: 'Budget left',
  attainment: 'Attainment',
  expected: 'Expected by now',
} as const;

export const STATUS_WORDS: Record<Status, string> = {
  on_track: 'on track',
  at_risk: 'at risk',
  breached: 'breached',
  met: 'met',
  no_data: 'no data',
};

/** Shares are drawn in percent; amounts as they are. */
export function axisValue(value: number, scale: ValueScale): number {
  return scale === 'share' ? value * 100 : value;
}

/** An axis label, from a value already drawn in axis units: `95%` for shares, `1,200` for amounts. */
export function formatAxisValue(drawn: number, scale: ValueScale): string {
  return scale === 'share' ? `${formatAmount(drawn)}%` : formatAmount(drawn);
}

/** A model's value for people: `95%` for shares, `1,200 leads` for amounts. */
export function formatModelValue(value: number, scale: ValueScale, unit: string): string {
  return scale === 'share' ? `${formatAmount(value * 100)}%` : `${formatAmount(value)} ${unit}`;
}

/** The value axis every period chart shares: named by its unit, light grid lines. */
export function unitAxis(unit: string, formatter: (value: number) => string, min?: number) {
  return {
    type: 'value' as const,
    name: unit,
    nameLocation: 'middle' as const,
    nameGap: 44,
    ...(min === undefined ? {} : { min }),
    axisLabel: { formatter },
    splitLine: { lineStyle: { color: '#e4e4e4' } },
  };
}

/** A solid line at 100% of target, on whichever axis carries attainment. */
export function fullTargetLine(
  axis: 'xAxis' | 'yAxis',
  position: 'end' | 'insideStartTop',
  fontSize: number,
) {
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { type: 'solid' as const, width: 2, color: '#111827' },
    label: { formatter: 'target 100%', position, fontSize },
    data: [{ [axis]: 100, name: SERIES_NAMES.target }],
  };
}
