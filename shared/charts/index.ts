/**
 * Charts of commitments, drawn on the server as SVG or PNG. Importing this module is cheap: the
 * charting library and the WebAssembly renderer load on the first render, so the functions that
 * import it pay for them only when they draw.
 */
import type { ChartModel, OverviewModel } from '../domain/charts/chart-model.js';
import type { ChartFormat, RenderedChart } from './render.js';

export type { ChartKind, ChartModel, OverviewModel, OverviewRow } from '../domain/charts/chart-model.js';
export type { ChartFormat, RenderedChart } from './render.js';

export const CHART_CONTENT_TYPES = { svg: 'image/svg+xml', png: 'image/png' } as const;

const renderer = () => import('./render.js');

export interface ChartRenderOptions {
  format: ChartFormat;
  /** Pixels; 800 × 420 unless given. */
  width?: number;
  height?: number;
}

/** One commitment's burn-up, history or budget chart. */
export async function renderCommitmentChart(
  model: ChartModel,
  options: ChartRenderOptions,
): Promise<RenderedChart> {
  const { renderModel } = await renderer();
  return renderModel(model, options.format, options);
}

/** Every commitment in one compact image (a bar per commitment), for the weekly digest. */
export async function renderDigestOverview(
  model: OverviewModel,
  options: { format: ChartFormat; width?: number },
): Promise<RenderedChart> {
  const { renderOverview } = await renderer();
  return renderOverview(model, options.format, options.width);
}
