import { describe, expect, it } from 'vitest';
import { closeEndedPeriods } from '../../shared/app/close-periods.js';
import { recordEvents } from '../../shared/app/record-events.js';
import { getStatus } from '../../shared/app/status.js';
import { useApp } from './app-context.js';

/**
 * A lead that reaches Sales late on the last Friday of October finishes in November: it is judged
 * there, whether Sales contacts it in time or it goes overdue, and never twice.
 */
const app = await useApp('2026-10-01T00:30:00-04:00');
const FOLLOW_UP = 'sales-lead-follow-up';

async function closeUpTo(iso: string) {
  app.clock.set(iso);
  const record = await app.deps.commitments.get(FOLLOW_UP);
  if (!record) throw new Error('no commitment');
  return closeEndedPeriods(app.deps, record, app.clock.now());
}

describe('duration subjects that span a period close', () => {
  it('judges leads started in October and finished in November in November', async () => {
    app.clock.set('2026-10-30T16:00:00-04:00');
    await recordEvents(app.deps, FOLLOW_UP, [
      { id: 'a-start', subject: 'lead-a', phase: 'start' },
      { id: 'b-start', subject: 'lead-b', phase: 'start' },
    ]);
    // October closes with neither lead judged: both still have time left.
    const [october] = await closeUpTo('2026-11-01T02:00:00-05:00');
    expect(october).toMatchObject({ period: '2026-10', status: 'no_data' });

    // Sales contacts lead-a on Monday: within 24 business hours, counted in November.
    app.clock.set('2026-11-02T10:00:00-05:00');
    const stop = await recordEvents(app.deps, FOLLOW_UP, [
      { id: 'a-stop', subject: 'lead-a', phase: 'stop' },
    ]);
    expect(stop).toEqual({ accepted: 1, duplicates: 0, rejected: [] });

    // lead-b went overdue on Wednesday the 4th (2 + 10 + 10 + 2 business hours) and counts as a miss.
    app.clock.set('2026-11-12T10:00:00-05:00');
    const status = await getStatus(app.deps, FOLLOW_UP);
    expect(status).toMatchObject({ actual: 0.5, status: 'at_risk' });
    expect(status.budget?.used).toBe(1);
  });

  it('counts an overdue lead once: in the period it went overdue, not again when it stops', async () => {
    const [november] = await closeUpTo('2026-12-01T02:00:00-05:00');
    expect(november).toMatchObject({ period: '2026-11', status: 'breached', actual: 0.5 });
    app.clock.set('2026-12-03T10:00:00-05:00');
    const late = await recordEvents(app.deps, FOLLOW_UP, [
      { id: 'b-stop', subject: 'lead-b', phase: 'stop' },
    ]);
    expect(late.accepted).toBe(1);
    const december = await getStatus(app.deps, FOLLOW_UP);
    expect(december).toMatchObject({ period: '2026-12', status: 'no_data' });
    expect(await app.deps.events.listDueTimers(app.clock.now())).toEqual([]);
  });
});
