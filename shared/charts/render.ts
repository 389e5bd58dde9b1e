/** Chart models to SVG text or PNG bytes. Heavy: reached only through `index.ts`'s lazy import. */
import type { ChartModel, OverviewModel } from '../domain/charts/chart-model.js';
import { budgetOption } from './budget-option.js';
import { burnupOption } from './burnup-option.js';
import { type ChartOption, renderSvg } from './echarts-svg.js';
import { historyOption } from './history-option.js';
import { OVERVIEW_CHROME_HEIGHT, OVERVIEW_ROW_HEIGHT, overviewOption } from './overview-option.js';
import { svgToPng } from './png.js';

export type ChartFormat = 'svg' | 'png';

export interface RenderedChart {
  contentType: 'image/svg+xml' | 'image/png';
  body: string | Uint8Array;
  width: number;
  height: number;
}

export const DEFAULT_CHART_SIZE = { width: 800, height: 420 } as const;
export const OVERVIEW_WIDTH = 720;

/** The chart's own title and subtitle, as one line. */
function titleOf(option: ChartOption): string {
  const title = option.title as { text?: string; subtext?: string } | undefined;
  return [title?.text, title?.subtext].filter(Boolean).join(' · ');
}

function optionOf(model: ChartModel): ChartOption {
  switch (model.kind) {
    case 'burnup':
      return burnupOption(model);
    case 'history':
      return historyOption(model);
    case 'budget':
      return budgetOption(model);
  }
}

export async function renderOption(
  option: ChartOption,
  format: ChartFormat,
  width: number,
  height: number,
): Promise<RenderedChart> {
  const svg = renderSvg(option, width, height, titleOf(option));
  if (format === 'svg') return { contentType: 'image/svg+xml', body: svg, width, height };
  return { contentType: 'image/png', body: await svgToPng(svg, width), width, height };
}

export function renderModel(
  model: ChartModel,
  format: ChartFormat,
  size: { width?: number; height?: number } = {},
): Promise<RenderedChart> {
  const width = size.width ?? DEFAULT_CHART_SIZE.width;
  const height = size.height ?? DEFAULT_CHART_SIZE.height;
  return renderOption(optionOf(model), format, width, height);
}

export function renderOverview(model: OverviewModel, format: ChartFormat, width = OVERVIEW_WIDTH) {
  const height = OVERVIEW_CHROME_HEIGHT + Math.max(1, model.rows.length) * OVERVIEW_ROW_HEIGHT;
  return renderOption(overviewOption(model), format, width, height);
}
