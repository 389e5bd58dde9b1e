import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createApp } from '../../infra/create-app.js';
import { FUNCTION_NAMES, type FunctionName } from '../../infra/function-catalog.js';
import { REPOSITORY_ROOT } from '../../infra/sla-tracker-stack.js';
import {
  CHART_ASSET_FOLDER,
  CHART_ASSETS,
  type ChartAssetName,
  chartAssetPath,
  packageAssetPath,
} from '../../shared/charts/chart-assets.js';
import { cdkContext, MISSING_ENTRIES } from './support/synth.js';

const allEntriesExist = MISSING_ENTRIES.length === 0;

// What each function's module reads at load time; values only need the right shape.
const LOAD_ENV = {
  AWS_REGION: 'us-east-1',
  TABLE_NAME: 'sla-test',
  ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:alerts',
  DIGESTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:digests',
  SLACK_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:slack',
  SOURCES_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:sources',
};

interface LambdaProperties {
  Code: { S3Key: string };
  Environment: { Variables: Record<string, unknown> };
}

interface BundleSize {
  name: FunctionName;
  code: number;
  /** index.mjs and the chunks it imports statically: what a cold start reads. */
  eager: number;
  /** The other chunks, read only when an `await import()` first needs them. */
  lazy: number;
  gzipped: number;
  sourceMap: number;
}

