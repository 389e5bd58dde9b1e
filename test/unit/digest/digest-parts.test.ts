import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditsIn, creditWindows } from '../../../shared/domain/digest/credits.js';
import { daysBetween, isReviewDue, reviewDueOn } from '../../../shared/domain/digest/review-due.js';
import { sparkline } from '../../../shared/domain/digest/sparkline.js';
import {
  healthScore,
  trendOf,
  trendTolerance,
  weeklyScores,
  weeksEndingWith,
} from '../../../shared/domain/digest/trend.js';
import type { Evaluation } from '../../../shared/domain/evaluate.js';
import { wrap } from '../../../shared/presentation/digest/plain-text.js';
import {
  MESSAGE_BYTE_BUDGET,
  packMessages,
  sectionsFromEntries,
  utf8Length,
} from '../../../shared/slack/block-packing.js';
import { header } from '../../../shared/slack/blocks.js';

const NY = 'America/New_York';
const at = (iso: string) => Date.parse(iso);

describe('sparkline', () => {
  it('draws the shape of a series from its lowest to its highest point', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([1.1, 1.05, 1, 0.9, 0.8, 0.62])).toBe('█▇▇▅▄▁');
  });

  it('leaves out weeks before the first point and marks later gaps', () => {
    expect(sparkline([null, null, 1, null, 2])).toBe('▁·█');
    expect(sparkline([null, null])).toBe('');
  });

  it('draws a flat or nearly flat series around the middle', () => {
    expect(sparkline([0.99, 0.99, 0.99])).toBe('▅▅▅');
    // Moving less than the minimum span looks like noise, not a cliff.
    expect(sparkline([0.995, 1.0], 0.1)).toBe('▄▅');
  });
});

describe('trend', () => {
  const total = { measure: 'total' as const, comparator: 'atLeast' as const };
  const ev = (numbers: Partial<Evaluation>): Evaluation => ({
    commitmentId: 'x',
    period: '2026-11',
    measure: 'total',
    status: 'on_track',
    actual: 40,
    target: 100,
    expected: 40,
    projected: 80,
    attainment: 0.4,
    elapsed: 0.5,
    unit: 'leads',
    evaluatedAt: '2026-11-13T12:00:00-05:00',
    ...numbers,
  });

  it('scores a total by its projection, so weeks of one month compare fairly', () => {
    expect(healthScore(ev({}), total)).toBeCloseTo(0.8);
    expect(healthScore(ev({ final: true, actual: 90, projected: null }), total)).toBeCloseTo(0.9);
    expect(healthScore(ev({ status: 'no_data' }), total)).toBeNull();
  });

  it('scores a spending limit higher the less is spent', () => {
    const atMost = { measure: 'total' as const, comparator: 'atMost' as const };
    expect(healthScore(ev({ target: 20000, projected: 25000 }), atMost)).toBeCloseTo(0.8);
    expect(healthScore(ev({ target: 20000, projected: 0 }), atMost)).toBe(2);
  });

  it('represents a week by its last settled snapshot, not by the first minutes of a new month', () => {
    const week = [{ from: '2026-10-26', to: '2026-11-01' }];
    const friday = {
      localDate: '2026-10-30',
      evaluation: ev({ period: '2026-10', elapsed: 0.95, projected: 66 }),
    };
    const sunday = { localDate: '2026-11-01', evaluation: ev({ elapsed: 0.001, actual: 1, projected: 400 }) };
    const justBegun = { localDate: '2026-11-01', evaluation: ev({ elapsed: 0, actual: 0, projected: null }) };
    expect(weeklyScores([sunday, friday], week, total)).toEqual([0.66]);
    expect(weeklyScores([justBegun], week, total)).toEqual([null]);
    expect(weeklyScores([sunday], week, total)).toEqual([2]); // capped at twice the target
  });

  it('reads the direction across the weeks that have a score', () => {
    expect(trendOf([0.8, 0.9], 0.02)).toBe('up');
    expect(trendOf([0.9, null, 0.8], 0.02)).toBe('down');
    expect(trendOf([0.9, 0.91], 0.02)).toBe('flat');
    expect(trendOf([null, 0.9], 0.02)).toBe('new');
    expect(trendOf([0.9, null], 0.02)).toBe('new');
  });

  it('counts a fifth of an objective’s allowance as a change', () => {
    expect(trendTolerance({ measure: 'availability', objective: 0.995 })).toBeCloseTo(0.001 / 0.995);
    expect(trendTolerance({ measure: 'duration', objective: 0.95 })).toBeCloseTo(0.01 / 0.95);
    expect(trendTolerance({ measure: 'total' })).toBe(0.02);
  });

  it('lists the weeks of the sparkline across a year end', () => {
    expect(weeksEndingWith('2027-W01', 3)).toEqual([
      { key: '2026-W52', from: '2026-12-21', to: '2026-12-27' },
      { key: '2026-W53', from: '2026-12-28', to: '2027-01-03' },
      { key: '2027-W01', from: '2027-01-04', to: '2027-01-10' },
    ]);
  });
});

