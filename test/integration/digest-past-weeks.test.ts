/**
 * A week's digest is the state at that week's send time (Monday 08:00), whatever day it is asked
 * for. The example configuration is applied on Monday 2 November; the evaluator runs every day from
 * 16 November (so it left snapshots), leads arrive on business days at 11:00, and the digests are
 * asked for on Tuesday 1 December: W48 (sent Mon Nov 30), W45 (sent before any evaluation) and W49
 * (not sent yet).
 */
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWeeklyDigest } from '../../shared/app/digest.js';
import type { Digest } from '../../shared/app/digest-rendering.js';
import { runEvaluation } from '../../shared/app/evaluator.js';
import { recordEvents } from '../../shared/app/record-events.js';
import { getStatus } from '../../shared/app/status.js';
import type { Evaluation } from '../../shared/domain/evaluate.js';
import { useApp } from './app-context.js';

const ZONE = 'America/New_York';
const LEADS = 'marketing-qualified-leads';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
const app = await useApp('2026-11-02T09:00:00-05:00');
const evaluator = { ...app.deps, publisher: { publish: async () => {} } };

async function leadsOn(day: DateTime, count: number) {
  app.clock.set(day.set({ hour: 11 }).toMillis());
  const events = Array.from({ length: count }, (_, i) => ({ id: `lead-${day.toISODate()}-${i}` }));
  expect((await recordEvents(app.deps, LEADS, events)).accepted).toBe(count);
}

async function evaluateAt(at: DateTime) {
  app.clock.set(at.toMillis());
  await runEvaluation(evaluator);
}

const leadLine = (digest: Digest) =>
  digest.providers.flatMap((p) => p.commitments).find((c) => c.id === LEADS);

let stateAtW48Send: Evaluation;
let notYetSentW48: Digest;

beforeAll(async () => {
  // Leads from the first week on, but no evaluation (and so no snapshot) until 16 November.
  for (let day = local('2026-11-02'); day < local('2026-12-01'); day = day.plus({ days: 1 })) {
    if (day.weekday <= 5 && !day.equals(local('2026-11-26'))) await leadsOn(day, 3);
    if (day >= local('2026-11-16')) await evaluateAt(day.set({ hour: 17 }));
    if (day.equals(local('2026-11-29'))) {
      // Monday 30 November, 07:30: the W48 digest is not due yet, so it shows the live state.
      app.clock.set(local('2026-11-30T07:30').toMillis());
      notYetSentW48 = await buildWeeklyDigest(app.deps);
      app.clock.set(local('2026-11-30T08:00').toMillis());
      stateAtW48Send = await getStatus(app.deps, LEADS);
    }
  }
  // Tuesday 1 December: more leads, a new month, evaluated.
  await leadsOn(local('2026-12-01'), 7);
  await evaluateAt(local('2026-12-01T11:30'));
  app.clock.set(local('2026-12-01T12:00').toMillis());
}, 240_000);

describe('the digest of a past week, asked for on Tuesday 1 December', () => {
  it('shows W48 as it stood when it was sent on Monday 30 November, 08:00, not the state of today', async () => {
    const w48 = await buildWeeklyDigest(app.deps, { week: '2026-W48' });
    expect(w48).toMatchObject({ week: '2026-W48', asOf: '2026-11-30T13:00:00Z', asOfNow: false });
    expect(w48.text).toContain('State of every commitment as of Mon Nov 30, 2026, 08:00 EST.');
    const line = leadLine(w48);
    expect(stateAtW48Send).toMatchObject({ period: '2026-11', actual: 3 * 19 });
    expect(line).toMatchObject({
      period: stateAtW48Send.period,
      actual: stateAtW48Send.actual,
      status: stateAtW48Send.status,
    });
    expect(line?.attainment).toBeCloseTo(stateAtW48Send.attainment as number, 9);
    // November is closed by now, but it was not when W48 went out.
    expect((await app.deps.results.getResult(LEADS, '2026-11'))?.status).toBeDefined();
    expect(line?.lastClosed).toBeUndefined();
    // Today's numbers are elsewhere: December has its own 7 leads.
    expect(await getStatus(app.deps, LEADS)).toMatchObject({ period: '2026-12', actual: 7 });
  });

  it('answers the same over the API as in the use case', async () => {
    const response = await app.call('GET', '/v1/digest?week=2026-W48');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ week: '2026-W48', asOf: '2026-11-30T13:00:00Z' });
    expect(leadLine(response.body)?.actual).toBe(stateAtW48Send.actual);
  });

  it('says that nothing was evaluated by the send time of W45, instead of judging it with later events', async () => {
    const w45 = await buildWeeklyDigest(app.deps, { week: '2026-W45' });
    expect(w45.asOf).toBe('2026-11-09T13:00:00Z');
    expect(w45.headline).toEqual({ met: 0, on_track: 0, at_risk: 0, breached: 0, no_data: 3, total: 3 });
    expect(leadLine(w45)).toMatchObject({ period: '2026-11', status: 'no_data', actual: 0 });
    expect(leadLine(w45)?.figures).toMatch(/^not evaluated by then/);
    expect(w45.text).toContain('3 commitments: 0 BREACHED, 0 AT RISK, 0 ON TRACK, 0 MET, 3 NO DATA.');
  });

  it('shows a week whose digest is not due yet as of now, and says it has not been sent', async () => {
    const w49 = await buildWeeklyDigest(app.deps, { week: '2026-W49' });
    expect(w49).toMatchObject({
      week: '2026-W49',
      asOf: '2026-12-01T17:00:00Z',
      sendsAt: '2026-12-07T13:00:00Z',
      asOfNow: true,
    });
    expect(leadLine(w49)).toMatchObject({ period: '2026-12', actual: 7 });
    expect(w49.text.replace(/\s+/g, ' ')).toContain(
      'State of every commitment as of now (Tue Dec 1, 2026, 12:00 EST); this digest has not been sent yet, it goes out Mon Dec 7, 2026, 08:00 EST.',
    );
    expect(JSON.stringify(w49.messages[0]?.blocks)).toContain('has not been sent yet');
  });

  it('showed W48 as of now on Monday morning before it was due', () => {
    expect(notYetSentW48).toMatchObject({
      week: '2026-W48',
      asOf: '2026-11-30T12:30:00Z',
      asOfNow: true,
      sendsAt: '2026-11-30T13:00:00Z',
    });
  });
});
