import type { BudgetOutlook } from '../domain/alerts/budget-outlook.js';

const HOUR_MS = 3_600_000;

/**
 * The outlook as people say it: hours under one business day ("in about 3 business hours"), whole
 * business days from there on ("in about 2 business days"), each rounded to the nearest.
 */
export function budgetOutlookWords(outlook: BudgetOutlook): string {
  if (outlook.kind === 'used_up') return 'the error budget is used up';
  const business = outlook.business ? 'business ' : '';
  if (outlook.ms < outlook.dayMs) {
    const hours = Math.round(outlook.ms / HOUR_MS);
    if (hours < 1) return 'at this rate the budget runs out within the hour';
    return `at this rate the budget runs out in about ${hours} ${business}hour${hours === 1 ? '' : 's'}`;
  }
  const days = Math.round(outlook.ms / outlook.dayMs);
  return `at this rate the budget runs out in about ${days} ${business}day${days === 1 ? '' : 's'}`;
}
