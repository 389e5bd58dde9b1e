import { builtinModules } from 'node:module';
import { build } from 'esbuild';

const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** `@aws-sdk/client-sns/dist/x` → `@aws-sdk/client-sns`; `luxon` → `luxon`. */
const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/**
 * What an entry point loads, followed through the project's own files as esbuild bundles them:
 * the project files reached, and the packages they import (Node's own modules left out).
 */
export async function importGraph(entry: string): Promise<{ files: string[]; packages: Set<string> }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
  });
  const packages = new Set(
    Object.values(result.metafile.inputs)
      .flatMap((input) => input.imports)
      .filter((i) => i.external && !BUILTINS.has(i.path))
      .map((i) => packageName(i.path)),
  );
  return { files: Object.keys(result.metafile.inputs), packages };
}
