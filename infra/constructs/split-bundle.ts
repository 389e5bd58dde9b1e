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
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';

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
  return result.metafile;
}

const [entry, outdir] = process.argv.slice(2);
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && entry && outdir) {
  await splitBundle({ root: process.cwd(), entry, outdir });
}
