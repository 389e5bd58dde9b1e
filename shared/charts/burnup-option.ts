/**
 * The burn-up as an ECharts option. Series differ by line pattern and marker, not by colour
 * alone, so the chart reads the same printed in black and white: actual solid with dots, the pace
 * dotted, the projection dashed, the target a thick solid line, excused windows hatched grey.
 */
import type { BurnupModel } from '../domain/charts/chart-model.js';
import { instantLabel, zonedTimeAxis } from './axis-time.js';
import {
  axisValue,
  formatAxisValue,
  formatModelValue,
  SERIES_COLORS,
  SERIES_NAMES,
  STATUS_WORDS,
  unitAxis,
} from './chart-words.js';
import type { ChartOption } from './echarts-svg.js';

export function burnupOption(model: BurnupModel): ChartOption {
  const { period, zone } = model;
  const value = (v: number) => axisValue(v, model.scale);
  const line = (points: readonly (readonly [number, number])[]) => points.map(([at, v]) => [at, value(v)]);
  const series: object[] = [
    {
      name: SERIES_NAMES.actual,
      type: 'line',
      data: line(model.actual),
      symbol: 'circle',
      symbolSize: 6,
      lineStyle: { width: 3, type: 'solid', color: SERIES_COLORS.actual },
      itemStyle: { color: SERIES_COLORS.actual },
      markArea: {
        silent: true,
        itemStyle: {
          color: 'rgba(120,120,120,0.22)',
          borderColor: '#555',
          borderType: 'dashed',
          borderWidth: 1,
        },
        label: { show: true, position: 'insideTop', color: '#333', fontSize: 11 },
        data: model.excused.map(([from, to]) => [{ xAxis: from, name: 'excused' }, { xAxis: to }]),
      },
      markLine:
        model.now === undefined
          ? undefined
          : {
              silent: true,
              symbol: 'none',
              lineStyle: { type: 'solid', width: 1, color: SERIES_COLORS.now },
              label: {
                formatter: `now · ${instantLabel(model.now, zone)}`,
                position: 'insideEndTop',
                fontSize: 11,
              },
              data: [{ xAxis: model.now }],
            },
    },
    {
      name: SERIES_NAMES.pace,
      type: 'line',
      data: line(model.pace),
      symbol: 'none',
      lineStyle: { width: 2, type: 'dotted', color: SERIES_COLORS.pace },
      itemStyle: { color: SERIES_COLORS.pace },
    },
    {
      name: SERIES_NAMES.target,
      type: 'line',
      data: [
        [period.start, value(model.target)],
        [period.end, value(model.target)],
      ],
      symbol: 'none',
      lineStyle: { width: 2, type: 'solid', color: SERIES_COLORS.target },
      itemStyle: { color: SERIES_COLORS.target },
      endLabel: {
        show: true,
        formatter: `target ${formatModelValue(model.target, model.scale, model.unit)}`,
        fontSize: 11,
      },
    },
  ];
  if (model.projection) {
    series.push({
      name: SERIES_NAMES.projection,
      type: 'line',
      data: line(model.projection),
      symbol: ['none', 'triangle'],
      symbolSize: 8,
      lineStyle: { width: 2, type: [8, 5], color: SERIES_COLORS.projection },
      itemStyle: { color: SERIES_COLORS.projection },
    });
  }
  return {
    title: {
      text: `${model.title}: burn-up of ${period.key}`,
      subtext: `${STATUS_WORDS[model.status]} · ${model.unit === '%' ? 'share' : model.unit} to date · times in ${zone}`,
      left: 12,
      top: 6,
      textStyle: { fontSize: 15, fontWeight: 600 },
      subtextStyle: { fontSize: 11, color: '#444' },
    },
    legend: { top: 50, left: 12, itemWidth: 28, data: series.map((s) => (s as { name: string }).name) },
    grid: { left: 64, right: 96, top: 84, bottom: 52 },
    xAxis: zonedTimeAxis(period.start, period.end, zone),
    yAxis: unitAxis(model.unit, (v: number) => formatAxisValue(v, model.scale), 0),
    series,
  };
}
