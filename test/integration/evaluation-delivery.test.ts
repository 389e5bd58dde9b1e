import { describe, expect, it } from 'vitest';
import { runEvaluation } from '../../shared/app/evaluator.js';
import { recordEvents } from '../../shared/app/record-events.js';
import type { OutgoingNotification } from '../../shared/ports/alert-store.js';
import { useApp } from './app-context.js';

const app = await useApp('2026-11-01T00:30:00-04:00');

describe('delivery of claimed notifications', () => {
  it('keeps a notification whose publication failed and publishes it on a later run, once', async () => {
    app.clock.set('2026-11-18T10:00:00-05:00');
    await recordEvents(app.deps, 'marketing-qualified-leads', [
      { id: 'only-one', at: '2026-11-17T10:00:00-05:00' },
    ]);

    const failures: string[] = [];
    const down = {
      publish: async (n: OutgoingNotification) => {
        throw new Error(`SNS unavailable for ${n.dedupKey}`);
      },
    };
    const first = await runEvaluation({
      ...app.deps,
      publisher: down,
      onPublishError: (n) => failures.push(n.dedupKey),
    });
    expect(first.failed).toBeGreaterThan(0);
    expect(first.notifications).toHaveLength(0);
    expect(await app.deps.alerts.listPending(Date.parse('2026-11-18T10:05:00-05:00'))).toHaveLength(
      first.failed,
    );

    // Two minutes later the transport is back: the pending claims go out, and only once.
    const delivered: OutgoingNotification[] = [];
    const up = { publish: async (n: OutgoingNotification) => void delivered.push(n) };
    const second = await runEvaluation(
      { ...app.deps, publisher: up },
      Date.parse('2026-11-18T10:15:00-05:00'),
    );
    expect(second.republished).toBe(first.failed);
    expect(delivered.map((n) => n.dedupKey).sort()).toEqual([...failures].sort());
    const third = await runEvaluation(
      { ...app.deps, publisher: up },
      Date.parse('2026-11-18T10:30:00-05:00'),
    );
    expect(third.republished).toBe(0);
    expect(delivered).toHaveLength(failures.length);
  });
});
