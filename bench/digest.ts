/**
 * Benchmark 5: the weekly digest for 1,000 commitments with buildWeeklyDigest (shared/app/digest.ts):
 * store reads, the domain builder and both renderings (email text and Slack messages).
 */
import { buildWeeklyDigest } from '../shared/app/digest.js';
import type { Digest } from '../shared/app/digest-rendering.js';
import { CLOCK_START, COMMITMENT_COUNT, evaluationFixture } from './lib/fixture.js';
import { type Benchmark, budget, measurement } from './lib/measurement.js';
import { recordingStores } from './lib/replay-stores.js';
import type { RequestCounts } from './lib/request-counter.js';
import { round } from './lib/stats.js';

const RUNS = 5;
const DIGEST_AT = CLOCK_START + 2 * 3_600_000;
/** DynamoDB requests one digest of the 1,000-commitment fixture may make. */
const REQUEST_BUDGET = 100;

/** When the budget is missed, where the time goes, from this run's own numbers. */
function missNote(endToEnd: number[], computeOnly: number[], counts: RequestCounts): string[] {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const total = median(endToEnd);
  if (total <= 2_000) return [];
  const compute = median(computeOnly);
  const perCommitment = round(counts.reads / COMMITMENT_COUNT, 2);
  return [
    `Why the 2 s budget is missed: our computation is ${Math.round(compute)} ms of ${Math.round(total)} ms; the rest waits on ${counts.reads.toLocaleString('en-US')} reads (${perCommitment} per commitment) from an emulator sharing 2 cores with this process.${perCommitment >= 1 ? ' Reads that grow one or more per commitment are the thing to batch: the items the digest needs (one snapshot per sparkline week, the latest closed results) have computable keys, so BatchGetItem with 100 keys a request would do.' : ''}`,
  ];
}

export const digestBenchmark: Benchmark = {
  id: 'digest',
  title: 'Weekly digest for 1,000 commitments (buildWeeklyDigest)',
  async run({ log }) {
    const fixture = await evaluationFixture(log);
    const table = fixture.loaded;
    // Two hours after the benchmarks' clock start, two days after the fixture's commitments were created.
    table.clock.set(DIGEST_AT);

    const build = async (deps = table.deps) => {
      const started = performance.now();
      // As the schedule builds it: the last ended week with the live state. (Asked for later, a
      // week reads its snapshots instead; the fixture's commitments are too new for that week.)
      const digest = await buildWeeklyDigest(deps, { sending: true });
      const ms = performance.now() - started;
      if (digest.headline.total !== COMMITMENT_COUNT) {
        throw new Error(
          `the digest covers ${digest.headline.total} commitments, expected ${COMMITMENT_COUNT}`,
        );
      }
      return { ms, digest };
    };

    log('digest: warm-up, then timed builds against DynamoDB Local');
    await build();
    const endToEnd: number[] = [];
    let requests: RequestCounts | undefined;
    let digest: Digest | undefined;
    for (let i = 0; i < RUNS; i++) {
      table.counter.reset();
      const run = await build();
      endToEnd.push(run.ms);
      requests = table.counter.snapshot();
      digest = run.digest;
    }

    log('digest: timed builds with the store answers replayed from memory');
    const recording = recordingStores(table.deps);
    await build(recording.deps);
    recording.replay();
    const computeOnly: number[] = [];
    for (let i = 0; i < RUNS; i++) computeOnly.push((await build(recording.deps)).ms);

    const blocks = digest?.messages.reduce((sum, m) => sum + m.blocks.length, 0) ?? 0;
    const counts = requests as RequestCounts;
    return {
      measurements: [
        measurement('buildWeeklyDigest, 1,000 commitments, DynamoDB Local', 'ms', endToEnd, {
          budget: budget('atMost', 2_000, '< 2 s'),
        }),
        measurement(
          'the same with store answers replayed from memory (our computation only)',
          'ms',
          computeOnly,
        ),
        measurement('DynamoDB requests per digest', 'requests', [counts.reads + counts.writes], {
          note: 'deterministic',
          budget: budget('atMost', REQUEST_BUDGET, `≤ ${REQUEST_BUDGET} requests / 1,000 commitments`),
        }),
      ],
      notes: [
        `Uses buildWeeklyDigest from shared/app/digest.ts (the use case: it reads the stores, then calls the pure buildDigest of shared/domain/digest/). Fixture: the evaluation benchmark's table with 1,000 commitments, 200,000 events and ${fixture.setup.snapshots.toLocaleString('en-US')} daily snapshots (six weeks, the sparkline's span); clock ${new Date(DIGEST_AT).toISOString()}, so the scheduled digest reports the last ended week with the live state.`,
        `Requests per digest: ${Object.entries(counts.byOperation)
          .map(([op, n]) => `${op} ${n}`)
          .join(', ')} (${round(counts.reads / COMMITMENT_COUNT, 2)} reads per commitment).`,
        `Output: ${digest?.text.length.toLocaleString('en-US')} characters of email text; ${digest?.messages.length} Slack messages with ${blocks} blocks in all.`,
        'The replayed variant runs the same code with every store call answered from a recording of the first pass, which isolates the domain builder and renderings from DynamoDB Local.',
        ...missNote(endToEnd, computeOnly, counts),
      ],
      details: {
        requests: counts,
        textChars: digest?.text.length,
        slackMessages: digest?.messages.length,
        slackBlocks: blocks,
        headline: digest?.headline,
      },
    };
  },
};
