/**
 * The last closed periods as bars of attainment against the 100% line. Met bars are solid,
 * breached ones hatched and labelled with the credit owed, so the outcome reads without colour.
 */
import type { HistoryModel, HistoryRow } from '../domain/charts/chart-model.js';
import { creditWords, formatAmount } from '../domain/readable-numbers.js';
import { fullTargetLine, SERIES_NAMES } from './chart-words.js';
import type { ChartOption } from './echarts-svg.js';

const MET_COLOR = '#15803d';
const BREACHED_COLOR = '#b91c1c';
const NO_DATA_COLOR = '#9ca3af';

/** Breached bars carry diagonal hatching, so black-and-white prints still tell them apart. */
const HATCH = {
  symbol: 'rect',
  symbolSize: 1,
  dashArrayX: [1, 0],
  dashArrayY: [3, 3],
  rotation: Math.PI / 4,
  color: '#ffffff',
};

export function historyOption(model: HistoryModel): ChartOption {
  const percent = (row: HistoryRow) => (row.attainment === null ? 0 : Math.round(row.attainment * 1000) / 10);
  const only = (status: HistoryRow['status']) =>
    model.rows.map((row) => (row.status === status ? percent(row) : null));
  const label = (row: HistoryRow) => {
    const share = row.attainment === null ? 'n/a' : `${formatAmount(percent(row))}%`;
    return row.credit > 0 ? `${share}\n${creditWords(row.credit, row.creditUnit)}` : share;
  };
  const bar = (name: string, status: HistoryRow['status'], color: string, decal?: object) => ({
    name,
    type: 'bar',
    stack: 'attainment',
    barMaxWidth: 40,
    data: only(status),
    itemStyle: { color, borderColor: '#111', borderWidth: 1, ...(decal ? { decal } : {}) },
    label: {
      show: true,
      position: 'top',
      fontSize: 10,
      formatter: ({ dataIndex }: { dataIndex: number }) => {
        const row = model.rows[dataIndex];
        return row && row.status === status ? label(row) : '';
      },
    },
  });
  const lastCredit = model.rows.reduce((sum, row) => sum + row.credit, 0);
  const creditUnit = model.rows.find((row) => row.credit > 0)?.creditUnit;
  const rule = model.comparator === 'atMost' ? 'at most 100% of the limit' : 'at least 100% of the target';
  return {
    aria: { enabled: true, decal: { show: true } },
    title: {
      text: `${model.title}: ${model.rows.length === 1 ? 'the last closed period' : `last ${model.rows.length} closed periods`}`,
      subtext: `Attainment (%), met when ${rule}${
        creditUnit ? ` · credits owed: ${creditWords(lastCredit, creditUnit)}` : ' · no credits owed'
      }`,
      left: 12,
      top: 6,
      textStyle: { fontSize: 15, fontWeight: 600 },
      subtextStyle: { fontSize: 11, color: '#444' },
    },
    legend: { top: 50, left: 12, data: [SERIES_NAMES.met, SERIES_NAMES.breached, SERIES_NAMES.noData] },
    grid: { left: 64, right: 28, top: 96, bottom: 52 },
    xAxis: {
      type: 'category',
      name: `Period (${model.zone})`,
      nameLocation: 'middle',
      nameGap: 30,
      data: model.rows.map((row) => row.period),
      axisLabel: { interval: 0, fontSize: 10 },
    },
    yAxis: {
      type: 'value',
      name: 'attainment (%)',
      nameLocation: 'middle',
      nameGap: 44,
      min: 0,
      axisLabel: { formatter: (v: number) => `${formatAmount(v)}%` },
      splitLine: { lineStyle: { color: '#e4e4e4' } },
    },
    series: [
      {
        ...bar(SERIES_NAMES.met, 'met', MET_COLOR),
        markLine: fullTargetLine('yAxis', 'insideStartTop', 11),
      },
      bar(SERIES_NAMES.breached, 'breached', BREACHED_COLOR, HATCH),
      bar(SERIES_NAMES.noData, 'no_data', NO_DATA_COLOR),
    ],
  };
}
