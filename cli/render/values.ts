import type { Evaluation } from '../../shared/domain/evaluate.js';
import { attainmentWords } from '../../shared/domain/readable-budget.js';
import { formatAmount, formatPercent, formatValue } from '../../shared/domain/readable-numbers.js';

/** A placeholder for a figure that does not exist (no projection yet, a final period's pace). */
export const NONE = '—';

type Figures = Pick<Evaluation, 'measure' | 'unit' | 'values'>;

/** Totals are amounts in their unit; the other measures are shares shown as percentages. */
export function figure(e: Figures, value: number | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  return e.measure === 'total' ? formatValue(value, e.values) : formatPercent(value);
}

/** `62 / 100 leads` or `99.1% / 99.5%`. */
export function actualOfTarget(e: Figures & Pick<Evaluation, 'actual' | 'target' | 'status'>): string {
  if (e.measure !== 'total') {
    const actual = e.status === 'no_data' ? NONE : formatPercent(e.actual, e.target);
    return `${actual} / ${formatPercent(e.target)}`;
  }
  return `${formatValue(e.actual, e.values)} / ${formatAmount(e.target)} ${e.unit}`.trimEnd();
}

/** Attainment, capped at 100% for objectives and saying `breached` with the shortfall when it is. */
export function attainmentOrNone(e: Parameters<typeof attainmentWords>[0]): string {
  return attainmentWords(e) ?? NONE;
}

/** A value from a plan or a definition, as it would be written in the config. */
export function configValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(configValue).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
