/**
 * `npm run bench` runs every benchmark; `npm run bench -- ingestion evaluation` runs those named.
 * Writes bench/results.md and bench/results.json (results of benchmarks not run this time are kept
 * from the previous results.json, each with the time it ran) and prints a summary table.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chartsBenchmark } from './charts.js';
import { coldStartBenchmark } from './cold-start.js';
import { digestBenchmark } from './digest.js';
import { evaluationBenchmark } from './evaluation.js';
import { ingestionBenchmark } from './ingestion.js';
import { releaseFixtures } from './lib/fixture.js';
import { describeMachine } from './lib/machine.js';
import { type Benchmark, type BenchmarkResult, loadAverage } from './lib/measurement.js';
import { runToCompletion } from './lib/processes.js';
import { mergeWithPrevious, type SuiteReport, summaryRows, writeReports } from './lib/report.js';
import { memoryBenchmark } from './memory.js';
import { slackStatusBenchmark } from './slack-status.js';

const BENCHMARKS: readonly Benchmark[] = [
  ingestionBenchmark,
  evaluationBenchmark,
  coldStartBenchmark,
  slackStatusBenchmark,
  digestBenchmark,
  chartsBenchmark,
  memoryBenchmark,
];

/** Units whose missed budget fails the run: request counts and same-run paired ratios. */
const GATING_UNITS = ['requests', '×'];

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(benchDir, '..');

function selected(names: string[]): Benchmark[] {
  if (names.length === 0) return [...BENCHMARKS];
  const unknown = names.filter((name) => !BENCHMARKS.some((b) => b.id === name));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.id).join(', ')}`,
    );
    process.exit(2);
  }
  return BENCHMARKS.filter((b) => names.includes(b.id));
}

function printSummary(report: SuiteReport): void {
  const rows = [
    ['benchmark', 'measurement', 'median', 'min – max', 'budget', 'limit; margin'],
    ...summaryRows(report),
  ];
  const widths =
    rows[0]?.map((_, col) => Math.min(70, Math.max(...rows.map((row) => (row[col] ?? '').length)))) ?? [];
  for (const row of rows) {
    console.log(row.map((cell, col) => cell.slice(0, widths[col]).padEnd(widths[col] ?? 0)).join('  '));
  }
}

async function main(): Promise<void> {
  // Lambda runs Node 22; on this machine's Node 20 the SDK would print a notice for every client.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const chosen = selected(process.argv.slice(2));
  const scratch = join(benchDir, '.tmp', `run-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(scratch, { recursive: true });
  const machine = describeMachine(root);
  console.log(
    `bench: ${chosen.map((b) => b.id).join(', ')} on ${machine.cpuModel} × ${machine.cores}, Node ${machine.node}, load ${machine.loadAtStart.join(' / ')}`,
  );
  const results: Array<BenchmarkResult & { ranAt: string }> = [];
  let failed = 0;
  const suiteStarted = performance.now();
  try {
    for (const benchmark of chosen) {
      const ranAt = new Date().toISOString();
      const loadStart = loadAverage();
      const started = performance.now();
      const log = (line: string) =>
        console.log(`  [${((performance.now() - suiteStarted) / 1000).toFixed(0).padStart(4)} s] ${line}`);
      log(`${benchmark.id}: start (load ${loadStart})`);
      try {
        const outcome = await benchmark.run({ root, scratch, log });
        results.push({
          id: benchmark.id,
          title: benchmark.title,
          ranAt,
          durationMs: performance.now() - started,
          load: { start: loadStart, end: loadAverage() },
          ...outcome,
        });
      } catch (error) {
        failed++;
        console.error(`${benchmark.id} failed:`, error);
        results.push({
          id: benchmark.id,
          title: benchmark.title,
          ranAt,
          durationMs: performance.now() - started,
          load: { start: loadStart, end: loadAverage() },
          measurements: [],
          notes: [`FAILED: ${(error as Error)?.stack ?? String(error)}`],
          details: {},
        });
      }
      log(`${benchmark.id}: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    await releaseFixtures();
    if (!process.env.BENCH_KEEP_SCRATCH) rmSync(scratch, { recursive: true, force: true });
  }
  const report = mergeWithPrevious(
    join(benchDir, 'results.json'),
    {
      generatedAt: new Date().toISOString(),
      machine,
      ran: chosen.map((b) => b.id),
      available: BENCHMARKS.map((b) => b.id),
      loadAtEnd: loadavg().map((value) => Math.round(value * 100) / 100),
      benchmarks: results,
    },
    BENCHMARKS.map((b) => b.id),
  );
  const written = writeReports(benchDir, report);
  // `npm run lint` checks every JSON file too: leave results.json formatted as Biome would.
  await runToCompletion(join(root, 'node_modules', '.bin', 'biome'), ['format', '--write', written.json], {
    cwd: root,
  }).catch((error: Error) => console.warn(`could not format ${written.json}: ${error.message}`));
  console.log('');
  printSummary(report);
  console.log(
    `\nwrote ${written.markdown} and ${written.json} (suite took ${Math.round((performance.now() - suiteStarted) / 1000)} s)`,
  );
  // Request counts do not depend on the machine's load, and ratios of two things measured side by
  // side in one run hardly do, so a missed count or ratio budget fails the run; absolute times and
  // sizes are reported against theirs but judged by people.
  const missed = results.flatMap((r) =>
    r.measurements
      .filter((m) => GATING_UNITS.includes(m.unit) && m.budget && !m.budget.met)
      .map((m) => `${r.id}: ${m.name} = ${m.median} ${m.unit} (${m.budget?.text})`),
  );
  for (const line of missed) console.error(`budget missed: ${line}`);
  if (failed > 0 || missed.length > 0) process.exitCode = 1;
}

await main();
