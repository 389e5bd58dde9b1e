/**
 * Charts: how long one chart takes to draw to PNG once the renderer is warm, the same for the
 * digest's overview, and what the chart code costs the digest function: its module load (the
 * chart code is imported lazily, so this must stay what it was) against the DynamoDB-client
 * reference of the same round, and, as a separate figure, the load plus a first overview render.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderCommitmentChart, renderDigestOverview } from '../shared/charts/index.js';
import { burnupModel } from '../shared/domain/charts/burnup.js';
import type { OverviewModel } from '../shared/domain/charts/chart-model.js';
import { evaluate } from '../shared/domain/evaluate.js';
import type { CommitmentDefinition } from '../shared/domain/model.js';
import { periodFromKey } from '../shared/domain/periods.js';
import { LOAD_RATIO_BUDGET, pairedRatios } from './cold-start.js';
import { bundleLikeCdk } from './lib/bundle.js';
import { type Benchmark, budget, measurement } from './lib/measurement.js';
import { runToCompletion } from './lib/processes.js';

const WARM_RUNS = 20;
const LOAD_RUNS = 7;
/** One chart to PNG, warm, on this machine. */
export const CHART_PNG_BUDGET_MS = 150;

const DAY = 86_400_000;
const definition: CommitmentDefinition = {
  id: 'bench-leads',
  title: 'Marketing delivers qualified leads to Sales',
  provider: 'marketing',
  consumer: 'sales',
  measure: 'total',
  unit: 'leads',
  period: 'month',
  timezone: 'America/New_York',
  pacing: 'calendar',
  comparator: 'atLeast',
  target: 100,
  atRisk: { projectedBelow: 0.95, notBefore: 0.2 },
  escalation: [],
  credits: [],
};

/** A month's burn-up with a snapshot a day, an excused day and a projection. */
function benchBurnup() {
  const period = periodFromKey('2026-11', definition.timezone);
  const at = period.start + 17.5 * DAY;
  const excusals = [
    { id: 'x', from: period.start + 9 * DAY, to: period.start + 10 * DAY, causedBy: 'sales', reason: 'r' },
  ];
  const judged = (day: number) =>
    evaluate({
      definition,
      period,
      aggregate: { measure: 'total', sum: day * 3, count: day * 3 },
      excusals,
      at: period.start + day * DAY,
    });
  const earlier = Array.from({ length: 17 }, (_, day) => judged(day + 1));
  return burnupModel({ definition, period, excusals, earlier, current: judged(17.5), at });
}

