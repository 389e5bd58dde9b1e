import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sparkline } from '../../../shared/domain/digest/sparkline.js';
import { trendOf, weeksShown } from '../../../shared/domain/digest/trend.js';
import { progressWords, trendWords } from '../../../shared/presentation/digest/digest-words.js';

const TOLERANCE = 0.02;
const BARS = '▁▂▃▄▅▆▇█';
const draw = (points: Array<number | null>) => sparkline(points, 5 * TOLERANCE);

/** Scores of a monotone run: a start and non-negative steps, some weeks left without a score. */
const monotoneRun = fc
  .record({
    start: fc.double({ min: 0.3, max: 1.5, noNaN: true }),
    steps: fc.array(fc.double({ min: 0, max: 0.3, noNaN: true }), { minLength: 1, maxLength: 5 }),
    gaps: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    falling: fc.boolean(),
  })
  .map(({ start, steps, gaps, falling }) => {
    let value = start;
    const points: Array<number | null> = [value];
    for (const step of steps) {
      value += falling ? -step : step;
      points.push(value);
    }
    // Gaps never hide the reported week: that one always has a score.
    const withGaps = points.map((p, i) => (i > 0 && i < points.length - 1 && gaps[i] ? null : p));
    return { points: withGaps, falling };
  });

describe('the trend word reads the same weeks as the sparkline', () => {
  it('calls a slide worsening even when the last two weeks match', () => {
    const points = [1.0, 0.8, 0.75, 0.75];
    expect(draw(points)).toBe('█▂▁▁');
    expect(trendOf(points, TOLERANCE)).toBe('down');
  });

  it('keeps a noisy but level run steady, and a dip it came back from does not make it a slide', () => {
    expect(trendOf([0.9, 0.91, 0.89, 0.9, 0.905, 0.9], TOLERANCE)).toBe('flat');
    expect(trendOf([0.9, 0.9, 0.6, 0.6, 0.9, 0.9], TOLERANCE)).toBe('flat');
    // The last week alone recovering does not undo five weeks of slide.
    expect(trendOf([1.2, 1.1, 1.0, 0.9, 0.8, 0.9], TOLERANCE)).toBe('down');
  });

  it('never says steady when the bars rise or fall monotonically by three levels or more', () => {
    fc.assert(
      fc.property(monotoneRun, ({ points, falling }) => {
        const bars = [...draw(points)].filter((c) => c !== '·').map((c) => BARS.indexOf(c));
        const moved = (bars.at(-1) as number) - (bars[0] as number);
        fc.pre(Math.abs(moved) >= 3);
        expect(trendOf(points, TOLERANCE)).toBe(falling ? 'down' : 'up');
      }),
      { numRuns: 2000 },
    );
  });

  it('follows a monotone run whose scores move by twice the tolerance', () => {
    fc.assert(
      fc.property(monotoneRun, ({ points, falling }) => {
        const scored = points.filter((p): p is number => p !== null);
        fc.pre(Math.abs((scored.at(-1) as number) - (scored[0] as number)) >= 2 * TOLERANCE);
        expect(trendOf(points, TOLERANCE)).toBe(falling ? 'down' : 'up');
      }),
      { numRuns: 2000 },
    );
  });

  it('counts the weeks the sparkline shows, from the first scored week', () => {
    expect(weeksShown([null, null, 1, null, 2, 2])).toBe(4);
    expect(draw([null, null, 1, null, 2, 2])).toHaveLength(4);
    expect(weeksShown([null, null])).toBe(0);
  });

  it('names the window in the digest line', () => {
    expect(trendWords({ trend: 'down', trendWeeks: 6 })).toBe('trend over 6 weeks: worsening');
    expect(trendWords({ trend: 'new', trendWeeks: 1 })).toBe('trend new');
    const line = progressWords(
      { attainment: 0.75, trend: 'down', trendWeeks: 4, sparkline: '█▃▂▂' } as Parameters<
        typeof progressWords
      >[0],
      { percent: (n: number) => `${Math.round(n * 100)}%` } as Parameters<typeof progressWords>[1],
    );
    expect(line).toBe('attainment 75% · trend over 4 weeks: worsening █▃▂▂');
  });
});
