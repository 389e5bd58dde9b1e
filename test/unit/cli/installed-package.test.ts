/**
 * `sla` must run from an installed package, where dev dependencies are absent: every package the
 * CLI can load, from bin/sla.js down, has to be a runtime dependency.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../../..');
const manifest = JSON.parse(readFileSync(resolve(REPO, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  dependencies: Record<string, string>;
};

/** `@aws-sdk/client-sns/dist/x` → `@aws-sdk/client-sns`; `luxon` → `luxon`. */
const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

describe('the installed sla', () => {
  it('loads only runtime dependencies, from its launcher down', async () => {
    const result = await build({
      entryPoints: [resolve(REPO, manifest.bin.sla as string)],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      metafile: true,
      logLevel: 'silent',
    });
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const loaded = new Set(
      Object.values(result.metafile.inputs)
        .flatMap((input) => input.imports)
        .filter((i) => i.external && !builtins.has(i.path))
        .map((i) => packageName(i.path)),
    );
    // The launcher runs TypeScript through tsx, so tsx itself is among them.
    expect(loaded).toContain('tsx');
    // ... and the CLI behind it was followed too (SigV4 signing for deployed APIs).
    expect(loaded).toContain('@smithy/signature-v4');
    const missing = [...loaded].filter((name) => !(name in manifest.dependencies));
    expect(missing).toEqual([]);
  });
});
