import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { logicalId } from './support/iam-queries.js';
import { synthWithoutBundling } from './support/synth.js';

const ALARM_EVENTS = { source: ['aws.cloudwatch'], 'detail-type': ['CloudWatch Alarm State Change'] };

describe.each([
  ['without an alarm prefix', {}, ALARM_EVENTS],
  [
    'with cloudwatchAlarmPrefix',
    { cloudwatchAlarmPrefix: 'sla-' },
    { ...ALARM_EVENTS, detail: { alarmName: [{ prefix: 'sla-' }] } },
  ],
])('the alarm state change rule %s', (_case, context, pattern) => {
  const { app, template } = synthWithoutBundling(context);
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
  const ruleId = logicalId(template, 'AWS::Events::Rule', 'AlarmStateChangesRule');
  const rule = resources[ruleId]?.Properties;
  const sourcesFn = logicalId(template, 'AWS::Lambda::Function', 'FnsourcesFunction');
  const dlq = logicalId(template, 'AWS::SQS::Queue', 'AlarmStateFailuresQueue');

  it('matches CloudWatch alarm state changes, narrowed to the prefix when one is set', () => {
    expect(rule.EventPattern).toEqual(pattern);
    expect(rule.State).toBe('ENABLED');
  });

  it('targets the sources function with the event unchanged, a retry policy and a dead-letter queue', () => {
    expect(rule.Targets).toEqual([
      {
        Id: expect.any(String),
        Arn: { 'Fn::GetAtt': [sourcesFn, 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } },
        RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 10 },
      },
    ]);
  });

  it('lets EventBridge invoke the sources function for this rule alone', () => {
    const permissions = Object.values(resources).filter(
      (r) => r.Type === 'AWS::Lambda::Permission' && r.Properties.Principal === 'events.amazonaws.com',
    );
    expect(permissions.map((p) => p.Properties)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [sourcesFn, 'Arn'] },
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
      },
    ]);
  });

  it('sends what still fails to a queue an ops alarm watches, and stays clean under cdk-nag', () => {
    const invokeConfig = Object.values(resources).find(
      (r) =>
        r.Type === 'AWS::Lambda::EventInvokeConfig' &&
        JSON.stringify(r.Properties.FunctionName).includes(sourcesFn),
    );
    expect(invokeConfig?.Properties.DestinationConfig).toEqual({
      OnFailure: { Destination: { 'Fn::GetAtt': [dlq, 'Arn'] } },
    });
    const alarmed = Object.values(resources).filter(
      (r) =>
        r.Type === 'AWS::CloudWatch::Alarm' && JSON.stringify(r.Properties.Dimensions ?? []).includes(dlq),
    );
    expect(alarmed).toHaveLength(1);
    expect(new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(app).violations).toEqual([]);
  });
});
