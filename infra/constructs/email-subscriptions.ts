import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { EmailFilter, EmailSubscriber } from '../config.js';

/**
 * The SNS filter policy (on message attributes) for one subscriber, or undefined for everything.
 * The evaluator sets `kind`, `level` (a Number attribute) and `provider` on every alert.
 */
export function alertFilterPolicy(filter: EmailFilter, executiveLevel: number): object | undefined {
  if (filter === 'all') return undefined;
  if (filter === 'executive') {
    return { $or: [{ kind: ['breached'] }, { level: [{ numeric: ['>=', executiveLevel] }] }] };
  }
  return { provider: [...filter.departments] };
}

export interface EmailSubscriptionsProps {
  readonly alerts: sns.ITopic;
  readonly digests: sns.ITopic;
  readonly subscribers: readonly EmailSubscriber[];
  readonly executiveLevel: number;
}

/**
 * Email subscriptions from the stage config. Construct ids come from the address, not the
 * position in the list, so removing one subscriber does not re-create (and re-confirm) the rest.
 * The L1 subscription is used because the L2 filter policy cannot express `$or`.
 */
export class EmailSubscriptions extends Construct {
  constructor(scope: Construct, id: string, props: EmailSubscriptionsProps) {
    super(scope, id);
    for (const subscriber of props.subscribers) {
      const filterPolicy = alertFilterPolicy(subscriber.filter, props.executiveLevel);
      new sns.CfnSubscription(this, `Alerts-${subscriber.email}`, {
        topicArn: props.alerts.topicArn,
        protocol: 'email',
        endpoint: subscriber.email,
        ...(filterPolicy === undefined ? {} : { filterPolicy, filterPolicyScope: 'MessageAttributes' }),
      });
      if (subscriber.digest) {
        new sns.CfnSubscription(this, `Digest-${subscriber.email}`, {
          topicArn: props.digests.topicArn,
          protocol: 'email',
          endpoint: subscriber.email,
        });
      }
    }
  }
}
