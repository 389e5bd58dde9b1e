import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { splitBundle } from '../../infra/constructs/split-bundle.js';

export { REQUIRE_SHIM } from '../../infra/constructs/split-bundle.js';

export interface BundleResult {
  outfile: string;
  /** The entry file and the chunks it imports statically: what a cold start reads. */
  bytes: number;
  /** The other chunks, read when an `await import()` first needs them. */
  chunkBytes: number;
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
 * Bundles one entry as SlaFunction deploys it (infra/constructs/split-bundle.ts: platform node,
 * target node22, ESM with code splitting, minified, source maps without sources content, the
 * createRequire banner) with the construct's externals, and a metafile to explain the size.
 */
export async function bundleLikeCdk(options: {
  root: string;
  entry: string;
  outdir: string;
  /** Defaults to the construct's `externalModules`; given only for a what-if. */
  external?: string[];
}): Promise<BundleResult> {
  const outfile = join(options.outdir, 'index.mjs');
  const metafile = await splitBundle({
    root: options.root,
    entry: options.entry,
    outdir: options.outdir,
    external: options.external ?? constructExternals(options.root),
  });
  const eager = eagerOutputs(metafile);
  const sizeOf = (paths: string[]) =>
    paths.reduce((sum, path) => sum + statSync(join(options.root, path)).size, 0);
  const code = Object.keys(metafile.outputs).filter((path) => path.endsWith('.mjs'));
  const chunkBytes = sizeOf(code.filter((path) => !eager.includes(path)));
  return {
    outfile,
    bytes: sizeOf(eager),
    chunkBytes,
    mapBytes: statSync(`${outfile}.map`).size,
    metafile,
  };
}

/** The entry's output file and every chunk reached from it by static imports, as metafile paths. */
export function eagerOutputs(metafile: Metafile): string[] {
  // Targets of `await import()` are entry points of their own, in the chunk folder.
  const entry = Object.keys(metafile.outputs).find((path) => /(^|\/)index\.mjs$/.test(path));
  const seen = new Set<string>(entry ? [entry] : []);
  const queue = [...seen];
  while (queue.length > 0) {
    const path = queue.shift() as string;
    for (const next of metafile.outputs[path]?.imports ?? []) {
      if (next.kind !== 'import-statement' || next.external || seen.has(next.path)) continue;
      seen.add(next.path);
      queue.push(next.path);
    }
  }
  return [...seen];
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
  const entry = metafile.outputs[eagerOutputs(metafile)[0] ?? ''];
  if (!entry?.entryPoint) return [];
  // What a cold start reads: the entry and the chunks it imports statically.
  const totals = new Map<string, number>();
  for (const output of eagerOutputs(metafile).map((path) => metafile.outputs[path])) {
    for (const [path, info] of Object.entries(output?.inputs ?? {})) {
      const name = ownerOf(path);
      totals.set(name, (totals.get(name) ?? 0) + info.bytesInOutput);
    }
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
  const chains = shortestChains(metafile, entry.entryPoint as string);
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
