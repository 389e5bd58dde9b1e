import type { AlertState, NotificationIntent } from '../domain/alerts/alert-state.js';
import type { Evaluation } from '../domain/evaluate.js';
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
  /** When the evaluator decided it. */
  at: Instant;
}

export interface NotificationClaim {
  notification: OutgoingNotification;
  state: 'pending' | 'published';
  claimedAt: Instant;
  publishedAt?: Instant;
}

export type AlertCommitResult = 'committed' | 'conflict';

export interface AlertStore {
  get(commitmentId: string, periodKey: string): Promise<AlertState | undefined>;
  getMany(keys: Array<{ commitmentId: string; periodKey: string }>): Promise<Map<string, AlertState>>;
  /**
   * Writes the state if it is still at `expectedRevision` (null: must not exist) and claims every
   * notification's dedup key, all in one transaction. A racing evaluator gets `conflict` and sends nothing.
   */
  commit(
    state: AlertState,
    expectedRevision: number | null,
    notifications: OutgoingNotification[],
    now: Instant,
  ): Promise<AlertCommitResult>;
  /** Marks a claimed notification as handed to the transport. */
  markPublished(dedupKey: string, now: Instant): Promise<void>;
  /** Claims whose publication was never confirmed (a crash between claim and publish), oldest first. */
  listPending(claimedBefore: Instant): Promise<NotificationClaim[]>;
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
