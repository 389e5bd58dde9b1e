import type { Evaluation } from '../domain/evaluate.js';
import { denoiseEvaluation } from '../domain/evaluation-json.js';
import type { ResultStore } from '../ports/result-store.js';

type Snapshot = { evaluation: Evaluation; localDate: string };

/**
 * Writes the run's snapshots in batches. A batch is refused whole when one item is (DynamoDB checks
 * every item's size first), so when it fails each snapshot is written alone: one bad snapshot costs
 * only its own commitment's, which is named in what this returns.
 */
export async function writeSnapshots(
  results: ResultStore,
  snapshots: Snapshot[],
): Promise<Array<{ commitmentId: string; error: unknown }>> {
  if (snapshots.length === 0) return [];
  snapshots = snapshots.map((s) => ({ ...s, evaluation: denoiseEvaluation(s.evaluation) }));
  try {
    await results.putSnapshots(snapshots);
    return [];
  } catch {
    // Written one by one below, where the failing snapshot shows itself (rewriting the others is harmless).
  }
  const failures: Array<{ commitmentId: string; error: unknown }> = [];
  for (const snapshot of snapshots) {
    try {
      await results.putSnapshots([snapshot]);
    } catch (error) {
      failures.push({ commitmentId: snapshot.evaluation.commitmentId, error });
    }
  }
  return failures;
}
