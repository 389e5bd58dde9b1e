/**
 * A sparkline of a few numbers: `▂▃▅▇`. It shows the shape of a series, so the scale runs from
 * its lowest to its highest point; `minSpan` keeps noise from looking like a cliff (a series
 * that moves less than that is drawn around the middle). Missing points are `·`; leading
 * missing points (before the commitment existed) are left out.
 */

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
export const SPARK_GAP = '·';

export function sparkline(points: ReadonlyArray<number | null>, minSpan = 0): string {
  const first = points.findIndex((p) => p !== null && Number.isFinite(p));
  if (first < 0) return '';
  const shown = points.slice(first);
  const values = shown.filter((p): p is number => p !== null && Number.isFinite(p));
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = Math.max(hi - lo, minSpan);
  // Centre a narrow series inside the widened span.
  const base = (lo + hi) / 2 - span / 2;
  const top = BARS.length - 1;
  return shown
    .map((p) => {
      if (p === null || !Number.isFinite(p)) return SPARK_GAP;
      const level = span === 0 ? Math.round(top / 2) : Math.round(((p - base) / span) * top);
      return BARS[Math.min(top, Math.max(0, level))] as string;
    })
    .join('');
}
