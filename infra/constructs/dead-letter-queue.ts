import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /** What ends up here, for the console and the alarm description. */
  readonly purpose: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Where failed deliveries wait for a person: kept for the SQS maximum of 14 days, encrypted,
 * reachable only over TLS. SQS-managed encryption needs no key policy, which matters because
 * SNS and EventBridge Scheduler write here as services.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly purpose: string;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.purpose = props.purpose;
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue (for an SNS subscription, a Lambda function, a Lambda ' +
        'on-failure destination or an EventBridge Scheduler target); a dead-letter queue of a dead-letter queue would only move the problem.',
    });
  }
}
