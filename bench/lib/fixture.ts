import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DateTime } from 'luxon';
import { createDynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import type { StoreDeps } from '../../shared/app/deps.js';
import { recordEvents } from '../../shared/app/record-events.js';
import { listStatus } from '../../shared/app/status.js';
import type { Evaluation } from '../../shared/domain/evaluate.js';
import type { Clock, Instant, PeriodKind } from '../../shared/domain/model.js';
import { periodKindOfKey, periodOf } from '../../shared/domain/periods.js';
import { type GeneratedCommitment, generateConfigYaml, generatedCommitments } from './config-generator.js';
import { type BenchDynamo, startBenchDynamo } from './dynamo.js';
import { applyLargeConfig } from './large-config.js';
import { countRequests, type RequestCounter } from './request-counter.js';

/** Every benchmark's "now": a Wednesday mid-month, in business hours, when a month is busiest to judge. */
export const CLOCK_START_ISO = '2026-11-18T10:00:00-05:00';
export const CLOCK_START = Date.parse(CLOCK_START_ISO);
/**
 * When the shared fixture's commitments are created: before the 40 hours its events span, since
 * events from before a commitment took effect are refused.
 */
const FIXTURE_CREATED_AT = CLOCK_START - 2 * 24 * 3_600_000;
export const ZONE = 'America/New_York';

export const COMMITMENT_COUNT = 1_000;
export const EVENT_COUNT = 200_000;
/** Events go in through the real use case in batches this big, several commitments at once. */
const EVENT_BATCH = 2_000;
const WRITE_CONCURRENCY = 4;
/** The digest's sparkline covers 6 weeks; the evaluator leaves one snapshot a day. */
const SNAPSHOT_DAYS = 42;

export class SettableClock implements Clock {
  constructor(private at: Instant) {}
  now(): Instant {
    return this.at;
  }
  set(at: Instant): void {
    this.at = at;
  }
}

export interface FixtureTable {
  tableName: string;
  client: DynamoDBClient;
  counter: RequestCounter;
  deps: StoreDeps;
  clock: SettableClock;
}

export interface EvaluationFixture {
  dynamo: BenchDynamo;
  commitments: GeneratedCommitment[];
  configYaml: string;
  /** 1,000 commitments, nothing recorded. */
  empty: FixtureTable;
  /** The same 1,000 commitments with 200,000 events and six weeks of daily snapshots. */
  loaded: FixtureTable;
  setup: { applyConfigMs: number; eventsMs: number; snapshotsMs: number; events: number; snapshots: number };
}

let shared: Promise<EvaluationFixture> | undefined;

/**
 * The large data set the evaluation, digest and memory benchmarks share, built once per suite run
 * on an in-memory DynamoDB Local (building it is the slow part: 200,000 events).
 */
export function evaluationFixture(log: (line: string) => void): Promise<EvaluationFixture> {
  shared ??= buildFixture(log);
  return shared;
}

export async function releaseFixtures(): Promise<void> {
  if (!shared) return;
  const fixture = await shared.catch(() => undefined);
  shared = undefined;
  await fixture?.dynamo.stop();
}

export async function tableWithConfig(
  dynamo: BenchDynamo,
  prefix: string,
  configYaml: string,
  at: Instant,
): Promise<{ table: FixtureTable; applyMs: number }> {
  const tableName = await dynamo.freshTable(prefix);
  const client = dynamo.client();
  const counter = countRequests(client);
  const clock = new SettableClock(at);
  const deps = createDynamoStores(client, tableName, clock);
  const started = performance.now();
  await applyLargeConfig(deps, configYaml);
  return { table: { tableName, client, counter, deps, clock }, applyMs: performance.now() - started };
}

async function buildFixture(log: (line: string) => void): Promise<EvaluationFixture> {
  const dynamo = await startBenchDynamo();
  try {
    const configYaml = generateConfigYaml(COMMITMENT_COUNT);
    const commitments = generatedCommitments(COMMITMENT_COUNT);
    log(`fixture: applying ${COMMITMENT_COUNT} commitments to two tables`);
    const empty = await tableWithConfig(dynamo, 'bench-eval-empty', configYaml, FIXTURE_CREATED_AT);
    const loaded = await tableWithConfig(dynamo, 'bench-eval-loaded', configYaml, FIXTURE_CREATED_AT);
    empty.table.clock.set(CLOCK_START);
    loaded.table.clock.set(CLOCK_START);
    log(
      `fixture: recording ${EVENT_COUNT} events (batches of ${EVENT_BATCH}, ${WRITE_CONCURRENCY} at a time)`,
    );
    const eventsStarted = performance.now();
    const events = await recordFixtureEvents(loaded.table.deps, commitments);
    const eventsMs = performance.now() - eventsStarted;
    log(`fixture: ${events} events in ${Math.round(eventsMs / 1000)} s; writing daily snapshots`);
    const snapshotsStarted = performance.now();
    const snapshots = await writeSnapshotHistory(loaded.table.deps);
    const snapshotsMs = performance.now() - snapshotsStarted;
    empty.table.counter.reset();
    loaded.table.counter.reset();
    return {
      dynamo,
      commitments,
      configYaml,
      empty: empty.table,
      loaded: loaded.table,
      setup: { applyConfigMs: loaded.applyMs, eventsMs, snapshotsMs, events, snapshots },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}

/**
 * 200,000 events over the total and ratio commitments (the measures whose events are additive and
 * batch into transactions), spread over the 40 hours before "now" so every event falls in the
 * current week, month and quarter alike.
 */
async function recordFixtureEvents(deps: StoreDeps, commitments: GeneratedCommitment[]): Promise<number> {
  const additive = commitments.filter((c) => c.measure === 'total' || c.measure === 'ratio');
  const perCommitment = Math.ceil(EVENT_COUNT / additive.length);
  const jobs: Array<{ commitment: GeneratedCommitment; from: number; to: number }> = [];
  let remaining = EVENT_COUNT;
  for (const commitment of additive) {
    const count = Math.min(perCommitment, remaining);
    remaining -= count;
    for (let from = 0; from < count; from += EVENT_BATCH) {
      jobs.push({ commitment, from, to: Math.min(count, from + EVENT_BATCH) });
    }
  }
  let next = 0;
  let recorded = 0;
  await Promise.all(
    Array.from({ length: WRITE_CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const { commitment, from, to } = jobs[next++] as (typeof jobs)[number];
        const events = Array.from({ length: to - from }, (_, k) => {
          const i = from + k;
          const at = new Date(CLOCK_START - 60_000 - ((i * 7_919_000) % (40 * 3_600_000))).toISOString();
          return commitment.measure === 'total'
            ? { id: `e${i}`, at, value: 1 + (i % 3) }
            : { id: `e${i}`, at, outcome: i % 4 === 0 ? 'good' : 'bad' };
        });
        const report = await recordEvents(deps, commitment.id, events);
        if (report.accepted !== events.length) {
          throw new Error(`fixture events for ${commitment.id}: ${JSON.stringify(report).slice(0, 400)}`);
        }
        recorded += report.accepted;
      }
    }),
  );
  return recorded;
}

/**
 * Six weeks of daily snapshots, as the evaluator would have left them: today's evaluation of each
 * commitment, moved back to each earlier day with its own period key and a drifting attainment.
 */
async function writeSnapshotHistory(deps: StoreDeps): Promise<number> {
  const now = deps.clock.now();
  const current = (await listStatus(deps)).map((s) => s.evaluation);
  const batches: Array<Array<{ evaluation: Evaluation; localDate: string }>> = [];
  for (let day = 1; day <= SNAPSHOT_DAYS; day++) {
    const date = DateTime.fromMillis(now, { zone: ZONE }).minus({ days: day });
    batches.push(
      current.map((evaluation, i) => {
        const kind: PeriodKind = periodKindOfKey(evaluation.period) ?? 'month';
        const attainment =
          evaluation.attainment === null
            ? null
            : Math.max(0, evaluation.attainment * (0.7 + ((i + day) % 7) / 10));
        return {
          localDate: date.toISODate() ?? '',
          evaluation: {
            ...evaluation,
            period: periodOf(kind, date.toMillis(), ZONE).key,
            attainment,
            evaluatedAt: date.set({ hour: 23, minute: 45 }).toISO() ?? '',
          },
        };
      }),
    );
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITE_CONCURRENCY }, async () => {
      while (next < batches.length) await deps.results.putSnapshots(batches[next++] ?? []);
    }),
  );
  return batches.reduce((sum, batch) => sum + batch.length, 0);
}
