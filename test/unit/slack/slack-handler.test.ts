import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../functions/slack/handler.js';
import type { StoreDeps } from '../../../shared/app/deps.js';
import { fixedClock } from '../../../shared/domain/model.js';
import { checkSlackLimits } from './check-slack-limits.js';
import { commandBody, interactionBody, slackEvent, TEST_SIGNING_SECRET } from './slack-requests.js';

const NOW = Date.parse('2026-11-18T15:00:00Z');
const TS = NOW / 1000;

/** Stores that fail the test if anything reaches them. */
const untouchable = new Proxy({} as StoreDeps, {
  get(_target, property) {
    throw new Error(`the stores were used (${String(property)}) before the request was verified`);
  },
});

function handlerWith(stores: StoreDeps, secret: () => Promise<string> = async () => TEST_SIGNING_SECRET) {
  const logged: Array<{ level: string; message: string; detail: unknown }> = [];
  const handler = makeHandler({
    stores,
    signingSecret: secret,
    clock: fixedClock(NOW),
    log: {
      error: (message, detail) => logged.push({ level: 'error', message, detail }),
      warn: (message, detail) => logged.push({ level: 'warn', message, detail }),
    },
    respond: async () => {
      throw new Error('no response_url calls expected');
    },
  });
  return { handler, logged };
}

describe('the Slack endpoint refuses unverified requests before anything else', () => {
  const body = commandBody({ text: 'log marketing-qualified-leads 5' });

  it.each([
    ['forged', { timestamp: TS, signature: `v0=${'a'.repeat(64)}` }],
    ['signed with another secret', { timestamp: TS, secret: 'not-the-secret' }],
    ['stale (6 minutes old)', { timestamp: TS - 360 }],
    ['from the future (6 minutes ahead)', { timestamp: TS + 360 }],
    ['unsigned', { timestamp: TS, unsigned: true }],
  ])('%s → 401, nothing read or written', async (_name, options) => {
    const { handler, logged } = handlerWith(untouchable);
    for (const path of ['/slack/commands', '/slack/interactions']) {
      const result = await handler(slackEvent(path, body, options));
      expect(result.statusCode).toBe(401);
    }
    expect(logged.every((l) => l.level === 'warn')).toBe(true);
  });

  it("with the real clock beside a simulated one, takes Slack's real-time requests and still refuses stale ones", async () => {
    const simulated = NOW - 5 * 24 * 3_600_000;
    const real = { now: () => NOW };
    const logged: string[] = [];
    const handler = makeHandler({
      stores: untouchable,
      signingSecret: async () => TEST_SIGNING_SECRET,
      clock: fixedClock(simulated),
      replayWindowClocks: [fixedClock(simulated), real],
      log: { error: (m) => void logged.push(m), warn: (m) => void logged.push(m) },
    });
    // `ssl_check` answers before touching the stores, so only verification decides the status.
    const body = 'ssl_check=1&token=x';
    expect((await handler(slackEvent('/slack/commands', body, { timestamp: TS }))).statusCode).toBe(200);
    for (const off of [TS - 360, TS + 360, simulated / 1000 - 360]) {
      expect((await handler(slackEvent('/slack/commands', body, { timestamp: off }))).statusCode).toBe(401);
    }
    expect(logged).toEqual(Array(3).fill('refused a Slack request'));
  });

  it('answers 503 when the signing secret cannot be read, and logs it', async () => {
    const { handler, logged } = handlerWith(untouchable, async () => {
      throw new Error('AccessDenied');
    });
    const result = await handler(slackEvent('/slack/commands', body, { timestamp: TS }));
    expect(result.statusCode).toBe(503);
    expect(logged[0]?.level).toBe('error');
  });

  it('verifies base64-encoded bodies and mixed-case headers', async () => {
    const { handler } = handlerWith(untouchable);
    const result = await handler(
      slackEvent('/slack/commands', commandBody({ text: 'help' }), {
        timestamp: TS,
        base64: true,
        headerCase: 'mixed',
      }),
    );
    expect(result.statusCode).toBe(200);
    const reply = JSON.parse(result.body ?? '');
    expect(reply.response_type).toBe('ephemeral');
    checkSlackLimits(reply);
  });
});

describe('after verification', () => {
  it('answers an unknown path with 404 and a request without a user with 400', async () => {
    const { handler } = handlerWith(untouchable);
    expect((await handler(slackEvent('/slack/events', 'a=b', { timestamp: TS }))).statusCode).toBe(404);
    expect((await handler(slackEvent('/slack/commands', 'text=help', { timestamp: TS }))).statusCode).toBe(
      400,
    );
  });

  it('answers ssl_check and interactions it does not handle with an empty 200', async () => {
    const { handler } = handlerWith(untouchable);
    expect(
      (await handler(slackEvent('/slack/commands', 'ssl_check=1&token=x', { timestamp: TS }))).statusCode,
    ).toBe(200);
    const shortcut = interactionBody({ type: 'shortcut', user: { id: 'U1' } });
    const result = await handler(slackEvent('/slack/interactions', shortcut, { timestamp: TS }));
    expect(result).toMatchObject({ statusCode: 200, body: '' });
    expect(
      (await handler(slackEvent('/slack/interactions', 'payload=%7Bnot', { timestamp: TS }))).statusCode,
    ).toBe(400);
  });

  it('turns an internal failure into a friendly ephemeral 200 and logs it, without a stack trace', async () => {
    const broken = {
      commitments: {
        getConfig: async () => {
          throw new Error('DynamoDB is on fire');
        },
      },
      clock: fixedClock(NOW),
    } as unknown as StoreDeps;
    const { handler, logged } = handlerWith(broken);
    const result = await handler(slackEvent('/slack/commands', commandBody({ text: '' }), { timestamp: TS }));
    expect(result.statusCode).toBe(200);
    const reply = JSON.parse(result.body ?? '');
    checkSlackLimits(reply);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('Something went wrong on our side');
    expect(result.body).not.toContain('on fire');
    expect(
      logged.some((l) => l.level === 'error' && String((l.detail as Error).message).includes('on fire')),
    ).toBe(true);
  });
});
