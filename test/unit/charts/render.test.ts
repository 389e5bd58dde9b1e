import { beforeAll, describe, expect, it, vi } from 'vitest';
import { SERIES_COLORS } from '../../../shared/charts/chart-words.js';
import { renderCommitmentChart, renderDigestOverview } from '../../../shared/charts/index.js';
import { budgetModel } from '../../../shared/domain/charts/budget.js';
import { burnupModel } from '../../../shared/domain/charts/burnup.js';
import type { HistoryModel } from '../../../shared/domain/charts/chart-model.js';
import { evaluate } from '../../../shared/domain/evaluate.js';
import type { CommitmentDefinition, Excusal } from '../../../shared/domain/model.js';
import { periodFromKey } from '../../../shared/domain/periods.js';
import { decodePng, svgPaths, svgTexts, valueAxisScale } from '../../support/chart-images.js';
import { followUp, HOUR, leads, ny } from '../domain/judging-fixtures.js';

const DAY = 24 * HOUR;
/** 100 leads a week in Tokyo, wall-time pacing: far from the zone tests run in. */
const tokyo: CommitmentDefinition = {
  ...leads,
  period: 'week',
  timezone: 'Asia/Tokyo',
  calendar: undefined,
  pacing: 'calendar',
};
const week = periodFromKey('2026-W48', 'Asia/Tokyo');
const now = week.start + 3 * DAY;
const excused: Excusal = {
  id: 'x',
  from: week.start + DAY,
  to: week.start + 2 * DAY,
  causedBy: 'sales',
  reason: 'CRM down',
};
const current = evaluate({
  definition: tokyo,
  period: week,
  aggregate: { measure: 'total', sum: 30, count: 30 },
  excusals: [excused],
  at: now,
});
const burnup = burnupModel({
  definition: tokyo,
  period: week,
  excusals: [excused],
  earlier: [],
  current,
  at: now,
});

async function svgOf(model: Parameters<typeof renderCommitmentChart>[0]): Promise<string> {
  const chart = await renderCommitmentChart(model, { format: 'svg' });
  expect(chart.contentType).toBe('image/svg+xml');
  return chart.body as string;
}

// The first render loads the charting library and the WebAssembly renderer: seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000 });
beforeAll(async () => {
  await renderCommitmentChart(burnup, { format: 'png' });
}, 60_000);

const texts = (svg: string) => svgTexts(svg).map((t) => t.text);

describe('burn-up SVG', () => {
  it('has a title, a legend naming every series, and the unit on the value axis', async () => {
    const svg = await svgOf(burnup);
    expect(svg).toMatch(/^<svg width="800" height="420"[^>]* role="img"><title>/);
    // Named for screen readers, as an image's alt text does.
    expect(svg).toContain(`<title>${tokyo.title}: burn-up of 2026-W48 · `);
    expect(texts(svg)).toEqual(
      expect.arrayContaining([
        `${tokyo.title}: burn-up of 2026-W48`,
        'Actual',
        'Pace',
        'Target',
        'Projection',
        'leads',
        'Date (Asia/Tokyo)',
        'excused',
      ]),
    );
  });

  it('writes the time axis in the commitment’s zone: a Tokyo week reads Monday to Monday', async () => {
    const svg = await svgOf(burnup);
    const days = texts(svg).filter((t) => /^[A-Z][a-z]{2} \d+ Nov$/.test(t));
    expect(days).toEqual([
      'Mon 23 Nov',
      'Tue 24 Nov',
      'Wed 25 Nov',
      'Thu 26 Nov',
      'Fri 27 Nov',
      'Sat 28 Nov',
      'Sun 29 Nov',
      'Mon 30 Nov',
    ]);
    expect(texts(svg)).toContain('now · Thu 26 Nov 00:00 GMT+9');
  });

  it('draws the target at its value: 100 leads less the excused seventh', async () => {
    const svg = await svgOf(burnup);
    const y = valueAxisScale(svg);
    const target = svgPaths(svg).filter(
      (p) => p.stroke === SERIES_COLORS.target && /^M[\d.]+ [\d.]+L[\d.]+ [\d.]+$/.test(p.d),
    );
    const ys = target
      .map((p) => p.d.match(/[\d.]+/g)?.map(Number))
      .find((n) => n && n[1] === n[3] && n[0] === 64);
    expect(ys?.[1]).toBeCloseTo(y((100 * 6) / 7), 0);
    expect(texts(svg)).toContain('target 85.71 leads');
  });

  it('tells the lines apart without colour: the pace dotted, the projection dashed, actual solid', async () => {
    const svg = await svgOf(burnup);
    const paths = svgPaths(svg);
    const stroked = (color: string) => paths.filter((p) => p.stroke === color && p.fill === 'none');
    expect(stroked(SERIES_COLORS.projection).some((p) => p.dash === '8,5')).toBe(true);
    expect(stroked(SERIES_COLORS.pace).some((p) => p.dash !== undefined && p.dash !== '8,5')).toBe(true);
    expect(stroked(SERIES_COLORS.actual).some((p) => p.dash === undefined)).toBe(true);
    // Points on the actual line, a marker at the projection's end.
    expect(
      paths.filter((p) => p.fill === SERIES_COLORS.actual || p.stroke === SERIES_COLORS.actual).length,
    ).toBeGreaterThan(2);
  });

  it('shows objectives in percent against the objective', async () => {
    const november = periodFromKey('2026-11', followUp.timezone);
    const at = ny('2026-11-18T10:00');
    const evaluation = evaluate({
      definition: followUp,
      period: november,
      aggregate: { measure: 'duration', completed: 20, completedWithin: 19, openOverdue: 0 },
      excusals: [],
      at,
    });
    const svg = await svgOf(
      burnupModel({
        definition: followUp,
        period: november,
        excusals: [],
        earlier: [],
        current: evaluation,
        at,
      }),
    );
    expect(texts(svg)).toEqual(expect.arrayContaining(['%', 'target 95%']));
    const budget = budgetModel({
      definition: followUp,
      period: november,
      earlier: [],
      current: evaluation,
      at,
    });
    const budgetSvg = await svgOf(budget);
    expect(texts(budgetSvg)).toEqual(
      expect.arrayContaining(['late leads', 'Budget left', 'budget exhausted']),
    );
  });
});

