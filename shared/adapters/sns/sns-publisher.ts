import type { SNSClient } from '@aws-sdk/client-sns';
import type { OutgoingNotification } from '../../ports/alert-store.js';
import type { NotificationPublisher } from '../../ports/notification-publisher.js';
import { topicPublisher } from './topic-publisher.js';

/** SNS allows 100 characters of subject (used by email subscriptions), printable ASCII-ish only. */
function subjectOf(n: OutgoingNotification): string {
  const subject = `[SLA ${n.kind.replace('_', ' ')}] ${n.title}`.replace(/[\r\n]+/g, ' ');
  return subject.length > 100 ? `${subject.slice(0, 99)}…` : subject;
}

/** The message attributes subscribers filter on (see docs/notifications.md). */
export function messageAttributes(n: OutgoingNotification) {
  const text = (value: string) => ({ DataType: 'String', StringValue: value });
  return {
    kind: text(n.kind),
    severity: text(n.severity),
    level: { DataType: 'Number', StringValue: String(n.level) },
    provider: text(n.provider),
    consumer: text(n.consumer),
    commitmentId: text(n.commitmentId),
    dedupKey: text(n.dedupKey),
  };
}

/** Publishes each notification to the `alerts` topic: JSON body, filterable attributes. */
export function createSnsPublisher(client: SNSClient, topicArn: string): NotificationPublisher {
  return topicPublisher(client, topicArn, (notification: OutgoingNotification) => ({
    Subject: subjectOf(notification),
    Message: JSON.stringify(notification),
    MessageAttributes: messageAttributes(notification),
  }));
}
