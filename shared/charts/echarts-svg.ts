/**
 * ECharts' server-side SVG renderer, with only the chart types and components these charts use
 * (the full build is three times the code to read on first use).
 */
import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  SVGRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/** The family the PNG renderer is given; SVG viewers fall back to any sans-serif. */
export const CHART_FONT = 'Inter, sans-serif';

/**
 * `title` names the image for screen readers and as a tooltip (SVG's own `<title>`), as an `alt`
 * text does for a picture.
 */
export function renderSvg(option: ChartOption, width: number, height: number, title: string): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: CHART_FONT, color: '#1f1f1f' },
      ...option,
    });
    return withTitle(chart.renderToSVGString(), title);
  } finally {
    chart.dispose();
  }
}

function withTitle(svg: string, title: string): string {
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return svg.replace(/^<svg([^>]*)>/, `<svg$1 role="img"><title>${escaped}</title>`);
}
