import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { builtOnFirstUse, countingPoster, instrumented, observability } from '../../../functions/wiring.js';
import { createInMemoryMetrics } from '../../../shared/adapters/metrics/in-memory-metrics.js';

const context = (awsRequestId: string) =>
  ({
    awsRequestId,
    functionName: 'sla-webhook-fn',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:sla-webhook-fn',
    memoryLimitInMB: '256',
    getRemainingTimeInMillis: () => 10_000,
  }) as unknown as Context;

/** Every JSON line Powertools writes (logs to stdout and stderr, EMF to stdout). */
let lines: Array<Record<string, unknown>>;
beforeEach(() => {
  vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'SlaTracker');
  vi.stubEnv('POWERTOOLS_DEV', '');
  lines = [];
  const capture = (chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const emf = () => lines.filter((l) => '_aws' in l);
/** The CloudWatch directive of an EMF line: namespace, dimensions, metric names and units. */
const directive = (line: Record<string, unknown> | undefined) =>
  (line?._aws as { CloudWatchMetrics: Array<Record<string, unknown>> } | undefined)?.CloudWatchMetrics[0];

describe('an instrumented handler', () => {
  it('logs with the invocation request id and flushes its metrics as EMF once per invocation', async () => {
    const obs = observability('sla-webhook');
    const handler = instrumented(async (accepted: number) => {
      obs.log.error('something failed', new Error('boom'));
      obs.metrics.add('EventsAccepted', accepted);
      obs.metrics.add('EventsRejected', 1);
      return 'done';
    }, obs);

    expect(await handler(3, context('req-1'))).toBe('done');
    expect(await handler(2, context('req-2'))).toBe('done');

    const logs = lines.filter((l) => l.message === 'something failed');
    expect(logs.map((l) => l.function_request_id)).toEqual(['req-1', 'req-2']);
    expect(logs[0]).toMatchObject({
      service: 'sla-webhook',
      function_name: 'sla-webhook-fn',
      level: 'ERROR',
    });
    expect(logs[0]?.error).toMatchObject({ name: 'Error', message: 'boom' });

    const [first, second] = emf();
    expect(emf()).toHaveLength(2);
    expect(first).toMatchObject({ service: 'sla-webhook', EventsAccepted: 3, EventsRejected: 1 });
    expect(second).toMatchObject({ EventsAccepted: 2, EventsRejected: 1 });
    const metadata = directive(first);
    expect(metadata).toMatchObject({
      Namespace: 'SlaTracker',
      Dimensions: [['service']],
      Metrics: expect.arrayContaining([
        { Name: 'EventsAccepted', Unit: 'Count' },
        { Name: 'EventsRejected', Unit: 'Count' },
      ]),
    });
  });

  it('flushes what a failed invocation emitted, and writes nothing when nothing was emitted', async () => {
    const obs = observability('sla-evaluate');
    const handler = instrumented(async (fail: boolean) => {
      if (!fail) return 'quiet';
      obs.metrics.add('EvaluationTime', 42);
      throw new Error('store down');
    }, obs);

    await expect(handler(true, context('req-3'))).rejects.toThrow('store down');
    expect(emf()).toHaveLength(1);
    expect(emf()[0]).toMatchObject({ EvaluationTime: 42 });
    expect(directive(emf()[0])?.Metrics).toEqual([{ Name: 'EvaluationTime', Unit: 'Milliseconds' }]);

    lines.length = 0;
    expect(await handler(false, context('req-4'))).toBe('quiet');
    expect(lines).toEqual([]);
  });
});

describe('the counting poster', () => {
  it('counts posted messages and failed posts or updates', async () => {
    const metrics = createInMemoryMetrics();
    let fail = false;
    const poster = countingPoster(
      {
        post: async (m) => {
          if (fail) throw new Error('channel_not_found');
          return { channel: m.channel, ts: '1.0' };
        },
        update: async () => {
          if (fail) throw new Error('message_not_found');
        },
      },
      metrics,
    );
    await poster.post({ channel: 'C1', text: 'a' });
    await poster.post({ channel: 'C1', text: 'b' });
    await poster.update({ channel: 'C1', text: 'c', ts: '1.0' });
    fail = true;
    await expect(poster.post({ channel: 'C1', text: 'd' })).rejects.toThrow('channel_not_found');
    await expect(poster.update({ channel: 'C1', text: 'e', ts: '1.0' })).rejects.toThrow('message_not_found');
    expect(metrics.total('NotificationsSent')).toBe(2);
    expect(metrics.total('SlackFailures')).toBe(2);
  });
});

describe('builtOnFirstUse', () => {
  it('builds on the first call only, and shares the build between calls made meanwhile', async () => {
    let builds = 0;
    const get = builtOnFirstUse(async () => ++builds);
    expect(builds).toBe(0);
    const [first, second] = await Promise.all([get(), get()]);
    expect([first, second, await get()]).toEqual([1, 1, 1]);
    expect(builds).toBe(1);
  });

  it('tries a failed build again on the next call instead of keeping the failure', async () => {
    let builds = 0;
    const get = builtOnFirstUse(async () => {
      builds++;
      if (builds === 1) throw new Error('throttled');
      return 'client';
    });
    await expect(get()).rejects.toThrow('throttled');
    await expect(get()).resolves.toBe('client');
    await expect(get()).resolves.toBe('client');
    expect(builds).toBe(2);
  });
});