/** The digest's overview of `count` commitments. */
export function benchOverview(count: number): OverviewModel {
  const statuses = ['on_track', 'at_risk', 'breached', 'met', 'no_data'] as const;
  return {
    title: 'SLA overview, week 2026-W48',
    rows: Array.from({ length: count }, (_, i) => ({
      commitmentId: `c${i}`,
      title: `Commitment number ${i + 1}`,
      status: statuses[i % statuses.length] ?? 'on_track',
      attainment: 0.4 + (i % 7) / 10,
      expected: 0.6,
    })),
  };
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/**
 * A digest bundle that also draws the overview on demand, the way the digest will: the chart code
 * only behind `await import()`, so the module load is the digest's own.
 */
function digestWithOverview(root: string, dir: string): string {
  const from = (path: string) => relative(dir, join(root, path)).replaceAll('\\', '/');
  const commitments = benchOverview(12).rows.map((row) => ({
    definition: { id: row.commitmentId, title: row.title },
    evaluation: { status: row.status, attainment: row.attainment, expected: 60, target: 100 },
  }));
  return [
    `export { handler } from '${from('functions/digest/index.js')}';`,
    'export async function drawOverview() {',
    `  const { digestOverviewImage } = await import('${from('shared/app/charts.js')}');`,
    `  return digestOverviewImage({ week: '2026-W48', commitments: ${JSON.stringify(commitments)} });`,
    '}',
    '',
  ].join('\n');
}

const REFERENCE = [
  "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
  "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
  'const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
  'export const handler = async () => doc.config.region;',
  '',
].join('\n');

const ENV: Record<string, string> = {
  TABLE_NAME: 'sla-bench',
  ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:sla-alerts',
  DIGESTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:sla-digests',
  SLACK_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:sla-slack',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  POWERTOOLS_SERVICE_NAME: 'sla-bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Fresh process: module load, then (when asked) the first overview render, in ms. */
async function loadAndDraw(file: string, draw: boolean): Promise<{ load: number; draw: number }> {
  const script = [
    `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(file).href)});`,
    'const loaded = performance.now() - t;',
    `let drew = 0; if (${draw}) { const d = performance.now(); await m.drawOverview(); drew = performance.now() - d; }`,
    'console.log(JSON.stringify({ load: loaded, draw: drew }));',
  ].join('\n');
  const { stdout } = await runToCompletion(process.execPath, ['--input-type=module', '-e', script], {
    // Lambda sets LAMBDA_TASK_ROOT to the bundle's folder: the renderer reads its files from there.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...ENV,
      LAMBDA_TASK_ROOT: join(file, '..'),
    },
    timeoutMs: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { load: number; draw: number };
}

export const chartsBenchmark: Benchmark = {
  id: 'charts',
  title:
    'Charts: one chart and the digest overview to PNG, and the digest function’s load with the chart code',
  async run({ root, scratch, log }) {
    const burnup = benchBurnup();
    const overview = benchOverview(12);
    log('charts: first render (loads ECharts and the WebAssembly renderer)');
    const first = await timed(() => renderCommitmentChart(burnup, { format: 'png' }));
    const chartRuns: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++)
      chartRuns.push(await timed(() => renderCommitmentChart(burnup, { format: 'png' })));
    const svgRuns: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++)
      svgRuns.push(await timed(() => renderCommitmentChart(burnup, { format: 'svg' })));
    const overviewRuns: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++)
      overviewRuns.push(await timed(() => renderDigestOverview(overview, { format: 'png' })));

    log('charts: bundling the digest with its overview, and the DynamoDB-client reference');
    const dir = join(scratch, 'charts');
    mkdirSync(join(dir, 'digest-entry'), { recursive: true });
    mkdirSync(join(dir, 'reference-entry'), { recursive: true });
    const digestEntry = join(dir, 'digest-entry', 'index.ts');
    writeFileSync(digestEntry, digestWithOverview(root, join(dir, 'digest-entry')));
    const referenceEntry = join(dir, 'reference-entry', 'index.ts');
    writeFileSync(referenceEntry, REFERENCE);
    const digest = await bundleLikeCdk({ root, entry: digestEntry, outdir: join(dir, 'digest') });
    const reference = await bundleLikeCdk({ root, entry: referenceEntry, outdir: join(dir, 'reference') });
    const loads: number[] = [];
    const referenceLoads: number[] = [];
    const loadThenDraw: number[] = [];
    for (let run = 0; run < LOAD_RUNS; run++) {
      referenceLoads.push((await loadAndDraw(reference.outfile, false)).load);
      const measured = await loadAndDraw(digest.outfile, true);
      loads.push(measured.load);
      loadThenDraw.push(measured.load + measured.draw);
    }
    return {
      measurements: [
        measurement('one burn-up to PNG, warm (800 × 420)', 'ms', chartRuns, {
          budget: budget('atMost', CHART_PNG_BUDGET_MS, `< ${CHART_PNG_BUDGET_MS} ms`),
        }),
        measurement('one burn-up to SVG, warm', 'ms', svgRuns),
        measurement('first chart in a process (loads ECharts and resvg-wasm)', 'ms', [first]),
        measurement('digest overview of 12 commitments to PNG, warm', 'ms', overviewRuns),
        measurement(
          'digest: module load / (DynamoDB client only) (same round, paired)',
          '×',
          pairedRatios(loads, referenceLoads),
          {
            budget: budget('atMost', LOAD_RATIO_BUDGET, `≤ ${LOAD_RATIO_BUDGET}×`),
            note: 'the digest bundle with the overview renderer reachable (lazily)',
          },
        ),
        measurement('digest: module load plus the first overview PNG (fresh process)', 'ms', loadThenDraw),
      ],
      notes: [
        `Warm renders: median of ${WARM_RUNS} in one process after a first render; the PNG includes the SVG.`,
        `Digest load: ${LOAD_RUNS} fresh processes each, alternating with the reference; the first overview render reads resvg's WebAssembly and the fonts from the bundle's chart-assets folder.`,
      ],
      details: {
        digestColdKb: Math.round(digest.bytes / 1024),
        digestLazyKb: Math.round(digest.chunkBytes / 1024),
      },
    };
  },
};
