import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Interval,
  intersectIntervals,
  mergeIntervals,
  subtractIntervals,
  totalLength,
} from '../../../shared/domain/measures/intervals.js';

describe('intervals', () => {
  it('merges overlapping and touching intervals and drops empty ones', () => {
    expect(
      mergeIntervals([
        [5, 8],
        [0, 2],
        [2, 3],
        [7, 10],
        [4, 4],
      ]),
    ).toEqual([
      [0, 3],
      [5, 10],
    ]);
  });

  it('subtracts holes, including an endless one', () => {
    expect(
      subtractIntervals(
        [
          [0, 10],
          [20, 30],
        ],
        [
          [2, 4],
          [8, 22],
          [25, Number.POSITIVE_INFINITY],
        ],
      ),
    ).toEqual([
      [0, 2],
      [4, 8],
      [22, 25],
    ]);
  });

  it('intersects', () => {
    expect(
      intersectIntervals(
        [
          [0, 10],
          [20, 30],
        ],
        [[5, 25]],
      ),
    ).toEqual([
      [5, 10],
      [20, 25],
    ]);
  });

  it('splits any set into the part inside a mask and the part outside it', () => {
    const interval = fc
      .tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 200 }))
      .map(([from, length]): Interval => [from, from + length]);
    const set = fc.array(interval, { maxLength: 6 });
    fc.assert(
      fc.property(set, set, (base, mask) => {
        const inside = totalLength(intersectIntervals(base, mask));
        const outside = totalLength(subtractIntervals(base, mask));
        expect(inside + outside).toBe(totalLength(base));
      }),
      { numRuns: 300 },
    );
  });
});
