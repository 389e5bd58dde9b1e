/**
 * Evaluations as they leave for JSON (API responses, snapshots, notifications): the domain judges
 * at full precision, and what is stored or sent keeps that precision minus float dust. Each derived
 * number is rounded to six decimals (`denoise`), so 60.00000000000006 minutes of budget is 60 and
 * 0.5294117647058824 is 0.529412: a ten-thousandth of a percent, a sixtieth of a millisecond.
 */
import type { ClosedPeriodResult } from './close.js';
import type { Evaluation } from './evaluate.js';
import type { Budget } from './measures/types.js';
import { denoise } from './readable-numbers.js';

const orNull = (value: number | null) => (value === null ? null : denoise(value));

function denoisedBudget(budget: Budget): Budget {
  return {
    allowed: denoise(budget.allowed),
    used: denoise(budget.used),
    remaining: denoise(budget.remaining),
    burnRate: denoise(budget.burnRate),
  };
}

export function denoiseEvaluation<E extends Evaluation>(e: E): E {
  const out: E = {
    ...e,
    actual: denoise(e.actual),
    target: denoise(e.target),
    expected: denoise(e.expected),
    projected: orNull(e.projected),
    attainment: orNull(e.attainment),
    elapsed: denoise(e.elapsed),
  };
  if (e.budget) out.budget = denoisedBudget(e.budget);
  if (e.excused) {
    out.excused = { ...e.excused, share: denoise(e.excused.share) };
    if (e.excused.originalTarget !== undefined)
      out.excused.originalTarget = denoise(e.excused.originalTarget);
  }
  if (e.proration) {
    out.proration = { ...e.proration, share: denoise(e.proration.share) };
    if (e.proration.fullTarget !== undefined) out.proration.fullTarget = denoise(e.proration.fullTarget);
  }
  return out;
}

export function denoiseClosedResult(result: ClosedPeriodResult): ClosedPeriodResult {
  const out: ClosedPeriodResult = {
    ...result,
    actual: denoise(result.actual),
    target: denoise(result.target),
    attainment: orNull(result.attainment),
    credit: denoise(result.credit),
    evaluation: denoiseEvaluation(result.evaluation),
  };
  if (result.excused) out.excused = { ...result.excused, share: denoise(result.excused.share) };
  return out;
}
