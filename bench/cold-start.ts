/**
 * Benchmark 3: each Lambda bundle's size and its module-load time in a fresh Node process (what a
 * cold start pays before the handler runs), against an empty bundle built and loaded the same way.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type BundleResult,
  bundleLikeCdk,
  type Contributor,
  constructExternals,
  contributors,
} from './lib/bundle.js';
import { type Benchmark, budget, type Measurement, measurement } from './lib/measurement.js';
import { runToCompletion } from './lib/processes.js';
import { round } from './lib/stats.js';

const RUNS = 7;
/**
 * Each function may take at most this many times as long to load as a bundle holding nothing but
 * the DynamoDB client, loaded in the same round. A ratio rather than milliseconds: the machine is
 * shared, and load from other work slows both sides of a pair alike.
 */
export const LOAD_RATIO_BUDGET = 2;
const EMPTY = '(empty bundle)';
/** The least any function talking to DynamoDB can weigh: the client and nothing else. */
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
  SOURCES_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:sla-sources',
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
    const externals = constructExternals(root);
    const sdkExternal = externals.some((e) => e.startsWith('@aws-sdk'));
    // The other side of the construct's choice, for comparison: SDK bundled, or left to the runtime.
    const alternative = sdkExternal ? [] : SDK_EXTERNAL;
    const alternativeLabel = sdkExternal ? 'AWS SDK bundled' : 'AWS SDK left to the Lambda runtime';
    log(
      `cold-start: bundling ${names.join(', ')} and two references (externals: ${externals.join(', ') || 'none'})`,
    );
    const targets: Target[] = [];
    const alternatives: Target[] = [];
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
        const other = await bundleLikeCdk({
          root,
          entry,
          outdir: `${outdir}-alternative`,
          external: alternative,
        });
        alternatives.push({ name, bundle: other, env: envFor(readFileSync(entry, 'utf8')) });
      }
    }

    // Rounds over all bundles, so a burst of load from other work hits every bundle alike.
    log(`cold-start: ${RUNS} fresh processes per bundle, with and without --enable-source-maps`);
    const plain = new Map<string, number[]>(targets.map((t) => [t.name, []]));
    const mapped = new Map<string, number[]>(targets.map((t) => [t.name, []]));
    const otherLoads = new Map<string, number[]>(alternatives.map((t) => [t.name, []]));
    for (let run = 0; run < RUNS; run++) {
      for (const target of targets) {
        plain.get(target.name)?.push(await loadMs(target.bundle.outfile, target.env, false));
        mapped.get(target.name)?.push(await loadMs(target.bundle.outfile, target.env, true));
      }
      for (const other of alternatives) {
        otherLoads.get(other.name)?.push(await loadMs(other.bundle.outfile, other.env, false));
      }
    }

    const emptyRuns = plain.get(EMPTY) ?? [];
    const floorRuns = plain.get(SDK_FLOOR) ?? [];
    const measurements: Measurement[] = [];
    const notes: string[] = [];
    const details: Record<string, unknown> = {};
    for (const target of targets) {
      const kb = target.bundle.bytes / 1024;
      const runs = plain.get(target.name) ?? [];
      const top = contributors(target.bundle.metafile);
      const other = alternatives.find((a) => a.name === target.name);
      details[target.name] = {
        ...(other
          ? {
              alternative: {
                what: alternativeLabel,
                kb: round(other.bundle.bytes / 1024),
                loadMs: (otherLoads.get(target.name) ?? []).map((v) => round(v)),
              },
            }
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
          note: `deterministic; what a cold start reads (index.mjs and the chunks it imports statically); ${Math.round(target.bundle.chunkBytes / 1024)} KB more in chunks read on first use`,
        }),
        measurement(`${target.name}: module load`, 'ms', runs),
      );
      if (!isEmpty) {
        measurements.push(
          measurement(
            `${target.name}: module load / ${SDK_FLOOR} (same round, paired)`,
            '×',
            pairedRatios(runs, floorRuns),
            {
              budget: budget('atMost', LOAD_RATIO_BUDGET, `≤ ${LOAD_RATIO_BUDGET}×`),
              note: 'median of the per-round ratios',
            },
          ),
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
        if (other) {
          measurements.push(
            measurement(
              `${target.name}, ${alternativeLabel}: bundle size`,
              'KB',
              [other.bundle.bytes / 1024],
              {
                note: 'for comparison',
              },
            ),
            measurement(
              `${target.name}, ${alternativeLabel}: module load`,
              'ms',
              otherLoads.get(target.name) ?? [],
              {
                note: 'for comparison',
              },
            ),
          );
        }
        notes.push(sizeNote(target.name, kb, top));
      }
    }
    if (alternatives.length > 0)
      notes.unshift(tradeOffNote(targets, alternatives, plain, otherLoads, sdkExternal));
    notes.unshift(
      `Bundled with esbuild as SlaFunction deploys (infra/constructs/split-bundle.ts, called by bench/lib/bundle.ts): platform node, target node22, format esm with code splitting, main fields module,main, minify, sourcemap without sourcesContent, the createRequire banner, and the construct's externalModules read from ${'infra/constructs/sla-function.ts'}: ${externals.join(', ') || 'none'}${sdkExternal ? ' (the AWS SDK comes from the Lambda runtime; locally the externals load from node_modules, as the runtime loads its own copy)' : ' (everything bundled)'}. Each function is also bundled the other way (${alternativeLabel}) for comparison. KB = 1,024 bytes.`,
      `Budget: each function's module load is at most ${LOAD_RATIO_BUDGET}× that of ${SDK_FLOOR}, a bundle with nothing but the DynamoDB client, loaded in the same round; the ratio is taken per round and its median judged. A missed ratio fails \`npm run bench\`. Sizes and milliseconds are information: they depend on the machine and its load (the old 100 ms and 400 KB budgets are gone; 400 KB was below the DynamoDB client alone once the SDK is bundled).`,
      `Load time: \`node --input-type=module -e "const t=performance.now(); await import('file:///…/index.mjs'); console.log(performance.now()-t)"\` in a fresh process, ${RUNS} rounds over all bundles, env vars set to dummy values (TABLE_NAME, *_TOPIC_ARN, *_SECRET_ARN, AWS_REGION=us-east-1). This is module evaluation only (imports, SDK client construction at module scope), not Lambda's runtime init or the first request. Local Node is ${process.version}; Lambda runs Node 22 on arm64, whose per-core speed differs.`,
      "SlaFunction sets NODE_OPTIONS=--enable-source-maps; that variant is measured too, since Node then reads and parses each bundle's .map at load.",
    );
    return { measurements, notes, details };
  },
};

