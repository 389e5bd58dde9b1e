/**
 * `duration`: the share of subjects done within the threshold. Subjects still open but already
 * past their due time count as misses at once (a late lead is late before anyone closes it), so the judged population is
 * completed + openOverdue; open subjects not yet due are not judged yet. The error budget is
 * counted in subjects. Timers, pauses and excusals are resolved upstream by `subject-timer.ts`
 * when the aggregate is built.
 */
import type { CommitmentDefinition } from '../model.js';
import { judgeObjective, requireObjective } from './ratio.js';
import type { AggregateOf, JudgingContext, MeasureJudgement } from './types.js';

export function judgeDuration(
  definition: CommitmentDefinition,
  aggregate: AggregateOf<'duration'>,
  context: JudgingContext,
): MeasureJudgement {
  const objective = requireObjective(definition);
  const judged = aggregate.completed + aggregate.openOverdue;
  return judgeObjective(objective, aggregate.completedWithin, judged, context);
}
