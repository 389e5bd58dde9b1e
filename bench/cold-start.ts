/**
 * Benchmark 3: each Lambda bundle's size and its module-load time in a fresh Node process (what a
 * cold start pays before the handler runs), against an empty bundle built and loaded the same way.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BundleResult, bundleLikeCdk, type Contributor, contributors } from './lib/bundle.js';
import { type Benchmark, budget, type Measurement, measurement } from './lib/measurement.js';
import { runToCompletion } from './lib/processes.js';
import { round } from './lib/stats.js';

const RUNS = 7;
const SIZE_BUDGET_KB = 400;
const LOAD_BUDGET_MS = 100;
const EMPTY = '(empty bundle)';
/** The least any function talking to DynamoDB can weigh with the SDK bundled: the client and nothing else. */
const SDK_FLOOR = '(DynamoDB client only)';
const REFERENCES: Record<string, string> = {
  [EMPTY]: 'export const handler = async () => ({ statusCode: 200 });\n',
  [SDK_FLOOR]: [
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
    "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    'const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
    'export const handler = async () => doc.config.region;',
    '',
  ].join('\n'),
};
const SDK_EXTERNAL = ['@aws-sdk/*', '@smithy/*'];

/** Values for every variable an index reads at module scope; nothing is called during the import. */
const DUMMY_ENV: Record<string, string> = {
  TABLE_NAME: 'sla-bench',
  ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:sla-alerts',
  DIGESTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:sla-digests',
  SLACK_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:sla-slack',
  WEBHOOK_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:sla-webhook',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  POWERTOOLS_SERVICE_NAME: 'sla-bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Any other `requireEnv('X')` an index grows later gets a dummy value too. */
function envFor(indexSource: string): Record<string, string> {
  const env = { ...DUMMY_ENV };
  for (const match of indexSource.matchAll(/requireEnv\('([A-Z0-9_]+)'\)/g)) {
    const name = match[1] as string;
    env[name] ??= `bench-${name.toLowerCase()}`;
  }
  return env;
}

async function loadMs(file: string, env: Record<string, string>, sourceMaps: boolean): Promise<number> {
  const script = `const t=performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now()-t)`;
  const args = [...(sourceMaps ? ['--enable-source-maps'] : []), '--input-type=module', '-e', script];
  const { stdout } = await runToCompletion(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    timeoutMs: 30_000,
  });
  const value = Number(stdout.trim().split('\n').at(-1));
  if (!Number.isFinite(value)) throw new Error(`could not read a load time from: ${stdout}`);
  return value;
}

interface Target {
  name: string;
  bundle: BundleResult;
  env: Record<string, string>;
}

