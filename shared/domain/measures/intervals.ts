/**
 * Half-open instant intervals [from, to) and the set operations the measures need:
 * excusals overlap each other, pauses cut timers, outages are intersected with open hours.
 * Working on epoch milliseconds is safe here: an interval is a stretch of real time, so no
 * local-time arithmetic is involved.
 */
import type { Instant } from '../model.js';

export type Interval = readonly [Instant, Instant];

/** Sorted, non-overlapping, non-empty intervals; touching ones are joined. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter(([from, to]) => to > from).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[Instant, Instant]> = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) {
      last[1] = Math.max(last[1], to);
    } else {
      merged.push([from, to]);
    }
  }
  return merged;
}

/** Each interval cut to [from, to); empty pieces dropped. */
export function clipIntervals(intervals: readonly Interval[], from: Instant, to: Instant): Interval[] {
  const clipped: Interval[] = [];
  for (const [a, b] of intervals) {
    const start = Math.max(a, from);
    const end = Math.min(b, to);
    if (end > start) clipped.push([start, end]);
  }
  return clipped;
}

/** The parts of `base` covered by `mask`. Both may be unsorted or overlapping. */
export function intersectIntervals(base: readonly Interval[], mask: readonly Interval[]): Interval[] {
  const a = mergeIntervals(base);
  const b = mergeIntervals(mask);
  const result: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [aFrom, aTo] = a[i] as Interval;
    const [bFrom, bTo] = b[j] as Interval;
    const from = Math.max(aFrom, bFrom);
    const to = Math.min(aTo, bTo);
    if (to > from) result.push([from, to]);
    if (aTo < bTo) i += 1;
    else j += 1;
  }
  return result;
}

/** The parts of `base` not covered by `cut`. */
export function subtractIntervals(base: readonly Interval[], cut: readonly Interval[]): Interval[] {
  const holes = mergeIntervals(cut);
  const result: Interval[] = [];
  for (const [from, to] of mergeIntervals(base)) {
    let cursor = from;
    for (const [holeFrom, holeTo] of holes) {
      if (holeTo <= cursor) continue;
      if (holeFrom >= to) break;
      if (holeFrom > cursor) result.push([cursor, holeFrom]);
      cursor = Math.max(cursor, holeTo);
      if (cursor >= to) break;
    }
    if (cursor < to) result.push([cursor, to]);
  }
  return result;
}

/** Total length in milliseconds, counting overlaps once. */
export function totalLength(intervals: readonly Interval[]): number {
  return mergeIntervals(intervals).reduce((sum, [from, to]) => sum + (to - from), 0);
}
