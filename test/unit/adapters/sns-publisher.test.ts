import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSnsPublisher } from '../../../shared/adapters/sns/sns-publisher.js';
import type { OutgoingNotification } from '../../../shared/ports/alert-store.js';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alerts';

const breach: OutgoingNotification = {
  dedupKey: 'marketing-qualified-leads#2026-11#1#3#breached',
  kind: 'breached',
  severity: 'critical',
  level: 3,
  commitmentId: 'marketing-qualified-leads',
  period: '2026-11',
  episode: 1,
  notify: ['executives'],
  status: 'breached',
  title: 'Marketing delivers qualified leads to Sales',
  provider: 'marketing',
  consumer: 'sales',
  unit: 'leads',
  evaluation: {
    commitmentId: 'marketing-qualified-leads',
    period: '2026-11',
    measure: 'total',
    status: 'breached',
    actual: 90,
    target: 100,
    expected: 100,
    projected: 90,
    attainment: 0.9,
    elapsed: 1,
    unit: 'leads',
    evaluatedAt: '2026-12-01T00:00:00.000-05:00',
    final: true,
  },
  text: 'Breached: Marketing delivers qualified leads to Sales (Marketing → Sales) 90 / 100 leads · BREACHED',
  at: Date.parse('2026-12-01T13:00:00Z'),
};

describe('the SNS alert publisher', () => {
  beforeEach(() => sns.reset());

  it('publishes the notification as JSON with the attributes subscribers filter on', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    await createSnsPublisher(new SNSClient({ region: 'us-east-1' }), TOPIC).publish(breach);
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]?.args[0].input;
    expect(input?.TopicArn).toBe(TOPIC);
    expect(JSON.parse(input?.Message ?? '{}')).toEqual(breach);
    expect(input?.MessageAttributes).toEqual({
      kind: { DataType: 'String', StringValue: 'breached' },
      severity: { DataType: 'String', StringValue: 'critical' },
      level: { DataType: 'Number', StringValue: '3' },
      provider: { DataType: 'String', StringValue: 'marketing' },
      consumer: { DataType: 'String', StringValue: 'sales' },
      commitmentId: { DataType: 'String', StringValue: 'marketing-qualified-leads' },
      dedupKey: { DataType: 'String', StringValue: breach.dedupKey },
    });
    expect(input?.Subject).toBe('[SLA breached] Marketing delivers qualified leads to Sales');
  });

  it('keeps the email subject within 100 characters', async () => {
    sns.on(PublishCommand).resolves({});
    await createSnsPublisher(new SNSClient({ region: 'us-east-1' }), TOPIC).publish({
      ...breach,
      title: 'x'.repeat(200),
    });
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.Subject?.length).toBeLessThanOrEqual(100);
  });

  it('fails loudly when SNS refuses, so the evaluator leaves the claim pending for the next run', async () => {
    sns.on(PublishCommand).rejects(new Error('throttled'));
    await expect(
      createSnsPublisher(new SNSClient({ region: 'us-east-1' }), TOPIC).publish(breach),
    ).rejects.toThrow('throttled');
  });
});
