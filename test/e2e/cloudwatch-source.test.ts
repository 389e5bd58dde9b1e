import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SourceRuntime, startWithSource } from './incident-source-runtime.js';

const TOKEN = 'the e2e cloudwatch bearer token';
const AUTHORIZED = { authorization: `Bearer ${TOKEN}` };
let runtime: SourceRuntime;

/** An alarm state change exactly as EventBridge hands it to a target. */
function stateChange(id: string, value: 'ALARM' | 'OK', timestamp: string) {
  return JSON.stringify({
    version: '0',
    id,
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account: '123456789012',
    time: timestamp.replace(/\.\d+\+0000$/, 'Z'),
    region: 'us-east-1',
    resources: ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:sla-website-down'],
    detail: {
      alarmName: 'sla-website-down',
      state: { value, reason: 'Threshold Crossed: 1 datapoint', timestamp },
      previousState: { value: value === 'ALARM' ? 'OK' : 'ALARM', reason: '', timestamp },
      configuration: { metrics: [] },
    },
  });
}

describe('CloudWatch alarms as a source of the local runtime', () => {
  beforeAll(async () => {
    runtime = await startWithSource(
      {
        name: 'alarms',
        secret: TOKEN,
        yaml: `  alarms:
    type: cloudwatch
    rules:
      - when: { alarmName: sla-website-down }
        record: { commitment: website-availability }
`,
      },
      'sla-cloudwatch-',
    );
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it('takes the website down at ALARM and up at OK, posted with the bearer token', async () => {
    expect((await runtime.availability()).used).toBe(0);
    const alarm = stateChange(
      '0f2e2e00-0000-4000-8000-00000000a1a1',
      'ALARM',
      '2026-11-18T15:05:00.000+0000',
    );
    expect(await runtime.post('/sources/alarms', alarm, AUTHORIZED)).toEqual({
      status: 200,
      body: { recorded: 1, duplicates: 0, ignored: 0, rejected: [] },
    });
    // Open since 10:05 with the clock at 10:40: the outage counts up to now.
    expect((await runtime.availability()).used).toBeGreaterThan(0);

    const ok = stateChange('0f2e2e00-0000-4000-8000-00000000b2b2', 'OK', '2026-11-18T15:20:00.000+0000');
    expect(await runtime.post('/sources/alarms', ok, AUTHORIZED)).toMatchObject({
      status: 200,
      body: { recorded: 1 },
    });
    expect((await runtime.availability()).used).toBeCloseTo(15, 5);

    expect((await runtime.post('/sources/alarms', alarm, { authorization: 'Bearer wrong' })).status).toBe(
      401,
    );
    expect(await runtime.sourceCounts('alarms')).toMatchObject({ recorded: 2, refused: 1 });
  });
});
