/**
 * Error budgets and attainment as people say them: in the measure's own units
 * ("2 of 3 late leads allowed", "35 of 63 minutes of downtime allowed", "over budget by 12
 * minutes"), never as a share of the budget, which runs into the thousands of percent once a
 * budget of a fraction of a miss is spent.
 *
 * Misses of ratio and duration come whole, so their allowance is the whole number of misses the
 * objective still tolerates (0.2 misses allowed means none). Downtime is minutes: whole from ten on,
 * one decimal below, seconds when less than a minute over.
 */
import type { Evaluation } from './evaluate.js';
import type { Budget } from './measures/types.js';
import {
  countWords,
  formatAmount,
  formatPercent,
  formatValue,
  type ValueKind,
  wholeOf,
} from './readable-numbers.js';

type BudgetView = Pick<Evaluation, 'measure' | 'unit'> & { budget?: Budget };

/** A unit that is only the default `%` names no items: the budget then counts plain misses. */
const namesItems = (unit: string) => unit.trim() !== '' && unit.trim() !== '%';

/** What one miss of the budget is called: `late leads`, `missed leads`, `minutes of downtime`. */
export function budgetUnit(view: Pick<Evaluation, 'measure' | 'unit'>): string {
  switch (view.measure) {
    case 'availability':
      return 'minutes of downtime';
    case 'duration':
      return namesItems(view.unit) ? `late ${view.unit}` : 'late items';
    default:
      return namesItems(view.unit) ? `missed ${view.unit}` : 'misses';
  }
}

/** `2 of 3 late leads allowed` or `over budget by 1 late lead`; undefined without a budget. */
export function budgetWords(view: BudgetView): string | undefined {
  const { budget } = view;
  if (!budget) return undefined;
  const unit = budgetUnit(view);
  if (view.measure === 'availability') {
    const over = budget.used - budget.allowed;
    if (over > 1e-6) return `over budget by ${overMinutes(over)}`;
    return `${minutes(budget.used)} of ${countWords(budget.allowed, unit, minutes(budget.allowed, 'floor'))} allowed`;
  }
  const allowed = Math.max(0, Math.floor(budget.allowed + 1e-9));
  const used = wholeOf(budget.used);
  if (used > allowed) return `over budget by ${countWords(used - allowed, unit)}`;
  return `${formatAmount(used)} of ${countWords(allowed, unit)} allowed`;
}

/** `2 of 3 late leads allowed · burn rate 0.8`. */
export function budgetWithBurn(view: BudgetView): string | undefined {
  const words = budgetWords(view);
  return words && view.budget ? `${words} · burn rate ${formatAmount(view.budget.burnRate)}` : words;
}

function minutes(value: number, round: 'floor' | 'nearest' = 'nearest'): string {
  if (value <= 0) return '0';
  if (value >= 10) return formatAmount(round === 'floor' ? Math.floor(value + 1e-9) : Math.round(value));
  const tenths = round === 'floor' ? Math.floor(value * 10 + 1e-9) / 10 : Math.round(value * 10) / 10;
  return formatAmount(Math.max(0.1, tenths));
}

function overMinutes(over: number): string {
  if (over < 1) return countWords(Math.max(1, Math.round(over * 60)), 'seconds', undefined);
  return countWords(over, 'minutes', minutes(over));
}

type AttainmentView = Pick<Evaluation, 'status' | 'measure' | 'attainment' | 'actual' | 'target' | 'unit'> & {
  budget?: Budget;
  values?: ValueKind;
};

/**
 * Attainment for people. Progress toward an objective stops at 100% (availability of 100% against
 * 99.5% is the objective met, not 100.5% of it). A breached commitment never reads like success:
 * it says so, with its shortfall in units (`99.9% (breached: 12 leads short)`).
 */
export function attainmentWords(view: AttainmentView): string | undefined {
  if (view.attainment === null) return undefined;
  const capped = view.measure === 'total' ? view.attainment : Math.min(1, view.attainment);
  if (view.status !== 'breached') return formatPercent(capped);
  const shown = formatPercent(capped, view.measure === 'total' && view.actual > view.target ? undefined : 1);
  return `${shown} (breached: ${shortfallWords(view)})`;
}

/** How far a breached commitment missed, in its units: `12 leads short`, `3 incidents over the limit`. */
export function shortfallWords(view: AttainmentView): string {
  if (view.measure === 'total') {
    const kind = view.values ?? 'whole';
    const gap = Math.abs(view.target - view.actual);
    // A whole-valued shortfall of 6.4 leads needs 7 more to make up: it rounds up, not to nearest.
    const amount = kind === 'whole' ? Math.ceil(gap - 1e-9) : gap;
    const text = countWords(amount, view.unit, formatValue(amount, kind));
    return view.actual > view.target ? `${text} over the limit` : `${text} short`;
  }
  const overBudget = budgetWords(view);
  if (overBudget?.startsWith('over budget')) return overBudget;
  return `${formatPercent(view.actual, view.target)} against ${formatPercent(view.target)}`;
}
