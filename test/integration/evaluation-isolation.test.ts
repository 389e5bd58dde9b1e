import { describe, expect, it } from 'vitest';
import { runEvaluation } from '../../shared/app/evaluator.js';
import { recordEvents } from '../../shared/app/record-events.js';
import type { AlertStore } from '../../shared/ports/alert-store.js';
import type { ResultStore } from '../../shared/ports/result-store.js';
import { useApp } from './app-context.js';
import { WIDE, wideAlertConfig } from './wide-alert-config.js';

/**
 * One commitment whose evaluation fails must not cost the others theirs. The failures are real:
 * DynamoDB Local refuses an item over 400 KB, as DynamoDB does. The test makes one commitment's
 * item that large on its way to the real store.
 */
const app = await useApp('2026-11-01T00:30:00-04:00', wideAlertConfig());
const LEADS = 'marketing-qualified-leads';
const WEBSITE = 'website-availability';
const COMMITMENTS = 4;
const padding = 'x'.repeat(410_000);

/** The real alert store, whose claims for `commitmentId` carry too much text to be stored. */
function oversizedClaimsOf(commitmentId: string): AlertStore {
  const real = app.deps.alerts;
  return {
    ...real,
    commit: (state, revision, notifications, claimedAt, lease) =>
      real.commit(
        state,
        revision,
        notifications.map((n) => (n.commitmentId === commitmentId ? { ...n, text: n.text + padding } : n)),
        claimedAt,
        lease,
      ),
  };
}

/** The real result store, whose snapshots of `commitmentId` are too large to be stored. */
function oversizedSnapshotsOf(commitmentId: string): ResultStore {
  const real = app.deps.results;
  return {
    ...real,
    putSnapshots: (snapshots) =>
      real.putSnapshots(
        snapshots.map((s) =>
          s.evaluation.commitmentId === commitmentId
            ? { ...s, evaluation: { ...s.evaluation, unit: padding } }
            : s,
        ),
      ),
  };
}

const sentOf = (id: string, from: number) => app.published.slice(from).filter((n) => n.commitmentId === id);

describe('a commitment whose evaluation fails', () => {
  it('is named in the summary while the others are evaluated, snapshotted and notified', async () => {
    app.clock.set('2026-11-18T10:00:00-05:00');
    await recordEvents(app.deps, WIDE, [{ id: 'first', at: '2026-11-17T10:00:00-05:00' }]);
    await recordEvents(app.deps, LEADS, [{ id: 'first', at: '2026-11-17T10:00:00-05:00' }]);
    const errors: string[] = [];

    const run = await runEvaluation({
      ...app.deps,
      alerts: oversizedClaimsOf(WIDE),
      publisher: app.publisher,
      onCommitmentError: (commitmentId) => errors.push(commitmentId),
    });
    expect(run.failedCommitments).toEqual([
      { commitmentId: WIDE, step: 'evaluate', error: expect.stringMatching(/size/i) },
    ]);
    expect(errors).toEqual([WIDE]);
    expect(run.evaluated).toBe(COMMITMENTS - 1);
    expect(sentOf(LEADS, 0).map((n) => n.kind)).toEqual(['at_risk']);
    expect(sentOf(WIDE, 0)).toEqual([]);
    for (const id of [LEADS, WEBSITE, WIDE]) {
      expect((await app.deps.results.listSnapshots(id)).map((s) => s.localDate)).toEqual(['2026-11-18']);
    }

    // Nothing of the failed commitment was half done: the next run evaluates and notifies it.
    const before = app.published.length;
    const retry = await runEvaluation({ ...app.deps, publisher: app.publisher });
    expect(retry.failedCommitments).toEqual([]);
    expect(retry.evaluated).toBe(COMMITMENTS);
    expect(sentOf(WIDE, before).map((n) => n.kind)).toEqual(['at_risk']);
    expect(sentOf(LEADS, before)).toEqual([]);
  });

  it('loses only its own snapshot when that one is too large for the batch', async () => {
    // The next morning the leads alert escalates; the website's snapshot is too large to store.
    app.clock.set('2026-11-19T10:00:00-05:00');
    const before = app.published.length;
    const run = await runEvaluation({
      ...app.deps,
      results: oversizedSnapshotsOf(WEBSITE),
      publisher: app.publisher,
    });
    expect(run.failedCommitments).toEqual([
      { commitmentId: WEBSITE, step: 'snapshot', error: expect.stringMatching(/size/i) },
    ]);
    expect(sentOf(LEADS, before).map((n) => n.kind)).toEqual(['escalated']);
    for (const id of [LEADS, WIDE]) {
      expect((await app.deps.results.listSnapshots(id)).map((s) => s.localDate)).toContain('2026-11-19');
    }
    expect((await app.deps.results.listSnapshots(WEBSITE)).map((s) => s.localDate)).toEqual(['2026-11-18']);
  });
});
