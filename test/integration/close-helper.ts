import { closeEndedPeriods } from '../../shared/app/close-periods.js';
import type { StoreDeps } from '../../shared/app/deps.js';

/** Closes every ended period of a commitment up to now (what the evaluator does on each run). */
export async function closeUpToNow(deps: StoreDeps, commitmentId: string) {
  const record = await deps.commitments.get(commitmentId);
  if (!record) throw new Error(`no commitment ${commitmentId}`);
  return closeEndedPeriods(deps, record, deps.clock.now());
}