/** index.mjs and the chunks it imports statically, following `from"./…"` in the minified code. */
function eagerFiles(folder: string): string[] {
  const seen = new Set(['index.mjs']);
  const queue = ['index.mjs'];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const text = readFileSync(join(folder, file), 'utf8');
    for (const match of text.matchAll(/(?:from\s*|import\s*)"(\.\.?\/[^"]+\.mjs)"/g)) {
      const target = join(dirname(file), match[1] as string);
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

function writeBundleSizes(sizes: BundleSize[]) {
  const rows = sizes.map(
    (s) =>
      `| ${s.name} | ${kb(s.code)} | ${kb(s.gzipped)} | ${kb(s.sourceMap)} | ${kb(s.eager)} | ${kb(s.lazy)} |`,
  );
  const text = [
    '# Lambda bundle sizes',
    '',
    'Written by `test/infra/bundling.test.ts` from a real `cdk synth` (local esbuild: ESM, minified,',
    'AWS SDK v3 bundled, `sourcesContent: false`, code splitting). "gzipped" approximates the',
    'deployment zip of index.mjs. A cold start reads index.mjs and the chunks it imports statically',
    '("at cold start"); code reached only through `await import()` (the Slack SDK, holiday data,',
    'parts of the AWS SDK) is in the other chunks, read on first use ("on first use").',
    'Lambda allows 50 MB zipped and 250 MB unzipped.',
    '',
    '| function | index.mjs | gzipped | index.mjs.map | at cold start | on first use |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(join(REPOSITORY_ROOT, 'docs', 'bundle-sizes.md'), text);
}

describe('real bundling', () => {
  it('lists the entry files that do not exist yet (bundling waits for them)', () => {
    expect(MISSING_ENTRIES.filter((name) => !FUNCTION_NAMES.includes(name))).toEqual([]);
    if (!allEntriesExist)
      console.warn(`bundling test skipped; missing entries: ${MISSING_ENTRIES.join(', ')}`);
  });

  it.skipIf(!allEntriesExist)(
    'synthesizes every function with the local esbuild into a loadable ESM bundle',
    () => {
      // Inside the repository, so the bundles resolve the AWS SDK (left out of them, as the Lambda
      // runtime provides it) from node_modules when they are loaded below.
      const cache = join(process.cwd(), 'node_modules', '.cache');
      mkdirSync(cache, { recursive: true });
      const outdir = mkdtempSync(join(cache, 'sla-cdk-bundled-'));
      onTestFinished(() => rmSync(outdir, { recursive: true, force: true }));
      const { app, stack } = createApp({ context: cdkContext(), outdir });
      const assembly = app.synth();
      const template = assembly.getStackByName(stack.stackName).template as {
        Resources: Record<string, { Type: string; Properties: LambdaProperties }>;
      };

      const sizes: BundleSize[] = [];
      for (const name of FUNCTION_NAMES) {
        const fn = Object.values(template.Resources).find(
          (r) =>
            r.Type === 'AWS::Lambda::Function' &&
            r.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === `sla-${name}`,
        );
        const hash = String(fn?.Properties.Code.S3Key).replace(/\.zip$/, '');
        const folder = join(outdir, `asset.${hash}`);
        const chunkText = readdirSync(join(folder, 'chunks'))
          .filter((f) => f.endsWith('.mjs'))
          .map((f) => readFileSync(join(folder, 'chunks', f), 'utf8'))
          .join('');
        // The PNG renderer (wasm-bindgen's glue says this) reads its WebAssembly and fonts from files
        // shipped beside the bundle; a bundle without it ships none.
        const drawsCharts = chunkText.includes('Call `initWasm()` function');
        expect(`${name}: ${readdirSync(folder).sort().join(', ')}`).toBe(
          `${name}: ${[...(drawsCharts ? [CHART_ASSET_FOLDER] : []), 'chunks', 'index.mjs', 'index.mjs.map'].join(', ')}`,
        );
        // The api draws commitment charts, the digest its overview image.
        if (name === 'api' || name === 'digest') expect(drawsCharts).toBe(true);
        if (drawsCharts) {
          for (const asset of Object.keys(CHART_ASSETS) as ChartAssetName[]) {
            const shipped = readFileSync(chartAssetPath(asset, folder));
            expect(shipped.equals(readFileSync(packageAssetPath(asset)))).toBe(true);
          }
          // The bundled renderer draws with what was shipped, as on Lambda (LAMBDA_TASK_ROOT is the bundle's folder).
          const png = execFileSync(
            process.execPath,
            [
              '--import',
              'tsx',
              join(REPOSITORY_ROOT, 'test', 'infra', 'support', 'render-from-bundle.ts'),
              folder,
            ],
            {
              env: { ...process.env, ...LOAD_ENV, LAMBDA_TASK_ROOT: folder, NODE_NO_WARNINGS: '1' },
              timeout: 60_000,
            },
          );
          expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        }

        const code = readFileSync(join(folder, 'index.mjs'));
        expect(code.toString('utf8', 0, 200)).toContain('createRequire');
        // What only some requests need stays out of what every cold start reads: the Slack SDK
        // (its default API root) and the holiday data (a country's holiday names).
        const eager = eagerFiles(folder);
        const eagerText = eager.map((file) => readFileSync(join(folder, file), 'utf8')).join('');
        expect(`${name}: ${eagerText.includes('slack.com/api')}`).toBe(`${name}: false`);
        expect(`${name}: ${eagerText.includes('Thanksgiving')}`).toBe(`${name}: false`);
        const chunkFiles = readdirSync(join(folder, 'chunks')).filter((f) => f.endsWith('.mjs'));
        if (name === 'api') {
          const lazyText = chunkFiles
            .filter((f) => !eager.includes(`chunks/${f}`))
            .map((f) => readFileSync(join(folder, 'chunks', f), 'utf8'))
            .join('');
          expect(lazyText).toContain('slack.com/api');
          expect(lazyText).toContain('Thanksgiving');
        }
        const loaded = execFileSync(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            `const m = await import(${JSON.stringify(pathToFileURL(join(folder, 'index.mjs')).href)});` +
              'process.stdout.write(typeof m.handler);',
          ],
          { env: { ...process.env, ...LOAD_ENV, NODE_NO_WARNINGS: '1' }, encoding: 'utf8', timeout: 30_000 },
        );
        expect(`${name}: ${loaded}`).toBe(`${name}: function`);

        sizes.push({
          name,
          code: code.length,
          eager: eager.reduce((sum, f) => sum + statSync(join(folder, f)).size, 0),
          lazy: chunkFiles
            .filter((f) => !eager.includes(`chunks/${f}`))
            .reduce((sum, f) => sum + statSync(join(folder, 'chunks', f)).size, 0),
          gzipped: gzipSync(code).length,
          sourceMap: statSync(join(folder, 'index.mjs.map')).size,
        });
      }
      for (const size of sizes) expect(size.gzipped).toBeLessThan(5 * 1024 * 1024);
      writeBundleSizes(sizes);
    },
    // Each function is bundled twice (NodejsFunction's single file, then the split build over it), and
    // the api draws one PNG with its bundled renderer.
    480_000,
  );
});
