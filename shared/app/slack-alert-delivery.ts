import { CodedError } from '../domain/coded-error.js';
/**
 * Delivering one alert to Slack: its channels and direct messages, each posted once however often
 * SNS delivers the notification. The notification's claim is the delivery log: every posted
 * message is recorded on it, one destination at a time, so a redelivery posts only what is
 * missing; while a destination is being posted to, it is held with a lease so that a duplicate
 * delivery running at the same moment waits instead of posting too.
 */

import type { Clock, Department } from '../domain/model.js';
import type { AlertStore, OutgoingNotification } from '../ports/alert-store.js';
import type { PostedMessage, SlackPoster } from '../ports/slack-poster.js';
import { alertMessage, closedAlertMessage, isActionable, recipientsOf } from '../slack/alert-message.js';
import { clampMessage } from '../slack/limits.js';
import {
  annotationFor,
  annotationKey,
  isPostingMarker,
  postingMarker,
  recordedMessages,
} from '../slack/message-annotations.js';
import type { SlackLog } from '../slack/slack-log.js';

export interface SlackAlertDeliveryDeps {
  poster: SlackPoster;
  clock: Clock;
  alerts: AlertStore;
  log: SlackLog;
}

/** How long a notifier may hold a destination while it posts before another may take over. */
const POSTING_LEASE_MS = 60_000;

/** Another delivery of the same notification is posting to this destination right now: retry later. */
export class DeliveryInProgressError extends CodedError {
  readonly code = 'DELIVERY_IN_PROGRESS';
  constructor(dedupKey: string, channel: string) {
    super(`Another delivery of ${dedupKey} is posting to ${channel}; SNS will retry this one.`);
  }
}

export class SlackNotifyError extends CodedError {
  readonly code = 'SLACK_NOTIFY_FAILED';
  constructor(readonly failures: unknown[]) {
    super(
      `${failures.length} alert message(s) could not be posted to Slack: ${failures
        .map((f) => (f as Error)?.message ?? String(f))
        .join('; ')}`,
    );
  }
}

async function annotationNow(deps: SlackAlertDeliveryDeps, n: OutgoingNotification, name: string) {
  const claims = await deps.alerts.listClaims(n.commitmentId, n.period);
  return claims.find((c) => c.notification.dedupKey === n.dedupKey)?.annotations[name];
}

/**
 * Posts a notification to every Slack destination it names that has not had it yet, and records
 * each posted message on the notification's claim. A Slack failure throws (after giving the
 * destination back), so the caller's retry posts only the rest. An alert that ends an episode
 * (a recovery, or the target met) also takes the buttons off the messages it ends.
 */
