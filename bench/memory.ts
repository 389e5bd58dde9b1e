/**
 * Benchmark 6: peak memory. The local runtime as a child process under the ingestion load (the
 * kernel's VmHWM), and each function's work on its largest realistic input in a fresh process of
 * its own (process.resourceUsage().maxRSS), against Lambda's 256 MB.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleLikeCdk } from './lib/bundle.js';
import { CLOCK_START, CLOCK_START_ISO, evaluationFixture } from './lib/fixture.js';
import { createHttpClient } from './lib/http-client.js';
import { httpLoad } from './lib/ingestion-load.js';
import { type Benchmark, budget, type Measurement, measurement } from './lib/measurement.js';
import { childPids, processMemory, runToCompletion, spawnRuntime } from './lib/processes.js';
import { round } from './lib/stats.js';
import type { ProbeArgs, ProbeOutput } from './memory-probe.js';

const RUNS = 5;
const RUNTIME_EVENTS = 10_000;
const LAMBDA_MEMORY_MB = 256;

const PROBES = [
  { id: 'evaluator', fn: 'probeEvaluator', title: 'evaluate: runEvaluation over 1,000 commitments' },
  { id: 'digest', fn: 'probeDigest', title: 'digest: buildWeeklyDigest for 1,000 commitments' },
  { id: 'api-batch', fn: 'probeApiBatch', title: 'api: 5 requests of 500 events each' },
] as const;

async function runtimeUnderIngestion(root: string, scratch: string) {
  const child = await spawnRuntime({
    root,
    dataDir: mkdtempSync(join(scratch, 'memory-runtime-')),
    clock: CLOCK_START_ISO,
  });
  const http = createHttpClient(child.url, 4);
  let sampledMax = 0;
  const sampler = setInterval(() => {
    sampledMax = Math.max(sampledMax, processMemory(child.pid)?.rssMiB ?? 0);
  }, 100);
  try {
    const before = processMemory(child.pid);
    const load = await httpLoad({
      http,
      commitmentId: 'marketing-qualified-leads',
      total: RUNTIME_EVENTS,
      batchSize: 100,
      concurrency: 4,
      runId: `mem-${child.pid}`,
      // After the runtime's start: the commitment takes effect when the runtime applies it, and earlier events are refused.
      at: '2026-11-18T10:02:00-05:00',
    });
    const node = processMemory(child.pid);
    const jvm = childPids(child.pid)
      .map((pid) => processMemory(pid)?.peakMiB ?? 0)
      .reduce((a, b) => Math.max(a, b), 0);
    return {
      peakMiB: node?.peakMiB ?? Number.NaN,
      idleMiB: before?.rssMiB ?? Number.NaN,
      sampledMaxMiB: sampledMax,
      jvmPeakMiB: jvm,
      eventsPerSecond: load.eventsPerSecond,
    };
  } finally {
    clearInterval(sampler);
    http.close();
    await child.stop();
  }
}

async function runProbe(bundle: string, args: ProbeArgs & { idle?: boolean }): Promise<ProbeOutput> {
  const { stdout } = await runToCompletion(process.execPath, [bundle, JSON.stringify(args)], {
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    timeoutMs: 120_000,
  });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as ProbeOutput;
}

export const memoryBenchmark: Benchmark = {
  id: 'memory',
  title: 'Memory: the local runtime under ingestion, and each function on its largest input',
  async run({ root, scratch, log }) {
    log(`memory: local runtime as a child process, ${RUNTIME_EVENTS.toLocaleString('en-US')} events per run`);
    const runtimeRuns = [];
    for (let i = 0; i < RUNS; i++) runtimeRuns.push(await runtimeUnderIngestion(root, scratch));

    const fixture = await evaluationFixture(log);
    log('memory: bundling one probe per function');
    const bundles = new Map<string, string>();
    for (const probe of PROBES) {
      const dir = join(scratch, 'memory', probe.id);
      mkdirSync(dir, { recursive: true });
      const entry = join(dir, 'entry.ts');
      writeFileSync(
        entry,
        [
          `import { ${probe.fn}, probeIdle } from ${JSON.stringify(join(root, 'bench', 'memory-probe.ts'))};`,
          'const args = JSON.parse(process.argv[2] ?? "{}");',
          `await (args.idle ? probeIdle(args) : ${probe.fn}(args));`,
          '',
        ].join('\n'),
      );
      bundles.set(probe.id, (await bundleLikeCdk({ root, entry, outdir: join(dir, 'out') })).outfile);
    }

    const base: ProbeArgs = {
      endpoint: fixture.dynamo.local.endpoint,
      tableName: fixture.loaded.tableName,
      at: CLOCK_START + 3 * 3_600_000,
      commitmentId: fixture.commitments.find((c) => c.measure === 'total')?.id ?? '',
      batchSize: 500,
      invocations: 5,
    };
    log(`memory: ${RUNS} fresh processes per probe, each with an idle twin`);
    const work = new Map<string, ProbeOutput[]>(PROBES.map((p) => [p.id, []]));
    const idle = new Map<string, ProbeOutput[]>(PROBES.map((p) => [p.id, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const probe of PROBES) {
        const bundle = bundles.get(probe.id) as string;
        work.get(probe.id)?.push(await runProbe(bundle, base));
        idle.get(probe.id)?.push(await runProbe(bundle, { ...base, idle: true }));
      }
    }

    const fnBudget = budget('atMost', LAMBDA_MEMORY_MB, `≤ ${LAMBDA_MEMORY_MB} MB`);
    const measurements: Measurement[] = [
      measurement(
        'local runtime (node --import tsx local/start.ts): peak RSS under ingestion',
        'MiB',
        runtimeRuns.map((r) => r.peakMiB),
        { note: 'VmHWM of the Node process; DynamoDB Local not included' },
      ),
      measurement(
        'local runtime: RSS after start, before the load',
        'MiB',
        runtimeRuns.map((r) => r.idleMiB),
      ),
      measurement(
        'DynamoDB Local JVM (child of the runtime): peak RSS',
        'MiB',
        runtimeRuns.map((r) => r.jvmPeakMiB),
      ),
    ];
    for (const probe of PROBES) {
      measurements.push(
        measurement(
          `${probe.title}: peak RSS`,
          'MiB',
          (work.get(probe.id) ?? []).map((o) => o.peakRssMiB),
          {
            budget: fnBudget,
          },
        ),
        measurement(
          `${probe.id} bundle loaded, idle: peak RSS`,
          'MiB',
          (idle.get(probe.id) ?? []).map((o) => o.peakRssMiB),
        ),
      );
    }
    const first = (id: string) => work.get(id)?.[0]?.detail;
    return {
      measurements,
      notes: [
        `Local runtime: spawned as \`node --import tsx local/start.ts\` with PORT=0, SLA_DATA_DIR (fresh) and SLA_CLOCK, then ${RUNTIME_EVENTS.toLocaleString('en-US')} events posted by 4 clients in batches of 100; peak = VmHWM from /proc/<pid>/status at the end (RSS also sampled every 100 ms: max ${round(Math.max(...runtimeRuns.map((r) => r.sampledMaxMiB)))} MiB). It includes tsx's compiler; it is not a Lambda function and has no budget.`,
        'Functions: each probe is bench/memory-probe.ts bundled like a Lambda (bench/lib/bundle.ts) and run with plain node in a fresh process against the benchmark fixture on DynamoDB Local; peak = process.resourceUsage().maxRSS at the end. The idle twin loads the same bundle and stops, so work minus idle is what the input costs.',
        `Inputs: the evaluator over the 1,000 commitments of the fixture with 200,000 events (${JSON.stringify(first('evaluator'))}); buildWeeklyDigest over the same (${JSON.stringify(first('digest'))}); the API handler (makeHandler, middy router, recordEvents) for 5 consecutive POSTs of 500 events, the largest batch the API accepts (${JSON.stringify(first('api-batch'))}).`,
        "Lambda bills and limits the whole sandbox at its memory setting; Node's RSS is the part our code controls. The runtime's own overhead on Lambda is small (tens of MB); the probes run on Node 20 here, Lambda on Node 22.",
      ],
      details: {
        runtimeRuns: runtimeRuns.map((r) =>
          Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)])),
        ),
        probes: Object.fromEntries(PROBES.map((p) => [p.id, { work: work.get(p.id), idle: idle.get(p.id) }])),
      },
    };
  },
};
