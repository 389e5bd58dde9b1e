import type { SNSEvent } from 'aws-lambda';
import { CodedError } from '../../shared/domain/coded-error.js';
import type { Clock, Department } from '../../shared/domain/model.js';
import type { AlertStore, OutgoingNotification } from '../../shared/ports/alert-store.js';
import type { PostedMessage, SlackPoster } from '../../shared/ports/slack-poster.js';
import {
  alertMessage,
  closedAlertMessage,
  isActionable,
  recipientsOf,
} from '../../shared/slack/alert-message.js';
import { clampMessage } from '../../shared/slack/limits.js';
import {
  annotationFor,
  annotationKey,
  isPostingMarker,
  postingMarker,
  recordedMessages,
} from '../../shared/slack/message-annotations.js';
import { parseNotificationMessage } from '../../shared/slack/notification-message.js';
import type { SlackLog } from '../../shared/slack/slack-log.js';

export { makeReactionListener } from '../../shared/slack/reaction-listener.js';

export interface NotifyDeps {
  poster: SlackPoster;
  clock: Clock;
  loadDepartments: () => Promise<Record<string, Department>>;
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

async function annotationNow(deps: NotifyDeps, n: OutgoingNotification, name: string) {
  const claims = await deps.alerts.listClaims(n.commitmentId, n.period);
  return claims.find((c) => c.notification.dedupKey === n.dedupKey)?.annotations[name];
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

/**
 * The Slack notifier, subscribed to the `alerts` topic: posts each alert to its channels and direct
 * messages, and records every posted message on the notification's claim. SNS delivers at least
 * once, so a destination already recorded is not posted again; a Slack failure throws, so SNS
 * retries and finally keeps the message in the dead-letter queue. Nothing is dropped silently.
 */
export function makeNotifyHandler(deps: NotifyDeps) {
  return async (event: SNSEvent): Promise<void> => {
    const failures: unknown[] = [];
    let departments: Record<string, Department> | undefined;
    for (const record of event.Records) {
      try {
        const notification = parseNotificationMessage(record.Sns.Message);
        departments ??= await deps.loadDepartments();
        await deliver(deps, notification, departments);
      } catch (error) {
        deps.log.error('posting an alert to Slack failed', { messageId: record.Sns.MessageId, error });
        failures.push(error);
      }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new SlackNotifyError(failures);
  };
}

async function deliver(
  deps: NotifyDeps,
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
  for (const recipient of recipients) {
    const name = annotationKey(recipient.channel);
    const post = () =>
      deps.poster.post({
        channel: recipient.channel,
        ...message,
        meta: { kind: n.kind, commitmentId: n.commitmentId, period: n.period, level: n.level },
      });
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
  if (n.kind === 'recovered' || n.kind === 'met') await retireButtons(deps, n, departments);
}

/**
 * Once an alert is over, its earlier messages lose their Acknowledge and Snooze buttons. A recovery
 * ends its own episode; meeting the target ends every alert of the period. A failed update is
 * logged, not retried: the alert itself was delivered, and a stale button only answers "no open
 * alert" when clicked.
 */
async function retireButtons(
  deps: NotifyDeps,
  closing: OutgoingNotification,
  departments: Record<string, Department>,
): Promise<void> {
  const claims = await deps.alerts.listClaims(closing.commitmentId, closing.period);
  const targets = claims
    .filter((c) => isActionable(c.notification.kind))
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