/** The construct's choice against the other one, from this run's medians. */
function tradeOffNote(
  targets: Target[],
  alternatives: Target[],
  loads: Map<string, number[]>,
  otherLoads: Map<string, number[]>,
  sdkExternal: boolean,
): string {
  const median = (values: number[] = []) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const rows = alternatives.map((other) => {
    const chosen = targets.find((t) => t.name === other.name) as Target;
    return {
      name: other.name,
      kb: (chosen.bundle.bytes - other.bundle.bytes) / 1024,
      ms: median(loads.get(other.name)) - median(otherLoads.get(other.name)),
    };
  });
  const what = sdkExternal
    ? 'Leaving the SDK to the runtime (as the construct does)'
    : 'Bundling the SDK (as the construct does)';
  const signed = (value: number, unit: string) => `${value > 0 ? '+' : ''}${Math.round(value)} ${unit}`;
  const sameSign = (values: number[]) => values.every((v) => v > 0) || values.every((v) => v < 0);
  const span = (values: number[], unit: string, more: string, less: string) => {
    if (!sameSign(values)) return 'changes it either way';
    const sizes = values.map(Math.abs);
    return `${Math.round(Math.min(...sizes))}–${Math.round(Math.max(...sizes))} ${unit} ${(values[0] as number) > 0 ? more : less}`;
  };
  const externalSlower = rows.every((r) => (sdkExternal ? r.ms > 0 : r.ms < 0));
  const summary = `makes each bundle ${span(
    rows.map((r) => r.kb),
    'KB',
    'larger',
    'smaller',
  )} and its module load ${span(
    rows.map((r) => r.ms),
    'ms',
    'slower',
    'faster',
  )} than the other choice`;
  return `Trade-off, same run: ${what} ${summary} (${rows
    .map((r) => `${r.name} ${signed(r.kb, 'KB')} / ${signed(r.ms, 'ms')}`)
    .join(
      ', ',
    )}).${externalSlower ? " An external SDK is loaded at cold start as dozens of separate CommonJS files from about 20 packages, which costs more than parsing the same code minified in one file; the Lambda runtime's copy loads the same way." : ''}`;
}

/** Each round's load over the reference's in the same round. */
export function pairedRatios(loads: readonly number[], reference: readonly number[]): number[] {
  if (loads.length !== reference.length) throw new Error('paired ratios need as many loads as references');
  return loads.map((value, i) => value / (reference[i] as number));
}

function sizeNote(name: string, kb: number, top: Contributor[]): string {
  const list = top
    .slice(0, 6)
    .map((c) => `${c.name} ${Math.round(c.bytes / 1024)} KB${c.chain ? ` (${c.chain})` : ''}`)
    .join('; ');
  return `${name}: ${Math.round(kb)} KB. Largest parts read at cold start (code reached only through \`await import()\` is in chunks read on first use, not counted), each with the shortest import chain that brings it in: ${list}.`;
}
