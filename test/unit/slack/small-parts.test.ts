import { describe, expect, it } from 'vitest';
import type { SlackPoster } from '../../../shared/ports/slack-poster.js';
import { decodeAlertValue, encodeAlertValue } from '../../../shared/slack/interaction-ids.js';
import { createLazyPoster } from '../../../shared/slack/lazy-poster.js';
import { annotationFor, recordedMessages } from '../../../shared/slack/message-annotations.js';
import {
  InvalidNotificationError,
  parseNotificationMessage,
} from '../../../shared/slack/notification-message.js';
import { logAttributes } from '../../../shared/slack/slack-log.js';
import { botTokenOf, SlackSecretError, slackSecretSource } from '../../../shared/slack/slack-secret.js';
import { parseSlackSecret } from '../../../shared/slack/slack-secret-parser.js';
import { leadsNotification } from './fixtures.js';

describe('button values', () => {
  it('round-trip the commitment, the period, the episode and the notification', () => {
    const value = {
      commitmentId: 'marketing-qualified-leads',
      period: '2026-11',
      episode: 3,
      dedupKey: 'k#1',
    };
    expect(decodeAlertValue(encodeAlertValue(value))).toEqual(value);
  });

  it('read a value without a usable episode (an older button) as having none', () => {
    for (const e of [undefined, 0, -1, 1.5, '3']) {
      expect(
        decodeAlertValue(JSON.stringify({ c: 'x', p: '2026-11', e, k: 'x#2026-11#1#1#at_risk' })),
      ).toEqual({
        commitmentId: 'x',
        period: '2026-11',
        dedupKey: 'x#2026-11#1#1#at_risk',
      });
    }
  });

  it.each([undefined, '', 'not json', '{"c":1}', '[]'])('ignore a value that is not ours: %j', (raw) => {
    expect(decodeAlertValue(raw)).toBeUndefined();
  });
});

describe('message annotations on a claim', () => {
  it('record a channel message as its ts, and a DM with the conversation it landed in', () => {
    expect(annotationFor('C0SALES', { channel: 'C0SALES', ts: '1795017900.000100' })).toEqual({
      'slack:C0SALES': '1795017900.000100',
    });
    expect(annotationFor('U0MKTLEAD', { channel: 'D0MKTLEAD', ts: '1795017900.000200' })).toEqual({
      'slack:U0MKTLEAD': 'D0MKTLEAD/1795017900.000200',
    });
  });

  it('read back as the messages to update, ignoring other annotations', () => {
    expect(
      recordedMessages({
        'slack:C0SALES': '1.1',
        'slack:U0MKTLEAD': 'D0MKTLEAD/2.2',
        'email:lead@example.com': 'sent',
      }),
    ).toEqual([
      { destination: 'C0SALES', channel: 'C0SALES', ts: '1.1' },
      { destination: 'U0MKTLEAD', channel: 'D0MKTLEAD', ts: '2.2' },
    ]);
  });
});

describe('the SNS alert message', () => {
  it('parses an outgoing notification', () => {
    const n = leadsNotification();
    expect(parseNotificationMessage(JSON.stringify(n))).toEqual(n);
  });

  it('refuses what is not one, naming what is missing', () => {
    expect(() => parseNotificationMessage('nope')).toThrow(InvalidNotificationError);
    const { evaluation: _e, ...rest } = leadsNotification();
    expect(() => parseNotificationMessage(JSON.stringify(rest))).toThrow(/evaluation/);
  });
});

describe('the Slack secret', () => {
  it('parses both values and refuses a missing signing secret without echoing values', () => {
    expect(parseSlackSecret('{"signingSecret":"abc","botToken":"xoxb-1"}')).toEqual({
      signingSecret: 'abc',
      botToken: 'xoxb-1',
    });
    expect(() => parseSlackSecret('{"botToken":"xoxb-secret-value"}')).toThrow(/signingSecret/);
    expect(() => parseSlackSecret('{"botToken":"xoxb-secret-value"}')).not.toThrow(/xoxb-secret-value/);
    expect(() => parseSlackSecret('not json')).toThrow(SlackSecretError);
  });

  it('lets commands work before the bot token is pasted, and says so when posting needs it', () => {
    const secret = parseSlackSecret('{"signingSecret":"abc","botToken":""}');
    expect(secret.signingSecret).toBe('abc');
    expect(() => botTokenOf(secret)).toThrow(/no botToken yet/);
    expect(() => botTokenOf({ signingSecret: 'a', botToken: 'xoxp-user' })).toThrow(/not a bot token/);
  });

  it('is parsed from its source on every call, so a rotated secret and a fixed one are seen at once', async () => {
    const texts = ['{"signingSecret":"abc","botToken":"xoxb-1"}', 'not json', '{"signingSecret":"def"}'];
    let calls = 0;
    const source = slackSecretSource(async () => {
      const text = texts[calls++];
      if (text === undefined) throw new Error('throttled');
      return text;
    });
    await expect(source()).resolves.toEqual({ signingSecret: 'abc', botToken: 'xoxb-1' });
    await expect(source()).rejects.toThrow(/is not JSON/);
    await expect(source()).resolves.toEqual({ signingSecret: 'def', botToken: '' });
    await expect(source()).rejects.toThrow('throttled');
    expect(calls).toBe(4);
  });
});

describe('the lazy poster', () => {
  const fakePoster = (token: string): SlackPoster => ({
    post: async (m) => ({ channel: m.channel, ts: token }),
    update: async () => undefined,
  });

  it('builds the real poster on first use only', async () => {
    let builds = 0;
    const poster = createLazyPoster(
      async () => 'xoxb-1',
      async (token) => {
        builds++;
        return fakePoster(token);
      },
    );
    expect(builds).toBe(0);
    await poster.post({ channel: 'C1', text: 'a' });
    await poster.update({ channel: 'C1', text: 'b', ts: '1.0' });
    expect(builds).toBe(1);
  });

  it('builds a new poster when the token rotates, and retries a failed build', async () => {
    let token = 'xoxb-1';
    const builds: string[] = [];
    const poster = createLazyPoster(
      async () => token,
      async (t) => {
        builds.push(t);
        if (builds.length === 3) throw new Error('SDK failed to load');
        return fakePoster(t);
      },
    );
    expect((await poster.post({ channel: 'C1', text: 'a' })).ts).toBe('xoxb-1');
    token = 'xoxb-2';
    expect((await poster.post({ channel: 'C1', text: 'a' })).ts).toBe('xoxb-2');
    token = 'xoxb-3';
    await expect(poster.post({ channel: 'C1', text: 'a' })).rejects.toThrow('SDK failed to load');
    expect((await poster.post({ channel: 'C1', text: 'a' })).ts).toBe('xoxb-3');
    expect(builds).toEqual(['xoxb-1', 'xoxb-2', 'xoxb-3', 'xoxb-3']);
  });
});

describe('log attributes', () => {
  it('put an Error under error, keep an object as it is, and wrap anything else', () => {
    const error = new Error('boom');
    expect(logAttributes(error)).toEqual({ error });
    expect(logAttributes({ messageId: 'm1', error })).toEqual({ messageId: 'm1', error });
    expect(logAttributes('text')).toEqual({ detail: 'text' });
    expect(logAttributes(undefined)).toEqual({});
  });
});
