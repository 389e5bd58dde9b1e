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
  closed: Array<{ commitmentId: string; period: string; status: string; credit: number }>;
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
