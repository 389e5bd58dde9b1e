import { randomUUID } from 'node:crypto';
import type { ClaimLease, OutgoingNotification } from '../ports/alert-store.js';
import type { NotificationPublisher } from '../ports/notification-publisher.js';
import type { StoreDeps } from './deps.js';

/**
 * How long a run may hold a claim while it publishes before another run may take over: the
 * evaluator Lambda's timeout, so a lease outlives any publisher that is still running, and a
 * publisher that died is taken over once it runs out.
 */
export const CLAIM_LEASE_MS = 5 * 60_000;

export interface DeliveryDeps extends StoreDeps {
  publisher: NotificationPublisher;
  /** Told when the transport refuses a notification (it stays pending and is retried next run). */
  onPublishError?: (notification: OutgoingNotification, error: unknown) => void;
}

export type PublishOutcome = 'published' | 'failed' | 'taken';

/** One run's publishing: its lease on the claims it publishes, and what it has tried already. */
export interface PublishingRun {
  lease: ClaimLease;
  /** A notification this run already tried is not retried by it: its transport just failed. */
  attempted: Set<string>;
}

export function startPublishing(): PublishingRun {
  return { lease: { holder: randomUUID(), ms: CLAIM_LEASE_MS }, attempted: new Set() };
}

/**
 * Hands a claimed notification to the transport, holding the claim's lease while it does, so that
 * however runs overlap (and however the clock moves) a dedup key is published by one run at a time.
 * `taken`: another run holds the lease, or published it already. A transport failure is not fatal
 * to the run: the lease is given back, the claim stays pending and a later run publishes it again.
 */
export async function publishClaimed(
  deps: DeliveryDeps,
  notification: OutgoingNotification,
  run: PublishingRun,
): Promise<PublishOutcome> {
  const { lease } = run;
  run.attempted.add(notification.dedupKey);
  if (!(await deps.alerts.leaseClaim(notification.dedupKey, lease))) return 'taken';
  try {
    await deps.publisher.publish(notification);
  } catch (error) {
    deps.onPublishError?.(notification, error);
    await deps.alerts.releaseClaim(notification.dedupKey, lease.holder);
    return 'failed';
  }
  await deps.alerts.markPublished(notification.dedupKey, deps.clock.now());
  return 'published';
}

/**
 * Claims never confirmed as published, whose lease is free (a transport that failed) or ran out
 * (a publisher that died), go out again: at-least-once towards the transport, deduplicated
 * downstream by the dedup key, but never by two runs at the same time.
 */
export async function republishPending(
  deps: DeliveryDeps,
  run: PublishingRun,
  onError: (commitmentId: string, error: unknown) => void,
): Promise<{ republished: number; failed: number }> {
  const counts = { republished: 0, failed: 0 };
  for (const claim of await deps.alerts.listPending()) {
    if (run.attempted.has(claim.notification.dedupKey)) continue;
    try {
      const outcome = await publishClaimed(deps, claim.notification, run);
      if (outcome === 'published') counts.republished++;
      else if (outcome === 'failed') counts.failed++;
    } catch (error) {
      onError(claim.notification.commitmentId, error);
    }
  }
  return counts;
}
