import { describe, expect, it } from 'vitest';
import { recordEvents } from '../../shared/app/record-events.js';
import { getStatus } from '../../shared/app/status.js';
import { useApp } from './app-context.js';

const app = await useApp('2026-11-01T00:30:00-04:00');
const FOLLOW_UP = 'sales-lead-follow-up';
const WEBSITE = 'website-availability';
const at = (iso: string) => app.clock.set(iso);

describe('duration timers', () => {
  it('pauses and resumes a subject, and judges it on business time outside the pause', async () => {
    at('2026-11-02T09:00:00-05:00');
    expect(
      await recordEvents(app.deps, FOLLOW_UP, [{ id: 'a-start', subject: 'lead-a', phase: 'start' }]),
    ).toMatchObject({
      accepted: 1,
    });
    // Paused (waiting on Marketing) for two business days, Tuesday and Wednesday.
    at('2026-11-02T18:00:00-05:00');
    await recordEvents(app.deps, FOLLOW_UP, [
      { id: 'a-pause', subject: 'lead-a', phase: 'pause', at: '2026-11-02T17:00:00-05:00' },
    ]);
    at('2026-11-05T08:00:00-05:00');
    await recordEvents(app.deps, FOLLOW_UP, [{ id: 'a-resume', subject: 'lead-a', phase: 'resume' }]);
    // 8 h on Monday + 15 h on Thursday = 23 business hours outside the pause: within 24.
    at('2026-11-05T15:00:00-05:00');
    const report = await recordEvents(app.deps, FOLLOW_UP, [
      { id: 'a-stop', subject: 'lead-a', phase: 'stop' },
    ]);
    expect(report).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const status = await getStatus(app.deps, FOLLOW_UP);
    expect(status).toMatchObject({ actual: 1, status: 'on_track' });
  });

  it('counts a retried event once and refuses events that make no sense for the subject', async () => {
    at('2026-11-06T09:00:00-05:00');
    await recordEvents(app.deps, FOLLOW_UP, [{ id: 'b-start', subject: 'lead-b', phase: 'start' }]);
    const retry = await recordEvents(app.deps, FOLLOW_UP, [
      { id: 'b-start', subject: 'lead-b', phase: 'start' },
    ]);
    expect(retry).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    const again = await recordEvents(app.deps, FOLLOW_UP, [
      { id: 'b-start-2', subject: 'lead-b', phase: 'start' },
    ]);
    expect(again.rejected[0]?.errors[0]?.message).toMatch(/already running/);
    const unknown = await recordEvents(app.deps, FOLLOW_UP, [
      { id: 'z-stop', subject: 'lead-z', phase: 'stop' },
    ]);
    expect(unknown.rejected[0]?.errors[0]?.message).toMatch(/has not started/);
    const resume = await recordEvents(app.deps, FOLLOW_UP, [
      { id: 'b-resume', subject: 'lead-b', phase: 'resume' },
    ]);
    expect(resume.rejected[0]?.errors[0]?.message).toMatch(/not paused/);
  });

  it('lets exactly one of two racing stops of the same subject count', async () => {
    at('2026-11-06T10:00:00-05:00');
    const [a, b] = await Promise.all([
      recordEvents(app.deps, FOLLOW_UP, [{ id: 'b-stop-1', subject: 'lead-b', phase: 'stop' }]),
      recordEvents(app.deps, FOLLOW_UP, [{ id: 'b-stop-2', subject: 'lead-b', phase: 'stop' }]),
    ]);
    expect(a.accepted + b.accepted).toBe(1);
    expect([...a.rejected, ...b.rejected].map((r) => r.errors[0]?.message)).toEqual([
      expect.stringMatching(/already stopped/),
    ]);
    const aggregates = await app.deps.events.getAggregates([
      { commitmentId: FOLLOW_UP, periodKey: '2026-11' },
    ]);
    expect([...aggregates.values()][0]?.counters).toMatchObject({
      completed: 2,
      completedWithin: 2,
    });
  });
});

describe('outages', () => {
  it('counts downtime inside business hours only; an "up" without a "down" is a heartbeat, not downtime', async () => {
    at('2026-11-09T12:00:00-05:00');
    const report = await recordEvents(app.deps, WEBSITE, [
      // From 07:30 (closed) to 08:30: 30 minutes count.
      { id: 'o1-down', incident: 'o1', phase: 'down', at: '2026-11-09T07:30:00-05:00' },
      { id: 'o1-up', incident: 'o1', phase: 'up', at: '2026-11-09T08:30:00-05:00' },
      { id: 'o2-up', incident: 'o2', phase: 'up' },
      // The same incident reported up again, under a new id: the monitor is still there, nothing more.
      { id: 'o1-up-again', incident: 'o1', phase: 'up' },
    ]);
    expect(report).toEqual({ accepted: 4, duplicates: 0, rejected: [] });
    const status = await getStatus(app.deps, WEBSITE);
    expect(status.budget?.used).toBeCloseTo(30, 5);
    const aggregates = await app.deps.events.getAggregates([{ commitmentId: WEBSITE, periodKey: '2026-11' }]);
    expect([...aggregates.values()][0]?.counters.heartbeats).toBe(2);
    expect((await app.deps.events.getOutage(WEBSITE, 'o1'))?.up).toBe(
      Date.parse('2026-11-09T08:30:00-05:00'),
    );
    const retry = await recordEvents(app.deps, WEBSITE, [
      { id: 'o1-up', incident: 'o1', phase: 'up', at: '2026-11-09T08:30:00-05:00' },
    ]);
    expect(retry).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
  });

  it('counts an outage that is still going on', async () => {
    at('2026-11-10T10:00:00-05:00');
    await recordEvents(app.deps, WEBSITE, [{ id: 'o3-down', incident: 'o3', phase: 'down' }]);
    at('2026-11-10T10:20:00-05:00');
    expect((await getStatus(app.deps, WEBSITE)).budget?.used).toBeCloseTo(50, 5);
  });
});
