/**
 * A function's bundle as deployed: one esbuild run with code splitting, so code a handler reaches
 * only through `await import()` (the Slack SDK, holiday data, the config parser) lands in chunk
 * files that Node reads when that import first runs, not at cold start. In a single-file bundle
 * such code is not run at load, but it is still read and parsed, which for the Slack SDK and the
 * holiday data costs more than running everything else.
 *
 * NodejsFunction writes one file (`--outfile`), so SlaFunction runs this after its own bundling
 * (`node --import tsx infra/constructs/split-bundle.ts <entry> <outdir>`) to replace it; the
 * benchmarks bundle with the same function.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import {
  CHART_ASSET_FOLDER,
  CHART_ASSETS,
  type ChartAssetName,
  packageAssetPath,
} from '../../shared/charts/chart-assets.js';

/** ESM bundles still meet CommonJS dependencies that call `require` (parts of the AWS SDK do). */
export const REQUIRE_SHIM =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export const CHUNK_FOLDER = 'chunks';

export async function splitBundle(options: {
  /** Directory that holds node_modules; esbuild runs from there. */
  root: string;
  entry: string;
  outdir: string;
  external?: string[];
}): Promise<Metafile> {
  const result = await build({
    absWorkingDir: options.root,
    entryPoints: { index: options.entry },
    outdir: options.outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: `${CHUNK_FOLDER}/[name]-[hash]`,
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    minify: true,
    // Error classes take their name from the class; minified names would make the logs say `e`.
    keepNames: true,
    sourcemap: true,
    // Stack traces need line mappings, not a second copy of every source file.
    sourcesContent: false,
    banner: { js: REQUIRE_SHIM },
    external: options.external ?? [],
    metafile: true,
    logLevel: 'warning',
  });
  if (drawsCharts(result.metafile)) copyChartAssets(options.outdir);
  return result.metafile;
}

/** A bundle that contains the PNG renderer needs its WebAssembly and fonts as files beside it. */
export function drawsCharts(metafile: Metafile): boolean {
  return Object.keys(metafile.inputs).some((input) => input.includes('node_modules/@resvg/resvg-wasm/'));
}

/** Copies them from node_modules, where they are read when running from source. */
function copyChartAssets(outdir: string): void {
  const folder = join(outdir, CHART_ASSET_FOLDER);
  mkdirSync(folder, { recursive: true });
  for (const name of Object.keys(CHART_ASSETS) as ChartAssetName[]) {
    copyFileSync(packageAssetPath(name), join(folder, CHART_ASSETS[name].file));
  }
}

const [entry, outdir] = process.argv.slice(2);
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && entry && outdir) {
  await splitBundle({ root: process.cwd(), entry, outdir });
}
