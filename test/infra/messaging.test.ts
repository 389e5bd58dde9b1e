import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES } from '../../infra/function-catalog.js';
import { logicalId } from './support/iam-queries.js';
import { devAndProdTemplates } from './support/synth.js';

let dev: Template;
let prod: Template;

beforeAll(() => {
  ({ dev, prod } = devAndProdTemplates());
}, 120_000);

describe('topics, queues and secrets', () => {
  it('encrypts every topic with one rotating customer-managed key that CloudWatch may use', () => {
    const keyId = logicalId(dev, 'AWS::KMS::Key', 'TopicsKey');
    dev.resourceCountIs('AWS::SNS::Topic', 3);
    dev.resourcePropertiesCountIs('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } }, 3);
    dev.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });

  it('denies publishing to any topic without TLS', () => {
    dev.resourcePropertiesCountIs(
      'AWS::SNS::TopicPolicy',
      {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sns:Publish',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      },
      3,
    );
  });

  it('subscribes the Slack notifier to alerts with a dead-letter queue', () => {
    dev.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: logicalId(dev, 'AWS::SNS::Topic', 'TopicsAlerts') },
      Endpoint: { 'Fn::GetAtt': [logicalId(dev, 'AWS::Lambda::Function', 'FnnotifyslackFunction'), 'Arn'] },
      RedrivePolicy: {
        deadLetterTargetArn: {
          'Fn::GetAtt': [logicalId(dev, 'AWS::SQS::Queue', 'NotifySlackDelivery'), 'Arn'],
        },
      },
    });
  });

  it('makes every dead-letter queue encrypted, TLS-only and long-lived', () => {
    dev.resourceCountIs('AWS::SQS::Queue', 7);
    dev.resourcePropertiesCountIs(
      'AWS::SQS::Queue',
      { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 },
      7,
    );
    dev.resourcePropertiesCountIs(
      'AWS::SQS::QueuePolicy',
      {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      },
      7,
    );
  });

  it('creates the Slack secret as a JSON placeholder under the configured name, and the sources map starting empty', () => {
    dev.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'sla-tracker/dev/slack',
      GenerateSecretString: {
        SecretStringTemplate: '{"botToken":""}',
        GenerateStringKey: 'signingSecret',
        ExcludePunctuation: true,
      },
    });
    dev.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: Match.absent(),
      SecretString: '{}',
      GenerateSecretString: Match.absent(),
    });
  });
});

describe('email subscriptions', () => {
  const emailSubscriptions = (template: Template, topicPrefix: string) =>
    Object.values(template.findResources('AWS::SNS::Subscription'))
      .map((s) => s.Properties)
      .filter((p) => p.Protocol === 'email' && p.TopicArn.Ref.startsWith(topicPrefix));

  it('filters alerts per subscriber with message-attribute policies', () => {
    const byEmail = Object.fromEntries(
      emailSubscriptions(prod, 'TopicsAlerts').map((p) => [
        p.Endpoint,
        [p.FilterPolicy, p.FilterPolicyScope],
      ]),
    );
    expect(byEmail).toEqual({
      'cfo@example.com': [
        { $or: [{ kind: ['breached'] }, { level: [{ numeric: ['>=', 3] }] }] },
        'MessageAttributes',
      ],
      'mkt-lead@example.com': [{ provider: ['marketing', 'sales'] }, 'MessageAttributes'],
      'it-lead@example.com': [undefined, undefined],
    });
  });

  it('sends the digest only to subscribers marked digest: true', () => {
    expect(emailSubscriptions(prod, 'TopicsDigests').map((p) => p.Endpoint)).toEqual(['cfo@example.com']);
    expect(emailSubscriptions(dev, 'Topics')).toEqual([]);
  });

  it('subscribes the ops email to the ops topic when configured', () => {
    const ops = emailSubscriptions(prod, 'TopicsOps');
    expect(ops.map((p) => p.Endpoint)).toEqual(['ops@example.com']);
    expect(emailSubscriptions(dev, 'TopicsOps')).toEqual([]);
  });
});

describe('alarms', () => {
  it('watches errors and throttles of every function, every dead-letter queue and API 5xx', () => {
    const alarms = Object.values(dev.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const opsTopic = { Ref: logicalId(dev, 'AWS::SNS::Topic', 'TopicsOps') };
    expect(alarms).toHaveLength(FUNCTION_NAMES.length * 2 + 7 + 1);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([opsTopic]);
      expect(alarm.Threshold).toBe(1);
      expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
    }
    const metrics = alarms.map((a) => `${a.Namespace}/${a.MetricName}`).sort();
    expect(metrics.filter((m) => m === 'AWS/Lambda/Errors')).toHaveLength(FUNCTION_NAMES.length);
    expect(metrics.filter((m) => m === 'AWS/Lambda/Throttles')).toHaveLength(FUNCTION_NAMES.length);
    expect(metrics.filter((m) => m === 'AWS/SQS/ApproximateNumberOfMessagesVisible')).toHaveLength(7);
    expect(metrics.filter((m) => m === 'AWS/ApiGateway/5xx')).toHaveLength(1);
  });
});

describe('failed scheduled runs', () => {
  it.each([
    ['evaluate', 'EvaluateFailures'],
    ['digest', 'DigestFailures'],
    // EventBridge invokes it asynchronously with alarm state changes.
    ['sources', 'AlarmStateFailures'],
  ])(
    '%s records a run that failed after Lambda retried it in its own queue, with an alarm',
    (name, queue) => {
      const queueId = logicalId(dev, 'AWS::SQS::Queue', queue);
      dev.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalId(dev, 'AWS::Lambda::Function', `Fn${name}Function`) },
        Qualifier: '$LATEST',
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
      });
      dev.hasResourceProperties('AWS::SQS::Queue', {
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 1_209_600,
      });
      const alarms = Object.values(dev.findResources('AWS::CloudWatch::Alarm'))
        .map((a) => a.Properties)
        .filter(
          (p) =>
            p.MetricName === 'ApproximateNumberOfMessagesVisible' &&
            p.Dimensions?.[0]?.Value?.['Fn::GetAtt']?.[0] === queueId,
        );
      expect(alarms).toEqual([
        expect.objectContaining({
          Namespace: 'AWS/SQS',
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          AlarmActions: [{ Ref: logicalId(dev, 'AWS::SNS::Topic', 'TopicsOps') }],
        }),
      ]);
    },
  );

  it('leaves the other functions without an on-failure destination', () => {
    dev.resourceCountIs('AWS::Lambda::EventInvokeConfig', 3);
  });
});

describe('outputs', () => {
  it('publishes the URLs and names an admin needs after deploy', () => {
    expect(Object.keys(dev.toJSON().Outputs).sort()).toEqual(
      [
        'AlertsTopicArn',
        'ApiUrl',
        'DashboardUrl',
        'DigestsTopicArn',
        'SignInRedirectUrl',
        'SlackCommandsUrl',
        'SlackInteractionsUrl',
        'SlackSecretArn',
        'TableName',
        'SourcesSecretArn',
        'SourcesUrl',
      ].sort(),
    );
    dev.hasOutput('SlackCommandsUrl', {
      Value: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/slack/commands$')])] },
    });
    dev.hasOutput('SignInRedirectUrl', {
      Value: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/auth/callback$')])] },
    });
    dev.hasOutput('SourcesUrl', {
      Value: {
        'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/sources/\\{name\\}$')])],
      },
    });
  });
});
