import { describe, expect, it } from 'vitest';
import type { SourceDefinition } from '../../../shared/domain/sources/config-sources.js';
import { cloudwatchSource, isAlarmStateChange } from '../../../shared/sources/cloudwatch.js';

const source: SourceDefinition = {
  name: 'alarms',
  type: 'cloudwatch',
  rules: [
    { when: { alarmName: 'api-5xx' }, record: { commitment: 'api-up' } },
    {
      when: { alarmName: 'api-5xx', state: { value: 'OK' }, region: 'eu-west-1' },
      record: { commitment: 'api-recovery', phase: 'stop' },
    },
  ],
};

/** AWS's documented example of the event, for an alarm in eu-west-1. */
function stateChange(value: string, overrides: Record<string, unknown> = {}) {
  return {
    version: '0',
    id: 'c4c1c1c9-6542-e61b-6ef0-8c4d36933a92',
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account: '123456789012',
    time: '2019-10-02T17:04:40Z',
    region: 'eu-west-1',
    resources: ['arn:aws:cloudwatch:eu-west-1:123456789012:alarm:api-5xx'],
    detail: {
      alarmName: 'api-5xx',
      state: { reason: 'Threshold Crossed', timestamp: '2019-10-02T17:04:40.989+0000', value },
      previousState: { reason: 'ok', timestamp: '2019-10-02T17:00:00.000+0000', value: 'OK' },
      configuration: { description: 'API 5xx rate' },
    },
    ...overrides,
  };
}

describe('the CloudWatch alarm state change mapping', () => {
  it('records ALARM as down at the state timestamp, the incident being the alarm ARN, id from EventBridge', () => {
    expect(cloudwatchSource.map(stateChange('ALARM'), source, '')).toEqual({
      batches: [
        {
          commitment: 'api-up',
          events: [
            {
              id: 'alarms:c4c1c1c9-6542-e61b-6ef0-8c4d36933a92',
              at: '2019-10-02T17:04:40.989+00:00',
              phase: 'down',
              incident: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:api-5xx',
            },
          ],
          origins: [0],
        },
      ],
      ignored: 0,
    });
  });

  it("records OK as up, and a rule's own phase (matching state and region) with the alarm as subject", () => {
    const mapped = cloudwatchSource.map(stateChange('OK'), source, '');
    expect(mapped).toMatchObject({
      batches: [
        { commitment: 'api-up', events: [{ phase: 'up' }] },
        {
          commitment: 'api-recovery',
          events: [{ phase: 'stop', subject: expect.stringMatching(/:alarm:api-5xx$/) }],
        },
      ],
    });
  });

  it('ignores INSUFFICIENT_DATA whatever the rules, and alarms no rule matches', () => {
    expect(cloudwatchSource.map(stateChange('INSUFFICIENT_DATA'), source, '')).toEqual({
      batches: [],
      ignored: 1,
    });
    const other = stateChange('ALARM');
    other.detail.alarmName = 'disk-full';
    expect(cloudwatchSource.map(other, source, '')).toEqual({ batches: [], ignored: 1 });
  });

  it('uses the alarm name when the event carries no ARN', () => {
    expect(cloudwatchSource.map(stateChange('ALARM', { resources: [] }), source, '')).toMatchObject({
      batches: [{ events: [{ incident: 'api-5xx' }] }],
    });
  });

  it('names the fields of an event that is not an alarm state change', () => {
    const mapped = cloudwatchSource.map(stateChange('ALARM', { source: 'aws.ec2', id: '' }), source, '');
    expect(mapped).toEqual({
      errors: expect.arrayContaining([
        { path: 'id', message: 'must not be empty' },
        { path: 'source', message: 'must be "aws.cloudwatch"' },
      ]),
    });
  });

  it('tells a directly invoked alarm state change from any other event', () => {
    expect(isAlarmStateChange(stateChange('OK'))).toBe(true);
    expect(isAlarmStateChange(stateChange('OK', { 'detail-type': 'Scheduled Event' }))).toBe(false);
    expect(isAlarmStateChange(null)).toBe(false);
  });
});
