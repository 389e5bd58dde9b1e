/** The digest's overview: each commitment's attainment so far and where its pace says it should be. */
import type { Evaluation } from '../evaluate.js';
import { share } from '../measures/types.js';
import type { OverviewModel, OverviewRow } from './chart-model.js';

export interface OverviewEntry {
  definition: { id: string; title: string };
  evaluation: Pick<Evaluation, 'status' | 'attainment' | 'expected' | 'target'>;
}

/**
 * Expected is read on the attainment's scale (a share of the target): for a total that is how far
 * the pace has got, for an objective it is the objective itself, so 100%.
 */
export function overviewModel(title: string, entries: readonly OverviewEntry[]): OverviewModel {
  const rows: OverviewRow[] = entries.map(({ definition, evaluation }) => ({
    commitmentId: definition.id,
    title: definition.title,
    status: evaluation.status,
    attainment: evaluation.attainment,
    expected: evaluation.status === 'no_data' ? null : share(evaluation.expected, evaluation.target),
  }));
  return { title, rows };
}
