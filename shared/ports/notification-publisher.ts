import type { OutgoingNotification } from './alert-store.js';

/** Hands a claimed notification to its transport (the `alerts` SNS topic in AWS, the outbox locally). */
export interface NotificationPublisher {
  publish(notification: OutgoingNotification): Promise<void>;
}
