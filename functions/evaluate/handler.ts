import { type EvaluationSummary, type EvaluatorDeps, runEvaluation } from '../../shared/app/evaluator.js';

export interface EvaluateLog {
  info(message: string, details: Record<string, unknown>): void;
  error(message: string, details: Record<string, unknown>): void;
}

/**
 * The scheduled evaluator (EventBridge Scheduler, every 15 minutes by default). The schedule's
 * payload is ignored: the evaluator always judges "now" by its clock, so a retried or late
 * invocation does the right thing, and overlapping runs are made safe by the stores' conditions.
 */
export function makeHandler(deps: EvaluatorDeps & { log: EvaluateLog }) {
  return async (): Promise<EvaluationSummary> => {
    const summary = await runEvaluation({
      ...deps,
      // One commitment failing is logged (and alarmed on) here; the run goes on with the others.
      onCommitmentError: (commitmentId, error) =>
        deps.log.error('evaluating a commitment failed', { commitmentId, error }),
      onPublishError: (notification, error) =>
        deps.log.error('publishing a notification failed', { dedupKey: notification.dedupKey, error }),
    });
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