export async function deliverSlackAlert(
  deps: SlackAlertDeliveryDeps,
  notification: OutgoingNotification,
  departments: Record<string, Department>,
): Promise<void> {
  const n = notification;
  const { recipients, skipped } = recipientsOf(n.notify, n.provider, n.consumer, departments);
  for (const miss of skipped) {
    deps.log.warn('an alert target has no Slack destination', {
      dedupKey: n.dedupKey,
      target: miss.target,
      reason: miss.reason,
    });
  }
  if (recipients.length === 0) return;
  const claim = (await deps.alerts.listClaims(n.commitmentId, n.period)).find(
    (c) => c.notification.dedupKey === n.dedupKey,
  );
  if (!claim) {
    // Posting without a record risks a duplicate on redelivery; not posting would lose the alert.
    deps.log.warn('no claim on record for this notification; posting without deduplication', {
      dedupKey: n.dedupKey,
    });
  }
  const message = clampMessage(alertMessage(n, departments));
  const meta = { kind: n.kind, commitmentId: n.commitmentId, period: n.period, level: n.level };
  const earlier = await episodeMessages(deps, n);
  for (const recipient of recipients) {
    const name = annotationKey(recipient.channel);
    // A continued episode brings its earlier message in this destination back, rather than posting anew.
    const previous = earlier.get(recipient.channel);
    const post = async (): Promise<PostedMessage> => {
      if (previous === undefined) return deps.poster.post({ channel: recipient.channel, ...message, meta });
      await deps.poster.update({ channel: previous.channel, ts: previous.ts, ...message, meta });
      return { channel: previous.channel, ts: previous.ts };
    };
    if (!claim) {
      await post();
      continue;
    }
    const recorded = claim.annotations[name];
    if (recorded !== undefined && !isPostingMarker(recorded)) continue;
    // Hold the destination while posting, so a duplicate delivery running at the same moment waits
    // instead of posting too; a holder that died is overtaken once its lease runs out.
    const now = deps.clock.now();
    const marker = postingMarker(new Date(now).toISOString());
    const stale = postingMarker(new Date(now - POSTING_LEASE_MS).toISOString());
    if (!(await deps.alerts.reserveAnnotation(n.dedupKey, name, marker, stale))) {
      const current = await annotationNow(deps, n, name);
      if (current !== undefined && !isPostingMarker(current)) continue;
      throw new DeliveryInProgressError(n.dedupKey, recipient.channel);
    }
    let posted: PostedMessage;
    try {
      posted = await post();
    } catch (error) {
      await deps.alerts.releaseAnnotation(n.dedupKey, name, marker);
      throw error;
    }
    // Recorded one destination at a time, so a retry after a partial failure posts only the rest.
    await deps.alerts.annotateClaim(n.dedupKey, annotationFor(recipient.channel, posted));
  }
  if (n.kind === 'recovered' || n.kind === 'met' || n.kind === 'breached') {
    await retireButtons(deps, n, departments);
  }
}

/**
 * For an alert that continues its episode after a recovery, the episode's latest earlier message in
 * each destination; none for any other notification.
 */
async function episodeMessages(
  deps: SlackAlertDeliveryDeps,
  n: OutgoingNotification,
): Promise<Map<string, { channel: string; ts: string }>> {
  const found = new Map<string, { channel: string; ts: string }>();
  if (n.kind !== 'at_risk' || n.continued === undefined) return found;
  const claims = await deps.alerts.listClaims(n.commitmentId, n.period);
  const earlier = claims
    .filter((c) => c.notification.episode === n.episode && c.notification.dedupKey !== n.dedupKey)
    .filter((c) => isActionable(c.notification.kind))
    .sort((a, b) => a.notification.at - b.notification.at);
  for (const claim of earlier) {
    for (const m of recordedMessages(claim.annotations)) found.set(m.destination, m);
  }
  return found;
}

/**
 * Once an alert is over or breached, its earlier messages lose their Acknowledge and Snooze buttons
 * and say what happened since. A recovery ends its own episode, a breach overtakes its own episode's
 * warnings; meeting the target ends every alert of the period. A failed update is logged, not
 * retried: the alert itself was delivered, and a stale button only answers "no open alert" when
 * clicked.
 */
async function retireButtons(
  deps: SlackAlertDeliveryDeps,
  closing: OutgoingNotification,
  departments: Record<string, Department>,
): Promise<void> {
  const claims = await deps.alerts.listClaims(closing.commitmentId, closing.period);
  const targets = claims
    .filter((c) => isActionable(c.notification.kind) && c.notification.dedupKey !== closing.dedupKey)
    .filter((c) => closing.kind === 'met' || c.notification.episode === closing.episode)
    .flatMap((c) => recordedMessages(c.annotations).map((m) => ({ notification: c.notification, ...m })));
  for (const { notification, channel, ts } of targets) {
    try {
      await deps.poster.update({
        channel,
        ts,
        ...clampMessage(closedAlertMessage(notification, departments, closing)),
        meta: {
          kind: notification.kind,
          commitmentId: notification.commitmentId,
          period: notification.period,
          level: notification.level,
        },
      });
    } catch (error) {
      deps.log.warn('could not remove the buttons of an alert that is over', { channel, ts, error });
    }
  }
}
