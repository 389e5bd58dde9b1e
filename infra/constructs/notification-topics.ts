import { type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface NotificationTopicsProps {
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The three topics: `alerts` (one message per notification, filterable by attributes),
 * `digests` (the weekly digest as text) and `ops` (CloudWatch alarms).
 *
 * They share one customer-managed key with yearly rotation rather than `alias/aws/sns`:
 * CloudWatch alarms can only publish to an encrypted topic whose key policy lets
 * cloudwatch.amazonaws.com use the key, and the AWS-managed key's policy cannot be changed.
 * Every topic refuses requests that do not use TLS.
 */
export class NotificationTopics extends Construct {
  readonly key: kms.Key;
  readonly alerts: sns.Topic;
  readonly digests: sns.Topic;
  readonly ops: sns.Topic;

  constructor(scope: Construct, id: string, props: NotificationTopicsProps) {
    super(scope, id);
    const account = Stack.of(this).account;

    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the SLA tracker SNS topics (alerts, digests, ops)',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToEncryptedTopics',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );

    const topic = (topicId: string, displayName: string) =>
      new sns.Topic(this, topicId, { displayName, masterKey: this.key, enforceSSL: true });
    this.alerts = topic('Alerts', 'SLA alerts');
    this.digests = topic('Digests', 'SLA weekly digest');
    this.ops = topic('Ops', 'SLA tracker operations');

    // enforceSSL replaces the default topic policy, whose account-wide allow is what normally lets
    // CloudWatch alarms publish; say it explicitly, for this account only.
    this.ops.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.ops.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
  }

  /**
   * Lets `grantee` publish to `topic`. Like `topic.grantPublish`, but the key actions are the two
   * SNS uses (GenerateDataKey, Decrypt) instead of `kms:GenerateDataKey*`.
   */
  grantPublish(topic: sns.ITopic, grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({ grantee, actions: ['sns:Publish'], resourceArns: [topic.topicArn] });
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resourceArns: [this.key.keyArn],
    });
  }
}
