import { formatLimit, MAX_NUMBER } from './limits.js';
import type { TargetDerivation } from './model.js';
import { type FieldIssue, ValidationError } from './validation-error.js';

export interface FunnelInputs {
  revenue: number;
  dealSize: number;
  closeRate: number;
}

/** A funnel derivation together with the whole-unit target it yields. */
export interface DerivedTarget extends TargetDerivation {
  target: number;
}

/**
 * Revenue / deal size / close rate: how many units (leads) the provider must deliver.
 *
 * The target is rounded UP to whole units: nobody delivers a fraction of a lead, and rounding
 * down would promise less revenue than was asked for. The exact value is kept so people can
 * see the rounding.
 */
export function deriveTarget(inputs: FunnelInputs): DerivedTarget {
  const { revenue, dealSize, closeRate } = inputs;
  const issues: FieldIssue[] = [];
  for (const [field, value] of Object.entries(inputs)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      issues.push({ path: field, message: 'must be > 0' });
    }
  }
  if (closeRate > 1) issues.push({ path: 'closeRate', message: 'must be <= 1 (a share: 0.2 = 20%)' });
  if (issues.length > 0) throw new ValidationError(issues);

  // Twelve significant digits drop binary noise (30 / 0.1 is 300.00000000000006), which would
  // otherwise round a clean 300 up to 301.
  const exact = Number((revenue / dealSize / closeRate).toPrecision(12));
  const target = Math.ceil(exact);
  if (!Number.isFinite(exact) || target > MAX_NUMBER) {
    // The path is the derivation as a whole: no single input is wrong, their quotient is.
    throw new ValidationError([
      {
        path: '',
        message: `gives a target of ${Number.isFinite(exact) ? formatLimit(target) : 'infinity'}; a target must be at most ${formatLimit(MAX_NUMBER)}, so check the funnel inputs`,
      },
    ]);
  }
  const sum = `${revenue} / ${dealSize} / ${closeRate} = ${formatExact(exact)}`;
  const formula = target === exact ? sum : `${sum}, rounded up to ${target}`;
  return { revenue, dealSize, closeRate, exact, formula, target };
}

function formatExact(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value >= 1 ? value.toFixed(2) : value.toPrecision(3)));
}