export const coldStartBenchmark: Benchmark = {
  id: 'cold-start',
  title: 'Cold start: bundle size and module-load time of each Lambda function',
  async run({ root, scratch, log }) {
    const names = readdirSync(join(root, 'functions'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, 'functions', d.name, 'index.ts')))
      .map((d) => d.name)
      .sort();
    log(`cold-start: bundling ${names.join(', ')} and two references`);
    const targets: Target[] = [];
    const withoutSdk = new Map<string, number>();
    for (const [i, name] of [...Object.keys(REFERENCES), ...names].entries()) {
      const reference = REFERENCES[name];
      let entry = join(root, 'functions', name, 'index.ts');
      if (reference !== undefined) {
        // Inside the repository, so the packages resolve from its node_modules.
        const dir = join(scratch, 'cold-start', `reference-${i}`);
        mkdirSync(dir, { recursive: true });
        entry = join(dir, 'index.ts');
        writeFileSync(entry, reference);
      }
      const outdir = join(
        scratch,
        'cold-start',
        'bundles',
        reference === undefined ? name : `reference-${i}`,
      );
      const bundle = await bundleLikeCdk({ root, entry, outdir });
      targets.push({ name, bundle, env: envFor(readFileSync(entry, 'utf8')) });
      if (reference === undefined) {
        const external = await bundleLikeCdk({
          root,
          entry,
          outdir: `${outdir}-sdk-external`,
          external: SDK_EXTERNAL,
        });
        withoutSdk.set(name, external.bytes / 1024);
      }
    }

    // Rounds over all bundles, so a burst of load from other work hits every bundle alike.
    log(`cold-start: ${RUNS} fresh processes per bundle, with and without --enable-source-maps`);
    const plain = new Map<string, number[]>(targets.map((t) => [t.name, []]));
    const mapped = new Map<string, number[]>(targets.map((t) => [t.name, []]));
    for (let run = 0; run < RUNS; run++) {
      for (const target of targets) {
        plain.get(target.name)?.push(await loadMs(target.bundle.outfile, target.env, false));
        mapped.get(target.name)?.push(await loadMs(target.bundle.outfile, target.env, true));
      }
    }

    const emptyRuns = plain.get(EMPTY) ?? [];
    const measurements: Measurement[] = [];
    const notes: string[] = [];
    const details: Record<string, unknown> = {};
    for (const target of targets) {
      const kb = target.bundle.bytes / 1024;
      const runs = plain.get(target.name) ?? [];
      const top = contributors(target.bundle.metafile);
      details[target.name] = {
        ...(withoutSdk.has(target.name)
          ? { kbWithSdkExternal: round(withoutSdk.get(target.name) ?? 0) }
          : {}),
        bytes: target.bundle.bytes,
        sourceMapBytes: target.bundle.mapBytes,
        loadMs: runs.map((v) => round(v)),
        loadWithSourceMapsMs: (mapped.get(target.name) ?? []).map((v) => round(v)),
        contributors: top.slice(0, 15).map((c) => ({ ...c, kb: round(c.bytes / 1024) })),
      };
      const isEmpty = REFERENCES[target.name] !== undefined;
      measurements.push(
        measurement(`${target.name}: bundle size (minified)`, 'KB', [kb], {
          ...(isEmpty ? {} : { budget: budget('atMost', SIZE_BUDGET_KB, `< ${SIZE_BUDGET_KB} KB`) }),
          note: `deterministic; source map ${Math.round(target.bundle.mapBytes / 1024)} KB beside it`,
        }),
        measurement(`${target.name}: module load`, 'ms', runs, {
          ...(isEmpty ? {} : { budget: budget('atMost', LOAD_BUDGET_MS, `< ${LOAD_BUDGET_MS} ms`) }),
        }),
      );
      if (!isEmpty) {
        measurements.push(
          measurement(
            `${target.name}: module load minus empty bundle (paired)`,
            'ms',
            runs.map((v, i) => v - (emptyRuns[i] ?? 0)),
          ),
          measurement(
            `${target.name}: module load with --enable-source-maps (as deployed)`,
            'ms',
            mapped.get(target.name) ?? [],
          ),
        );
        notes.push(sizeNote(target.name, kb, top, withoutSdk.get(target.name) ?? 0));
      }
    }
    notes.unshift(
      `Bundled with esbuild ${'like SlaFunction'} (bench/lib/bundle.ts): platform node, target node22, format esm, main fields module,main, minify, sourcemap without sourcesContent, the createRequire banner, no externals (the AWS SDK is bundled). KB = 1,024 bytes.`,
      `Load time: \`node --input-type=module -e "const t=performance.now(); await import('file:///…/index.mjs'); console.log(performance.now()-t)"\` in a fresh process, ${RUNS} rounds over all bundles, env vars set to dummy values (TABLE_NAME, *_TOPIC_ARN, *_SECRET_ARN, AWS_REGION=us-east-1). This is module evaluation only (imports, SDK client construction at module scope), not Lambda's runtime init or the first request. Local Node is ${process.version}; Lambda runs Node 22 on arm64, whose per-core speed differs.`,
      "SlaFunction sets NODE_OPTIONS=--enable-source-maps; that variant is measured too, since Node then reads and parses each bundle's .map at load.",
    );
    return { measurements, notes, details };
  },
};

function sizeNote(name: string, kb: number, top: Contributor[], withoutSdkKb: number): string {
  const list = top
    .slice(0, 6)
    .map(
      (c) =>
        `${c.name} ${Math.round(c.bytes / 1024)} KB${c.pulledInBy.length > 0 ? ` (via ${c.pulledInBy.slice(0, 3).join(', ')}${c.pulledInBy.length > 3 ? `, +${c.pulledInBy.length - 3} more` : ''})` : ''}`,
    )
    .join('; ');
  const verdict = kb < SIZE_BUDGET_KB ? 'within budget' : `OVER the ${SIZE_BUDGET_KB} KB budget`;
  return `${name}: ${Math.round(kb)} KB, ${verdict} (${Math.round(withoutSdkKb)} KB with @aws-sdk/* and @smithy/* left to the Lambda runtime). Largest parts: ${list}.`;
}
