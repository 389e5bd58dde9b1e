/**
 * The files the PNG renderer needs at run time: resvg's WebAssembly and the Inter fonts, shipped
 * from their npm packages (never downloaded). From source they are read out of node_modules; a
 * Lambda bundle carries copies in CHART_ASSET_FOLDER next to index.mjs (see split-bundle.ts),
 * found through LAMBDA_TASK_ROOT, which the Lambda runtime sets to the bundle's folder.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const CHART_ASSET_FOLDER = 'chart-assets';

/** Each asset: the package path it is resolved by, and the name its copy has in the bundle. */
export const CHART_ASSETS = {
  wasm: { specifier: '@resvg/resvg-wasm/index_bg.wasm', file: 'resvg.wasm' },
  regular: {
    specifier: '@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf',
    file: 'Inter-Regular.ttf',
  },
  semiBold: {
    specifier: '@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf',
    file: 'Inter-SemiBold.ttf',
  },
} as const;

export type ChartAssetName = keyof typeof CHART_ASSETS;

/** Where an asset is read from: the bundle's copy when running from a bundle, else node_modules. */
export function chartAssetPath(name: ChartAssetName, taskRoot = process.env.LAMBDA_TASK_ROOT): string {
  const asset = CHART_ASSETS[name];
  if (taskRoot) return join(taskRoot, CHART_ASSET_FOLDER, asset.file);
  return packageAssetPath(name);
}

/** The asset in node_modules. Both packages let it be resolved: resvg lists its .wasm, the fonts have no exports map. */
export function packageAssetPath(name: ChartAssetName): string {
  return createRequire(import.meta.url).resolve(CHART_ASSETS[name].specifier);
}

export async function readChartAsset(name: ChartAssetName): Promise<Uint8Array> {
  return new Uint8Array(await readFile(chartAssetPath(name)));
}
