import { type EvaluationSummary, type EvaluatorDeps, runEvaluation } from '../../shared/app/evaluator.js';
import { evaluationDueAt, type ScheduleTick, scheduleTickOf } from '../../shared/app/schedule-due.js';
import type { BusinessMetrics } from '../../shared/ports/metrics.js';

export interface EvaluateLog {
  info(message: string, details: Record<string, unknown>): void;
  error(message: string, details: Record<string, unknown>): void;
}

export type EvaluateResult = EvaluationSummary | { skipped: 'not_due'; tick: string };

/**
 * The scheduled evaluator. The schedule ticks every five minutes; a tick runs the evaluator only
 * when the applied config's `evaluation.every` says a run is due then, so a new interval applies
 * from the next tick. An invocation that is not a schedule tick (by hand) always runs. The run
 * judges "now" by its clock, so a retried or late tick does the right thing, and overlapping runs
 * are made safe by the stores' conditions.
 */
export function makeHandler(deps: EvaluatorDeps & { log: EvaluateLog; metrics?: BusinessMetrics }) {
  return async (event?: unknown): Promise<EvaluateResult> => {
    const tick: ScheduleTick | undefined = scheduleTickOf(event);
    if (tick !== undefined && !(await evaluationDueAt(deps, tick.at))) {
      return { skipped: 'not_due', tick: tick.iso };
    }
    const started = performance.now();
    const summary = await runEvaluation({
      ...deps,
      // One commitment failing is logged (and alarmed on) here; the run goes on with the others.
      onCommitmentError: (commitmentId, error) =>
        deps.log.error('evaluating a commitment failed', { commitmentId, error }),
      onPublishError: (notification, error) =>
        deps.log.error('publishing a notification failed', { dedupKey: notification.dedupKey, error }),
    });
    deps.metrics?.add('CommitmentsEvaluated', summary.evaluated);
    deps.metrics?.add('EvaluationTime', Math.round(performance.now() - started));
    deps.log.info('evaluation finished', {
      evaluated: summary.evaluated,
      closed: summary.closed.length,
      transitions: summary.transitions.length,
      notifications: summary.notifications.length,
      conflicts: summary.conflicts,
      republished: summary.republished,
      failed: summary.failed,
      failedCommitments: summary.failedCommitments,
    });
    return summary;
  };
}
