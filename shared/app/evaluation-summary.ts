import type { Status } from '../domain/model.js';

/** One commitment the run could not evaluate (the others were), and why. */
export interface CommitmentFailure {
  commitmentId: string;
  /** Which part of its evaluation failed. */
  step: 'close' | 'evaluate' | 'snapshot' | 'republish';
  error: string;
}

/** What one evaluator run did: the answer of `POST /v1/evaluations` and the scheduled run's log. */
export interface EvaluationSummary {
  at: string;
  /** Commitments judged, their alerts moved, without error. */
  evaluated: number;
  closed: Array<{
    commitmentId: string;
    period: string;
    status: string;
    credit: number;
    creditUnit?: string;
  }>;
  transitions: Array<{ commitmentId: string; period: string; from: Status; to: Status }>;
  notifications: Array<{
    dedupKey: string;
    kind: string;
    level: number;
    commitmentId: string;
    period: string;
  }>;
  /** States another evaluator moved first: it sent those notifications, this run did not. */
  conflicts: number;
  /** Claimed notifications of earlier runs that were published again now (a crash or a failed transport). */
  republished: number;
  /** Notifications claimed but not handed over (the transport failed); the next run retries them. */
  failed: number;
  /** Commitments whose evaluation failed; the others were evaluated, and the next run retries these. */
  failedCommitments: CommitmentFailure[];
}

/**
 * What one step of a run did (closing one commitment's periods, judging one commitment, the
 * redelivery sweep): a value each step returns, and the run's summary is folded from them.
 */
export type RunPart = Partial<Omit<EvaluationSummary, 'at'>>;

/** The run's summary: the parts' counts added up and their lists joined, in the parts' order. */
export function foldSummary(at: string, parts: readonly RunPart[]): EvaluationSummary {
  const summary: EvaluationSummary = {
    at,
    evaluated: 0,
    closed: [],
    transitions: [],
    notifications: [],
    conflicts: 0,
    republished: 0,
    failed: 0,
    failedCommitments: [],
  };
  for (const part of parts) {
    summary.evaluated += part.evaluated ?? 0;
    summary.conflicts += part.conflicts ?? 0;
    summary.republished += part.republished ?? 0;
    summary.failed += part.failed ?? 0;
    summary.closed.push(...(part.closed ?? []));
    summary.transitions.push(...(part.transitions ?? []));
    summary.notifications.push(...(part.notifications ?? []));
    summary.failedCommitments.push(...(part.failedCommitments ?? []));
  }
  return summary;
}

/** A failed step as a part of the run: the commitment and the error's message. */
export function failurePart(commitmentId: string, step: CommitmentFailure['step'], error: unknown): RunPart {
  return {
    failedCommitments: [
      { commitmentId, step, error: error instanceof Error ? error.message : String(error) },
    ],
  };
}
