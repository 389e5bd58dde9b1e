/**
 * Business metrics the edges emit from what the use cases return. The unit belongs to the name,
 * so a metric is never sent as a count in one place and as milliseconds in another.
 */
export const METRIC_UNITS = {
  /** Events recorded for the first time (the events API and the webhook). */
  EventsAccepted: 'Count',
  /** Events already recorded before: a retry, counted once. */
  EventsDuplicate: 'Count',
  /** Events refused for a field or a limit; the response names which. */
  EventsRejected: 'Count',
  /** Commitments judged by one evaluator run. */
  CommitmentsEvaluated: 'Count',
  /** Wall time of one evaluator run. */
  EvaluationTime: 'Milliseconds',
  /** Slack messages posted (alerts, digest). */
  NotificationsSent: 'Count',
  /** Slack posts or updates that failed. */
  SlackFailures: 'Count',
} as const;

export type MetricName = keyof typeof METRIC_UNITS;
export type MetricUnitName = (typeof METRIC_UNITS)[MetricName];

/** CloudWatch namespace of every business metric. */
export const METRICS_NAMESPACE = 'SlaTracker';

export interface BusinessMetrics {
  add(name: MetricName, value: number): void;
}
