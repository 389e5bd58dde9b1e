import { describe, expect, it } from 'vitest';
import { createDynamoAlertStore } from '../../shared/adapters/dynamodb/alert-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import { CLAIM_LEASE_MS } from '../../shared/app/alert-delivery.js';
import { type EvaluationSummary, type EvaluatorDeps, runEvaluation } from '../../shared/app/evaluator.js';
import { recordEvents } from '../../shared/app/record-events.js';
import type { OutgoingNotification } from '../../shared/ports/alert-store.js';
import type { NotificationPublisher } from '../../shared/ports/notification-publisher.js';
import { MutableClock } from '../support/mutable-clock.js';
import { useApp } from './app-context.js';
import { WIDE, WIDE_DEPARTMENTS, wideAlertConfig } from './wide-alert-config.js';

/**
 * Evaluator runs that overlap while publishing, with the business clock jumping ahead under them
 * (what `POST /local/clock` does): every dedup key still reaches the transport exactly once.
 */
const app = await useApp('2026-11-01T00:30:00-04:00', wideAlertConfig());
const LEADS = 'marketing-qualified-leads';
const MINUTE = 60_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A transport that takes its time (SNS, and locally the Slack posts to every channel), counting hand-overs. */
function slowTransport(delayMs: number): NotificationPublisher & { handed: Map<string, number> } {
  const handed = new Map<string, number>();
  return {
    handed,
    async publish(n: OutgoingNotification) {
      handed.set(n.dedupKey, (handed.get(n.dedupKey) ?? 0) + 1);
      await sleep(delayMs);
    },
  };
}

/** `runners` evaluators, each running again as soon as it finishes, until `until` settles. */
async function overlappingRuns(
  deps: EvaluatorDeps,
  runners: number,
  until: Promise<unknown>,
): Promise<EvaluationSummary[]> {
  let done = false;
  void until.then(() => {
    done = true;
  });
  const summaries: EvaluationSummary[] = [];
  await Promise.all(
    Array.from({ length: runners }, async () => {
      do summaries.push(await runEvaluation(deps));
      while (!done);
    }),
  );
  return summaries;
}

const told = (summaries: EvaluationSummary[]) =>
  summaries.reduce((sum, s) => sum + s.notifications.length + s.republished, 0);

describe('overlapping evaluator runs', () => {
  it('publish each dedup key once while eight runs overlap and the clock jumps ahead', async () => {
    app.clock.set('2026-11-18T10:00:00-05:00');
    await recordEvents(app.deps, WIDE, [{ id: 'first', at: '2026-11-17T10:00:00-05:00' }]);
    await recordEvents(app.deps, LEADS, [{ id: 'first', at: '2026-11-17T10:00:00-05:00' }]);
    // A publication outlasts whole runs (as 30 Slack posts in process do locally), so later runs
    // start while it is under way.
    const transport = slowTransport(5000);
    const deps = { ...app.deps, publisher: transport };

    // The clock jumps three minutes every 100 ms, so a claim soon looks minutes old to the next run.
    const clockMoves = (async () => {
      for (let i = 0; i < 100; i++) {
        await sleep(100);
        app.clock.advance(3 * MINUTE);
      }
    })();
    const summaries = await overlappingRuns(deps, 8, clockMoves);
    summaries.push(await runEvaluation(deps));

    const wide = [...transport.handed.keys()].filter((k) => k.includes(WIDE));
    expect(wide).toHaveLength(1);
    expect([...transport.handed.keys()].some((k) => k.includes(LEADS))).toBe(true);
    expect([...transport.handed.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    // Each hand-over is reported by exactly one run, and nothing is left pending.
    expect(told(summaries)).toBe(transport.handed.size);
    expect(summaries.every((s) => s.failedCommitments.length === 0 && s.failed === 0)).toBe(true);
    expect(await app.deps.alerts.listPending()).toEqual([]);
    const claim = await app.deps.alerts.getClaim(wide[0] ?? '');
    expect(claim?.notification.notify).toHaveLength(WIDE_DEPARTMENTS);
    expect(claim?.state).toBe('published');
    expect(claim?.lease).toBeUndefined();
  }, 120_000);

  it('republish, exactly once, the claims of a publisher that died, once its lease has run out', async () => {
    // Lease time is real time; this store's is moved by hand to play the minutes after a crash.
    const wall = new MutableClock(Date.now());
    const alerts = createDynamoAlertStore(createDocumentClient(app.table.client), app.table.tableName, wall);
    const transport = slowTransport(100);
    const deps = { ...app.deps, alerts, publisher: transport };

    // The partners reach their target: the evaluator owes the "met" note (which also ends the open
    // alert, so no "recovered" comes with it). The run that claims it hangs while publishing, as a
    // Lambda that froze or was killed would.
    app.clock.advance(10 * MINUTE);
    const catchUp = Array.from({ length: 99 }, (_, i) => ({ id: `catch-up-${i}` }));
    expect((await recordEvents(app.deps, WIDE, catchUp)).accepted).toBe(99);
    const frozen: NotificationPublisher = { publish: () => new Promise<void>(() => {}) };
    void runEvaluation({ ...deps, publisher: frozen });
    let orphans: string[] = [];
    for (let i = 0; i < 200 && orphans.length === 0; i++) {
      await sleep(25);
      orphans = (await alerts.listPending())
        .filter((c) => c.notification.commitmentId === WIDE && c.lease)
        .map((c) => c.notification.dedupKey);
    }
    expect(orphans.some((k) => k.endsWith('#met'))).toBe(true);
    expect(orphans.some((k) => k.includes('recovered'))).toBe(false);

    // Their lease still runs: however late the business clock says it is, nobody else publishes them.
    app.clock.advance(30 * MINUTE);
    const meanwhile = await Promise.all(Array.from({ length: 6 }, () => runEvaluation(deps)));
    expect(orphans.map((k) => transport.handed.get(k))).toEqual(orphans.map(() => undefined));
    expect(meanwhile.map((s) => s.republished)).toEqual([0, 0, 0, 0, 0, 0]);

    // Once it has run out, the overlapping runs publish each of them, and each only once.
    wall.advance(CLAIM_LEASE_MS + 1000);
    const after = await overlappingRuns(deps, 6, sleep(600));
    expect(orphans.map((k) => transport.handed.get(k))).toEqual(orphans.map(() => 1));
    expect(after.reduce((sum, s) => sum + s.republished, 0)).toBe(orphans.length);
    for (const key of orphans) expect((await alerts.getClaim(key))?.state).toBe('published');
    expect(await alerts.listPending()).toEqual([]);
  }, 120_000);
});
