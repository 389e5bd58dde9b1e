import { readFileSync, statSync } from 'node:fs';
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

const CONSTRUCT = 'infra/constructs/sla-function.ts';

/**
 * The modules SlaFunction leaves out of its bundles (`externalModules`), read from the construct
 * itself so this benchmark follows it. (Exporting the bundling options from one module that both
 * import would be sturdier than reading the source.)
 */
export function constructExternals(root: string): string[] {
  const source = readFileSync(`${root}/${CONSTRUCT}`, 'utf8');
  const list = /externalModules:\s*\[([^\]]*)\]/.exec(source)?.[1];
  if (list === undefined) throw new Error(`no externalModules in ${CONSTRUCT}: update bench/lib/bundle.ts`);
  return [...list.matchAll(/'([^']+)'/g)].map((m) => m[1] as string);
}

/**
 * Bundles one entry as the CDK construct asks NodejsFunction to (platform node, target node22,
 * ESM, main fields module then main, minified, source map without sources content, the
 * createRequire banner, the construct's externals), with a metafile to explain the size.
 */
export async function bundleLikeCdk(options: {
  root: string;
  entry: string;
  outdir: string;
  /** Defaults to the construct's `externalModules`; given only for a what-if. */
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
    // As deployed: class names survive minification, so errors log under their own names.
    keepNames: true,
    sourcemap: true,
    sourcesContent: false,
    banner: { js: REQUIRE_SHIM },
    external: options.external ?? constructExternals(options.root),
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
  /** The shortest import chain from the bundle's entry to the package, e.g. `functions/api/index.ts → … → yaml`. */
  chain: string;
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
  const chains = shortestChains(metafile, output.entryPoint as string);
  return [...totals]
    .map(([name, bytes]) => ({
      name,
      bytes,
      pulledInBy: [...(reasons.get(name) ?? [])].sort(),
      chain: chains.get(name) ?? '',
    }))
    .sort((a, b) => b.bytes - a.bytes);
}

/** Breadth-first from the entry: the first path that reaches each package is a shortest one. */
function shortestChains(metafile: Metafile, entry: string): Map<string, string> {
  const chains = new Map<string, string>();
  const previous = new Map<string, string>([[entry, '']]);
  const queue = [entry];
  while (queue.length > 0) {
    const path = queue.shift() as string;
    const owner = ownerOf(path);
    if (isDependency(path)) {
      if (!chains.has(owner)) {
        const nodes: string[] = [];
        for (let at: string | undefined = path; at; at = previous.get(at)) nodes.unshift(at);
        // Our files in full, then the package we import directly and, if it differs, the one reached.
        const ours = nodes.filter((n) => !isDependency(n));
        const via = ownerOf(nodes[ours.length] ?? path);
        chains.set(owner, [...ours, via, ...(via === owner ? [] : ['…', owner])].join(' → '));
      }
    }
    for (const next of metafile.inputs[path]?.imports ?? []) {
      if (next.external || previous.has(next.path) || metafile.inputs[next.path] === undefined) continue;
      previous.set(next.path, path);
      queue.push(next.path);
    }
  }
  return chains;
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
