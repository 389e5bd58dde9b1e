/**
 * Which packages each function reads at cold start: its bundle's index.mjs and the chunks that
 * imports statically, built exactly as deployed (infra/constructs/split-bundle.ts). A package
 * reached only through `await import()` lands in a chunk read on first use, so the checks below
 * fail as soon as a static import chain brings it back into the cold path.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { eagerOutputs } from '../../bench/lib/bundle.js';
import { splitBundle } from '../../infra/constructs/split-bundle.js';
import { entryPath, FUNCTION_NAMES, type FunctionName } from '../../infra/function-catalog.js';
import { REPOSITORY_ROOT } from '../../infra/sla-tracker-stack.js';

/** A secret is read (and the SNS client built) when a request first needs one. */
const CLIENTS_ON_FIRST_USE = [
  '@aws-sdk/client-secrets-manager',
  '@aws-lambda-powertools/parameters',
  '@aws-sdk/client-sns',
];

/** Drawing charts: the charting library, its renderer and the WebAssembly PNG renderer. */
const CHARTS = ['echarts', 'zrender', '@resvg/resvg-wasm'];

/** Packages a function needs only for some requests, so its cold start must not read them. */
const FIRST_USE_ONLY: Record<FunctionName, string[]> = {
  // The YAML parser is for `POST /v1/config:apply`; the schemas for the routes that take a body.
  api: ['yaml', 'zod', ...CLIENTS_ON_FIRST_USE, ...CHARTS],
  // Neither reads a request body, a config text or the Slack secret at module load.
  evaluate: ['yaml', 'zod', ...CLIENTS_ON_FIRST_USE],
  digest: ['yaml', 'zod', ...CLIENTS_ON_FIRST_USE, ...CHARTS],
  'notify-slack': ['yaml', ...CLIENTS_ON_FIRST_USE],
  slack: ['yaml', ...CLIENTS_ON_FIRST_USE],
  sources: ['yaml', ...CLIENTS_ON_FIRST_USE],
};

/** The source files in index.mjs and the chunks it imports statically (as the benchmark counts them). */
const coldInputs = (metafile: Metafile) =>
  eagerOutputs(metafile).flatMap((path) => Object.keys(metafile.outputs[path]?.inputs ?? {}));

const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];

const outdir = mkdtempSync(join(tmpdir(), 'sla-cold-path-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('what a cold start reads', () => {
  for (const name of FUNCTION_NAMES) {
    it(`${name}: none of ${FIRST_USE_ONLY[name].join(', ')}`, async () => {
      const metafile = await splitBundle({
        root: REPOSITORY_ROOT,
        entry: entryPath(REPOSITORY_ROOT, name),
        outdir: join(outdir, name),
      });
      const packages = new Set(coldInputs(metafile).map(packageOf));
      // The bundle is real: the DynamoDB client, which every function uses at once, is in it.
      expect(packages.has('@aws-sdk/client-dynamodb')).toBe(true);
      expect(FIRST_USE_ONLY[name].filter((pkg) => packages.has(pkg))).toEqual([]);
    });
  }
});
