import type { SNSEvent } from 'aws-lambda';
import {
  deliverSlackAlert,
  type SlackAlertDeliveryDeps,
  SlackNotifyError,
} from '../../shared/app/slack-alert-delivery.js';
import type { Department } from '../../shared/domain/model.js';
import { parseNotificationMessage } from '../../shared/slack/notification-message.js';

export interface NotifyDeps extends SlackAlertDeliveryDeps {
  loadDepartments: () => Promise<Record<string, Department>>;
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
        await deliverSlackAlert(deps, notification, departments);
      } catch (error) {
        deps.log.error('posting an alert to Slack failed', { messageId: record.Sns.MessageId, error });
        failures.push(error);
      }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new SlackNotifyError(failures);
  };
}
