/** The error budget left over a period: a stepped line that falls with each miss, zero marked. */
import type { BudgetModel } from '../domain/charts/chart-model.js';
import { formatAmount } from '../domain/readable-numbers.js';
import { instantLabel, zonedTimeAxis } from './axis-time.js';
import { SERIES_COLORS, SERIES_NAMES, unitAxis } from './chart-words.js';
import type { ChartOption } from './echarts-svg.js';

export function budgetOption(model: BudgetModel): ChartOption {
  const { period, zone } = model;
  return {
    title: {
      text: `${model.title}: error budget of ${period.key}`,
      subtext:
        model.remaining.length === 0
          ? `Nothing judged yet in ${period.key}: no budget to show · times in ${zone}`
          : `${model.unit} still allowed (${formatAmount(model.allowed)} allowed so far) · times in ${zone}`,
      left: 12,
      top: 6,
      textStyle: { fontSize: 15, fontWeight: 600 },
      subtextStyle: { fontSize: 11, color: '#444' },
    },
    legend: { top: 50, left: 12, data: [SERIES_NAMES.remaining] },
    grid: { left: 64, right: 28, top: 84, bottom: 52 },
    xAxis: zonedTimeAxis(period.start, period.end, zone),
    yAxis: unitAxis(model.unit, (v: number) => formatAmount(v)),
    series: [
      {
        name: SERIES_NAMES.remaining,
        type: 'line',
        step: 'end',
        data: model.remaining.map(([at, v]) => [at, v]),
        symbol: 'circle',
        symbolSize: 6,
        lineStyle: { width: 3, color: SERIES_COLORS.actual },
        itemStyle: { color: SERIES_COLORS.actual },
        areaStyle: { color: 'rgba(29,78,216,0.12)' },
        markLine: {
          silent: true,
          symbol: 'none',
          data: [
            {
              yAxis: 0,
              name: 'exhausted',
              lineStyle: { type: 'dashed', width: 2, color: '#b91c1c' },
              label: { formatter: 'budget exhausted', position: 'insideEndTop', fontSize: 11 },
            },
            ...(model.now === undefined
              ? []
              : [
                  {
                    xAxis: model.now,
                    lineStyle: { type: 'solid', width: 1, color: SERIES_COLORS.now },
                    label: {
                      formatter: `now · ${instantLabel(model.now, zone)}`,
                      position: 'insideEndTop',
                      fontSize: 11,
                    },
                  },
                ]),
          ],
        },
      },
    ],
  };
}
