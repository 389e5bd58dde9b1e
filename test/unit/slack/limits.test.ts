import { describe, expect, it } from 'vitest';
import { clampMessage, TRUNCATION_NOTE, truncate } from '../../../shared/slack/limits.js';
import { checkSlackLimits } from './check-slack-limits.js';

describe('truncate', () => {
  it('leaves text that fits alone', () => {
    expect(truncate('62 / 100 leads', 20)).toBe('62 / 100 leads');
  });

  it('cuts to the limit, marker included', () => {
    const cut = truncate('a'.repeat(200), 150);
    expect(cut).toHaveLength(150);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never splits an emoji (a surrogate pair)', () => {
    const cut = truncate(`${'a'.repeat(8)}😀😀😀`, 10);
    expect(cut).toBe('aaaaaaaa…');
    expect(() => encodeURIComponent(cut)).not.toThrow();
  });

  it('never splits a mention or a date token', () => {
    expect(truncate('Sent to <@U0MKTLEAD> and <#C0SALES>', 20)).toBe('Sent to…');
    const date = 'at <!date^1795017900^{date_short_pretty} at {time}|2026-11-18 16:05 UTC> ok';
    expect(truncate(date, 40)).toBe('at…');
  });

  it('keeps text before a literal < that is far back', () => {
    const text = `1 < 2 ${'x'.repeat(300)}`;
    expect(truncate(text, 200)).toHaveLength(200);
  });
});

describe('clampMessage', () => {
  it('brings every part of an oversized message within Slack limits and says what was cut', () => {
    const message = clampMessage({
      text: 't'.repeat(10_000),
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(400) } },
        { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(5000) } },
        {
          type: 'section',
          fields: Array.from({ length: 12 }, () => ({ type: 'mrkdwn', text: 'f'.repeat(2500) })),
        },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              text: { type: 'plain_text', text: 'b'.repeat(100) },
              action_id: 'x',
              value: 'v',
            },
          ],
        },
        ...Array.from({ length: 60 }, () => ({ type: 'divider' })),
      ],
    });
    checkSlackLimits(message);
    expect(message.blocks).toHaveLength(50);
    const section = message.blocks[1] as { text: { text: string } };
    expect(section.text.text.endsWith(TRUNCATION_NOTE)).toBe(true);
    expect(JSON.stringify(message.blocks[49])).toContain('15 more blocks left out');
  });

  it('returns a message that fits unchanged', () => {
    const message = { text: 'hi', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] };
    expect(clampMessage(message)).toEqual(message);
  });
});
