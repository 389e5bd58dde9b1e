import type { AlertState, NotificationIntent } from '../domain/alerts/alert-state.js';
import type { Evaluation } from '../domain/evaluate.js';
import type { LateSubjects } from '../domain/late-subjects.js';
import type { Instant } from '../domain/model.js';

/** A notification as published: the domain's intent plus what a reader needs to act on it. */
export interface OutgoingNotification extends NotificationIntent {
  title: string;
  provider: string;
  consumer: string;
  unit: string;
  evaluation: Evaluation;
  /** The one-line status a person reads, e.g. `Qualified leads (Marketing → Sales) 62 / 100 leads · …`. */
  text: string;
  /**
   * What the alert adds to the status, as phrases (also at the end of `text`): why it fires when a
   * burn-rate rule opened it, and when the error budget runs out at this rate. Absent when none.
   */
  notes?: string[];
  /** When the evaluator decided it. */
  at: Instant;
  /** The commitment's zone, in which people read the alert's times (absent on older claims). */
  timezone?: string;
  /** What its Snooze button holds escalation for (`1bd`, `24h`); absent on older claims: 24 hours. */
  snoozeFor?: string;
  /** duration: the late and due-soon subjects when it was decided (named in the text too). */
  lateSubjects?: LateSubjects;
}

export interface NotificationClaim {
  notification: OutgoingNotification;
  state: 'pending' | 'published';
  claimedAt: Instant;
  publishedAt?: Instant;
  /** While a publisher holds the claim: until when (real time, epoch ms), and who. */
  lease?: { holder: string; until: Instant };
}

/**
 * A publisher's hold on a claim while it hands the notification to the transport, so that of two
 * overlapping runs only one publishes it. It runs out after `ms` of real time (a holder that died).
 */
export interface ClaimLease {
  holder: string;
  ms: number;
}

export type AlertCommitResult = 'committed' | 'conflict';

export interface AlertStore {
  get(commitmentId: string, periodKey: string): Promise<AlertState | undefined>;
  getMany(keys: Array<{ commitmentId: string; periodKey: string }>): Promise<Map<string, AlertState>>;
  /**
   * Writes the state if it is still at `expectedRevision` (null: must not exist) and claims every
   * notification's dedup key, all in one transaction. A racing evaluator gets `conflict` and sends nothing.
   * `claimedAt` is when the claim is made; with `lease`, the new claims start out held by its holder.
   */
  commit(
    state: AlertState,
    expectedRevision: number | null,
    notifications: OutgoingNotification[],
    claimedAt: Instant,
    lease?: ClaimLease,
  ): Promise<AlertCommitResult>;
  /**
   * Takes (or renews) the lease on a pending claim. False when it is published already, or another
   * holder's lease has not run out: someone else is publishing it right now.
   */
  leaseClaim(dedupKey: string, lease: ClaimLease): Promise<boolean>;
  /** Gives a lease back (only if `holder` still holds it), so the next run retries at once. */
  releaseClaim(dedupKey: string, holder: string): Promise<void>;
  /** Marks a claimed notification as handed to the transport, and lets go of its lease. */
  markPublished(dedupKey: string, now: Instant): Promise<void>;
  /**
   * Claims whose publication was never confirmed (a crash, a failed transport, or a publication
   * under way), oldest first; only those claimed before `claimedBefore` when it is given.
   */
  listPending(claimedBefore?: Instant): Promise<NotificationClaim[]>;
  getClaim(dedupKey: string): Promise<NotificationClaim | undefined>;
  /**
   * Reserves one annotation for this caller: sets it to `marker` only if it is absent, or holds an
   * older marker than `staleBefore` (a holder that died). False when someone else holds or filled it.
   */
  reserveAnnotation(dedupKey: string, name: string, marker: string, staleBefore: string): Promise<boolean>;
  /** Gives a reservation back (only if it still holds `marker`). */
  releaseAnnotation(dedupKey: string, name: string, marker: string): Promise<void>;
  /** Records something about a published notification (e.g. the Slack message ts), for later updates. */
  annotateClaim(dedupKey: string, annotations: Record<string, string>): Promise<void>;
  /** Claims of one commitment-period, for updating messages when an alert is acknowledged. */
  listClaims(
    commitmentId: string,
    periodKey: string,
  ): Promise<Array<NotificationClaim & { annotations: Record<string, string> }>>;
}
