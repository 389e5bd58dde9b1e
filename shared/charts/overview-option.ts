/**
 * The digest's overview: one horizontal bar per commitment, attainment so far against where the
 * pace says it should be. Compact enough to read in a Slack preview; status is written beside
 * each bar, so nothing depends on colour.
 */
import type { OverviewModel } from '../domain/charts/chart-model.js';
import { formatAmount } from '../domain/readable-numbers.js';
import { fullTargetLine, SERIES_NAMES, STATUS_WORDS } from './chart-words.js';
import type { ChartOption } from './echarts-svg.js';

const STATUS_COLORS = {
  on_track: '#15803d',
  met: '#15803d',
  at_risk: '#b45309',
  breached: '#b91c1c',
  no_data: '#9ca3af',
} as const;

/** Pixels per commitment row of the overview. */
export const OVERVIEW_ROW_HEIGHT = 34;
export const OVERVIEW_CHROME_HEIGHT = 110;

export function overviewOption(model: OverviewModel): ChartOption {
  // Top to bottom in the order given: ECharts draws categories bottom-up.
  const rows = [...model.rows].reverse();
  const percent = (share: number | null) => (share === null ? 0 : Math.round(share * 1000) / 10);
  return {
    title: {
      text: model.title,
      subtext: 'Attainment so far (%) against the pace expected by now',
      left: 12,
      top: 6,
      textStyle: { fontSize: 15, fontWeight: 600 },
      subtextStyle: { fontSize: 11, color: '#444' },
    },
    legend: { top: 48, left: 12, data: [SERIES_NAMES.attainment, SERIES_NAMES.expected] },
    grid: { left: 250, right: 120, top: 76, bottom: 40 },
    xAxis: {
      type: 'value',
      name: 'attainment (%)',
      nameLocation: 'middle',
      nameGap: 22,
      min: 0,
      max: (extent: { max: number }) => Math.max(100, Math.ceil(extent.max / 10) * 10),
      axisLabel: { formatter: (v: number) => `${formatAmount(v)}%` },
      splitLine: { lineStyle: { color: '#e4e4e4' } },
    },
    yAxis: {
      type: 'category',
      data: rows.map((row) => row.title),
      // ECharts measures text with a generic font, narrower than Inter: the margin leaves room for that.
      axisLabel: { width: 200, overflow: 'truncate', fontSize: 11 },
    },
    series: [
      {
        name: SERIES_NAMES.attainment,
        type: 'bar',
        barMaxWidth: 18,
        data: rows.map((row) => ({
          value: percent(row.attainment),
          itemStyle: { color: STATUS_COLORS[row.status], borderColor: '#111', borderWidth: 1 },
        })),
        label: {
          show: true,
          position: 'right',
          distance: 12,
          fontSize: 10,
          formatter: ({ dataIndex }: { dataIndex: number }) => {
            const row = rows[dataIndex];
            if (!row) return '';
            const share = row.attainment === null ? 'n/a' : `${formatAmount(percent(row.attainment))}%`;
            return `${share} · ${STATUS_WORDS[row.status]}`;
          },
        },
        markLine: fullTargetLine('xAxis', 'end', 10),
      },
      {
        name: SERIES_NAMES.expected,
        type: 'line',
        data: rows.flatMap((row) => (row.expected === null ? [] : [[percent(row.expected), row.title]])),
        symbol: 'diamond',
        symbolSize: 11,
        lineStyle: { opacity: 0 },
        itemStyle: { color: '#111827' },
      },
    ],
  };
}
