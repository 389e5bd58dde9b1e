import { statSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';

/** The banner SlaFunction (infra/constructs/sla-function.ts) puts on every ESM bundle. */
export const REQUIRE_SHIM =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export interface BundleResult {
  outfile: string;
  bytes: number;
  mapBytes: number;
  metafile: Metafile;
}

/**
 * Bundles one entry exactly as the CDK construct asks NodejsFunction to (platform node, target
 * node22, ESM, main fields module then main, minified, source map without sources content, the
 * createRequire banner, nothing external), with a metafile to explain the size.
 */
export async function bundleLikeCdk(options: {
  root: string;
  entry: string;
  outdir: string;
  /** Only for the what-if of using the Lambda runtime's own SDK; the construct bundles everything. */
  external?: string[];
}): Promise<BundleResult> {
  const outfile = join(options.outdir, 'index.mjs');
  const result = await build({
    absWorkingDir: options.root,
    entryPoints: [options.entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    banner: { js: REQUIRE_SHIM },
    external: options.external ?? [],
    metafile: true,
    logLevel: 'silent',
  });
  return {
    outfile,
    bytes: statSync(outfile).size,
    mapBytes: statSync(`${outfile}.map`).size,
    metafile: result.metafile,
  };
}

export interface Contributor {
  /** npm package name, or `(project) shared/app` for our own folders. */
  name: string;
  bytes: number;
  /**
   * Why it is in the bundle: `our-file.ts → package` for each of our files whose import leads to it
   * (directly, or through the package named, as axios comes in through @slack/web-api).
   */
  pulledInBy: string[];
}

/** Output bytes per npm package (or project folder), largest first, with who pulls each package in. */
export function contributors(metafile: Metafile): Contributor[] {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
  if (!output) return [];
  const totals = new Map<string, number>();
  for (const [path, info] of Object.entries(output.inputs)) {
    const name = ownerOf(path);
    totals.set(name, (totals.get(name) ?? 0) + info.bytesInOutput);
  }
  const reasons = new Map<string, Set<string>>();
  for (const [path, input] of Object.entries(metafile.inputs)) {
    if (isDependency(path)) continue;
    for (const imported of input.imports) {
      if (!isDependency(imported.path)) continue;
      const via = ownerOf(imported.path);
      for (const name of packagesReachable(metafile, imported.path)) {
        const set = reasons.get(name) ?? new Set<string>();
        set.add(`${path} → ${via}`);
        reasons.set(name, set);
      }
    }
  }
  return [...totals]
    .map(([name, bytes]) => ({ name, bytes, pulledInBy: [...(reasons.get(name) ?? [])].sort() }))
    .sort((a, b) => b.bytes - a.bytes);
}

const isDependency = (path: string) => path.includes('node_modules/');

const reachableCache = new WeakMap<Metafile, Map<string, Set<string>>>();

/** Every package whose files are reachable from `start` through the import graph. */
function packagesReachable(metafile: Metafile, start: string): Set<string> {
  let cache = reachableCache.get(metafile);
  if (!cache) {
    cache = new Map();
    reachableCache.set(metafile, cache);
  }
  const cached = cache.get(start);
  if (cached) return cached;
  const seen = new Set<string>([start]);
  const stack = [start];
  const packages = new Set<string>();
  while (stack.length > 0) {
    const path = stack.pop() as string;
    packages.add(ownerOf(path));
    for (const next of metafile.inputs[path]?.imports ?? []) {
      if (!seen.has(next.path) && isDependency(next.path)) {
        seen.add(next.path);
        stack.push(next.path);
      }
    }
  }
  cache.set(start, packages);
  return packages;
}

function ownerOf(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  if (at >= 0) {
    const parts = path.slice(at + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? path);
  }
  const parts = path.split('/');
  return `(project) ${parts.slice(0, Math.min(2, parts.length - 1)).join('/') || path}`;
}
