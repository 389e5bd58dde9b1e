import { describe, expect, it } from 'vitest';
import { applyConfig } from '../../shared/app/commitments.js';
import { getStatus } from '../../shared/app/status.js';
import { EXAMPLE_CONFIG } from './app-context.js';
import { useSourceApp } from './source-app.js';

const SITE = 'website-availability';
const TOKEN = 'the alarms bearer token';
const ALARM = 'sla-website-down';
const ARN = `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${ALARM}`;
const CONFIG = `${EXAMPLE_CONFIG}
sources:
  alarms:
    type: cloudwatch
    rules:
      - when: { alarmName: ${ALARM} }
        record: { commitment: ${SITE} }
`;

const logged: string[] = [];
const log = { error: (message: string) => logged.push(message) };
const sources = await useSourceApp('2026-11-01T00:30:00-04:00', { alarms: TOKEN }, CONFIG, log);
const { app } = sources;
app.clock.set('2026-11-18T11:00:00-05:00');

/** An alarm state change as EventBridge delivers it, with CloudWatch's `+0000` timestamps. */
function stateChange(id: string, value: string, timestamp: string, alarmName = ALARM) {
  return {
    version: '0',
    id,
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account: '123456789012',
    time: timestamp.replace(/\.\d+\+0000$/, 'Z'),
    region: 'us-east-1',
    resources: [`arn:aws:cloudwatch:us-east-1:123456789012:alarm:${alarmName}`],
    detail: {
      alarmName,
      state: { value, reason: 'Threshold Crossed', timestamp },
      previousState: { value: value === 'ALARM' ? 'OK' : 'ALARM', timestamp },
      configuration: { description: 'the website answers', metrics: [] },
    },
  };
}

const down = stateChange('6b0d1f52-0000-4000-8000-000000000001', 'ALARM', '2026-11-18T15:00:00.000+0000');
const up = stateChange('6b0d1f52-0000-4000-8000-000000000002', 'OK', '2026-11-18T15:45:00.000+0000');
const post = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
  sources.deliver('alarms', headers, JSON.stringify(body));
const invokedDirectly = (event: unknown) => sources.invokedDirectly(event);
const downtime = async () => (await getStatus(app.deps, SITE)).budget?.used ?? 0;

describe('a cloudwatch source over DynamoDB Local', () => {
  it('refuses an HTTP delivery without the bearer token, or with another, recording nothing', async () => {
    expect(await post(down, {})).toMatchObject({ status: 401 });
    expect(await post(down, { authorization: 'Bearer another token' })).toMatchObject({
      status: 401,
      body: { detail: expect.stringContaining('the bearer token does not match') },
    });
    expect(await app.deps.events.getOutage(SITE, ARN)).toBeUndefined();
  });

  it('refuses a direct invocation with an event that is not an alarm state change, recording nothing', async () => {
    const ec2 = { ...down, source: 'aws.ec2', 'detail-type': 'EC2 Instance State-change Notification' };
    const answers = [await invokedDirectly(ec2), await invokedDirectly({ hello: 'world' })];
    expect(answers.map((a) => a.status)).toEqual([400, 400]);
    expect(answers[0]?.body.detail).toContain(
      'a direct invocation must be an EventBridge event with source "aws.cloudwatch" and detail-type "CloudWatch Alarm State Change"; got source "aws.ec2"',
    );
    expect(logged).toEqual(['alarm state change not recorded', 'alarm state change not recorded']);
    expect(await app.deps.events.getOutage(SITE, ARN)).toBeUndefined();
  });

  it('records an ALARM invoked by EventBridge as down, once however often it is retried', async () => {
    expect(await invokedDirectly(down)).toEqual({
      status: 200,
      body: { recorded: 1, duplicates: 0, ignored: 0, rejected: [] },
    });
    expect(await invokedDirectly(down)).toMatchObject({ status: 200, body: { duplicates: 1 } });
    // The same event relayed over HTTP is the same event.
    expect(await post(down)).toMatchObject({ status: 200, body: { recorded: 0, duplicates: 1 } });
    expect(await app.deps.events.getEvent(SITE, `alarms:${down.id}`)).toMatchObject({
      at: Date.parse('2026-11-18T15:00:00Z'),
      body: { phase: 'down', incident: ARN },
      by: 'source:alarms',
    });
  });

  it('ignores INSUFFICIENT_DATA and alarms no rule matches, answering 2xx', async () => {
    const noData = stateChange(
      '6b0d1f52-0000-4000-8000-000000000003',
      'INSUFFICIENT_DATA',
      '2026-11-18T15:10:00.000+0000',
    );
    const disk = stateChange(
      '6b0d1f52-0000-4000-8000-000000000004',
      'ALARM',
      '2026-11-18T15:20:00.000+0000',
      'disk-full',
    );
    expect(await invokedDirectly(noData)).toEqual({
      status: 200,
      body: { recorded: 0, duplicates: 0, ignored: 1, rejected: [] },
    });
    expect(await post(disk)).toEqual({
      status: 200,
      body: { recorded: 0, duplicates: 0, ignored: 1, rejected: [] },
    });
    const malformed = await post({ ...down, detail: { alarmName: ALARM, state: { value: 'BROKEN' } } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'detail.state.value',
      'detail.state.timestamp',
    ]);
  });

  it('ends the outage at OK, posted over HTTP as locally', async () => {
    expect(await post(up)).toMatchObject({ status: 200, body: { recorded: 1 } });
    expect(await downtime()).toBeCloseTo(45, 5);
  });

  it('counts deliveries by both paths on GET /v1/sources', async () => {
    expect(await sources.listed('alarms')).toEqual({
      name: 'alarms',
      type: 'cloudwatch',
      lastDeliveryAt: expect.stringMatching(/^2026-11-18T16:00/),
      recorded: 2,
      duplicates: 2,
      ignored: 2,
      refused: 2,
      rejected: 1,
      lastRefusal: { at: expect.any(String), reason: 'the bearer token does not match' },
    });
  });

  it('refuses a direct invocation clearly when no cloudwatch source is configured', async () => {
    await applyConfig(app.deps, { text: EXAMPLE_CONFIG, dryRun: false });
    const answer = await invokedDirectly(
      stateChange('6b0d1f52-0000-4000-8000-000000000005', 'ALARM', '2026-11-18T15:50:00.000+0000'),
    );
    expect(answer.status).toBe(404);
    expect(answer.body.detail).toContain('there is no cloudwatch source');
  });
});
