/**
 * `sla` must run from an installed package, where dev dependencies are absent: every package the
 * CLI can load, from bin/sla.js down, has to be a runtime dependency.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph } from '../../support/import-graph.js';

const REPO = resolve(import.meta.dirname, '../../..');
const manifest = JSON.parse(readFileSync(resolve(REPO, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  dependencies: Record<string, string>;
};

describe('the installed sla', () => {
  it('loads only runtime dependencies, from its launcher down', async () => {
    const { packages: loaded } = await importGraph(resolve(REPO, manifest.bin.sla as string));
    // The launcher runs TypeScript through tsx, so tsx itself is among them.
    expect(loaded).toContain('tsx');
    // ... and the CLI behind it was followed too (SigV4 signing for deployed APIs).
    expect(loaded).toContain('@smithy/signature-v4');
    const missing = [...loaded].filter((name) => !(name in manifest.dependencies));
    expect(missing).toEqual([]);
  });
});