describe('review due dates', () => {
  it('falls due one cadence after the baseline, clamped to the month end', () => {
    expect(reviewDueOn({ cadence: 'quarter', baseline: '2026-08-20' }, 0, NY)).toBe('2026-11-20');
    expect(reviewDueOn({ cadence: 'month', baseline: '2026-01-31' }, 0, NY)).toBe('2026-02-28');
    expect(reviewDueOn({ cadence: 'half', baseline: '2026-03-15' }, 0, NY)).toBe('2026-09-15');
  });

  it('counts from the local date of creation when no baseline is set (default yearly)', () => {
    // 03:00 UTC on 1 January is still New Year's Eve in New York.
    expect(reviewDueOn(undefined, at('2026-01-01T03:00:00Z'), NY)).toBe('2026-12-31');
  });

  it('lists reviews overdue or due within 14 days', () => {
    expect(isReviewDue('2026-11-30', '2026-11-16')).toBe(true);
    expect(isReviewDue('2026-12-01', '2026-11-16')).toBe(false);
    expect(isReviewDue('2025-01-01', '2026-11-16')).toBe(true);
    // Across the November DST change, days are still whole days.
    expect(daysBetween('2026-10-30', '2026-11-03')).toBe(4);
  });
});

describe('credit windows', () => {
  it('uses the last closed month and its quarter so far', () => {
    const dec7 = creditWindows(at('2026-12-07T13:00:00Z'), NY);
    expect([dec7.month.key, dec7.quarter.key]).toEqual(['2026-11', '2026-Q4']);
    expect(dec7.quarter.start).toBe(at('2026-10-01T04:00:00Z'));
    expect(dec7.quarter.end).toBe(at('2026-12-01T05:00:00Z'));
    const jan4 = creditWindows(at('2027-01-04T13:00:00Z'), NY);
    expect([jan4.month.key, jan4.quarter.key]).toEqual(['2026-12', '2026-Q4']);
  });

  it('counts a credited period in the month in which it ended', () => {
    const { month } = creditWindows(at('2026-11-16T13:00:00Z'), NY); // October
    const owed = creditsIn(
      [
        { department: 'sales', commitmentId: 'a', periodKey: '2026-W43', credit: 3 }, // ends Mon 26 Oct
        { department: 'sales', commitmentId: 'a', periodKey: '2026-W44', credit: 4 }, // ends Mon 2 Nov
        { department: 'it', commitmentId: 'b', periodKey: '2026-10', credit: 5 },
        { department: 'it', commitmentId: 'c', periodKey: '2026-Q3', credit: 9 }, // ended 1 Oct: September
        { department: 'it', commitmentId: 'd', periodKey: 'nonsense', credit: 9 },
      ],
      month,
      NY,
      { it: { id: 'it', name: 'IT', slack: { members: [] }, emails: [] } },
    );
    expect(owed).toEqual([
      {
        department: 'it',
        name: 'IT',
        credits: 5,
        items: [{ commitmentId: 'b', periodKey: '2026-10', credit: 5 }],
      },
      {
        department: 'sales',
        name: 'sales',
        credits: 3,
        items: [{ commitmentId: 'a', periodKey: '2026-W43', credit: 3 }],
      },
    ]);
  });
});

describe('plain-text wrapping', () => {
  it('keeps lines within the width and never splits a word (200 runs)', () => {
    const word = fc.stringMatching(/^[a-z0-9-]{1,20}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), fc.constantFrom('', '  ', '    '), (words, indent) => {
        const lines = wrap(words.join(' '), indent);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(78);
        expect(lines.join(' ').split(/\s+/).filter(Boolean)).toEqual(words);
      }),
      { numRuns: 200 },
    );
  });
});

describe('splitting into Slack messages', () => {
  it('packs entries into sections without splitting one, each within 3,000 characters (200 runs)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 900 }), { maxLength: 40 }), (entries) => {
        const sections = sectionsFromEntries(entries, '*Title*', '\n\n');
        const texts = sections.map((s) => s.text.text);
        for (const text of texts) expect(text.length).toBeLessThanOrEqual(3000);
        if (entries.length > 0) expect(texts.join('\n\n')).toBe(`*Title*\n${entries.join('\n\n')}`);
      }),
      { numRuns: 200 },
    );
  });

  it('starts a new message at 50 blocks and repeats the group heading there', () => {
    const items = Array.from({ length: 120 }, (_, i) => sectionsFromEntries([`entry ${i}`])).flat();
    const messages = packMessages([
      { label: 'A', heading: (c) => [header(c ? 'A (continued)' : 'A')], items: items.slice(0, 70) },
      { label: 'B', heading: (c) => [header(c ? 'B (continued)' : 'B')], items: items.slice(70) },
    ]);
    expect(messages.map((m) => m.blocks.length)).toEqual([50, 50, 24]);
    expect(messages.map((m) => m.labels)).toEqual([['A'], ['A', 'B'], ['B']]);
    expect(messages.map((m) => m.blocks[0]?.type === 'header' && m.blocks[0].text.text)).toEqual([
      'A',
      'A (continued)',
      'B (continued)',
    ]);
  });

  it('keeps each message within its byte budget, even in a script of three-byte characters', () => {
    const entries = Array.from({ length: 60 }, (_, i) => `${i} ${'é'.repeat(200)}${'語'.repeat(200)}`);
    const messages = packMessages([{ label: 'X', heading: () => [], items: sectionsFromEntries(entries) }]);
    for (const m of messages) {
      const bytes = m.blocks.reduce(
        (sum, b) => sum + (b.type === 'section' ? utf8Length(b.text.text) : 0),
        0,
      );
      expect(bytes).toBeLessThanOrEqual(MESSAGE_BYTE_BUDGET);
    }
    // 60 entries of about 1,000 bytes: at most 9 in a message.
    expect(messages.length).toBeGreaterThanOrEqual(7);
  });
});