describe('history SVG', () => {
  const history: HistoryModel = {
    kind: 'history',
    commitmentId: leads.id,
    title: leads.title,
    zone: leads.timezone,
    comparator: 'atLeast',
    rows: [
      { period: '2026-09', status: 'met', attainment: 1.1, credit: 0, creditUnit: 'credits' },
      { period: '2026-10', status: 'breached', attainment: 0.75, credit: 15, creditUnit: 'credits' },
    ],
  };

  it('labels each period, notes the credit owed, and hatches breached bars', async () => {
    const svg = await svgOf(history);
    expect(texts(svg)).toEqual(
      expect.arrayContaining([
        '2026-09',
        '2026-10',
        '110%',
        '75%',
        '15 credits',
        'Met',
        'Breached',
        'attainment (%)',
      ]),
    );
    expect(svg).toContain('<pattern');
    const y = valueAxisScale(svg);
    const lines = svgPaths(svg).filter((p) => p.stroke === SERIES_COLORS.target);
    const ends = lines.map((p) => p.d.match(/[\d.]+/g)?.map(Number) ?? []).filter((n) => n.length === 4);
    expect(ends.some(([, y1, , y2]) => y1 === y2 && Math.abs((y1 ?? 0) - y(100)) < 1)).toBe(true);
  });
});

describe('PNG', () => {
  it('renders a burn-up that decodes at the size asked for', async () => {
    const chart = await renderCommitmentChart(burnup, { format: 'png', width: 640, height: 360 });
    expect(chart.contentType).toBe('image/png');
    const png = decodePng(chart.body as Uint8Array);
    expect({ width: png.width, height: png.height }).toEqual({ width: 640, height: 360 });
    expect(png.dataBytes).toBe(png.height * png.bytesPerRow);
  });

  it('renders the digest overview one row per commitment', async () => {
    const rows = [leads, followUp].map((d, i) => ({
      commitmentId: d.id,
      title: d.title,
      status: i ? ('at_risk' as const) : ('on_track' as const),
      attainment: 0.5,
      expected: 0.4,
    }));
    const svg = await renderDigestOverview({ title: 'Week 2026-W48', rows }, { format: 'svg' });
    expect(texts(svg.body as string)).toEqual(expect.arrayContaining(['50% · on track', '50% · at risk']));
    const png = decodePng(
      (await renderDigestOverview({ title: 'Week 2026-W48', rows }, { format: 'png' })).body as Uint8Array,
    );
    expect(png.width).toBe(720);
    expect(png.height).toBe(110 + 2 * 34);
  });
});
