/** The last closed periods of a commitment, as the history chart shows them. */
import type { ClosedPeriodResult } from '../close.js';
import { comparatorOf } from '../close.js';
import type { CommitmentDefinition } from '../model.js';
import { DEFAULT_CREDIT_UNIT } from '../readable-numbers.js';
import type { HistoryModel } from './chart-model.js';

/** How many closed periods the history shows: a year of months, a quarter of weeks. */
export const HISTORY_PERIODS = 12;

/** `results` newest first, as the result store lists them; the chart reads oldest first. */
export function historyModel(
  definition: CommitmentDefinition,
  results: readonly ClosedPeriodResult[],
): HistoryModel {
  return {
    kind: 'history',
    commitmentId: definition.id,
    title: definition.title,
    zone: definition.timezone,
    comparator: comparatorOf(definition),
    rows: results
      .slice(0, HISTORY_PERIODS)
      .reverse()
      .map((result) => ({
        period: result.period,
        status: result.status,
        attainment: result.attainment,
        credit: result.credit,
        creditUnit: result.creditUnit ?? DEFAULT_CREDIT_UNIT,
      })),
  };
}
