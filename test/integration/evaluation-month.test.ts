import { beforeAll, describe, expect, it } from 'vitest';
import { acknowledgeAlert } from '../../shared/app/alert-actions.js';
import { runEvaluation } from '../../shared/app/evaluator.js';
import { recordEvents } from '../../shared/app/record-events.js';
import { getStatus } from '../../shared/app/status.js';
import { LOCAL_ADMIN } from '../../shared/domain/permissions.js';
import type { OutgoingNotification } from '../../shared/ports/alert-store.js';
import { useApp } from './app-context.js';

/**
 * November 2026 on the example configuration, evaluated as the schedule would: the leads fall
 * behind, Marketing is warned, nobody reacts, it escalates at the next open hour, the lead
 * acknowledges, Marketing catches up, falls behind again and ends the month short.
 */
const app = await useApp('2026-11-01T00:30:00-04:00');
const LEADS = 'marketing-qualified-leads';
const FOLLOW_UP = 'sales-lead-follow-up';
const deps = { ...app.deps, publisher: app.publisher };
const sent = app.published;
const QUARTER_HOUR = 15 * 60_000;

/** Runs the evaluator every 15 minutes from the clock's time up to `to`, like the schedule. */
async function evaluateUntil(to: string) {
  const end = Date.parse(to);
  let at = Math.ceil(app.clock.now() / QUARTER_HOUR) * QUARTER_HOUR;
  if (at === app.clock.now()) at += QUARTER_HOUR;
  for (; at <= end; at += QUARTER_HOUR) {
    app.clock.set(at);
    await runEvaluation(deps, at);
  }
  app.clock.set(end);
}

async function leads(count: number, at: string, prefix: string) {
  app.clock.set(at);
  const events = Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, at }));
  const report = await recordEvents(app.deps, LEADS, events);
  expect(report.accepted).toBe(count);
}

const of = (id: string, from = 0) => sent.slice(from).filter((n) => n.commitmentId === id);
const describeSent = (n: OutgoingNotification) =>
  `${new Date(n.at).toISOString()} ${n.commitmentId} ${n.kind} L${n.level} → ${n.notify.join(', ')}`;

describe('a simulated November', () => {
  beforeAll(async () => {
    // Two weeks of steady but slow leads: 40 by the 18th.
    for (let day = 2; day <= 17; day++) {
      const date = `2026-11-${String(day).padStart(2, '0')}`;
      const weekday = new Date(`${date}T12:00:00-05:00`).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      await leads(day <= 13 ? 3 : 5, `${date}T11:00:00-05:00`, `nov-${day}`);
    }
    // Three leads reach Sales on Monday the 16th; Sales contacts only one of them.
    app.clock.set('2026-11-16T09:00:00-05:00');
    await recordEvents(app.deps, FOLLOW_UP, [
      { id: 'l1-start', subject: 'lead-1', phase: 'start' },
      { id: 'l2-start', subject: 'lead-2', phase: 'start' },
      { id: 'l3-start', subject: 'lead-3', phase: 'start' },
    ]);
    app.clock.set('2026-11-16T12:00:00-05:00');
    await recordEvents(app.deps, FOLLOW_UP, [{ id: 'l1-stop', subject: 'lead-1', phase: 'stop' }]);
    app.clock.set('2026-11-18T09:50:00-05:00');
  });

  it('warns Marketing once when the leads fall behind pace (level 1)', async () => {
    const status = await getStatus(app.deps, LEADS);
    expect(status.actual).toBeLessThan(status.expected);
    await evaluateUntil('2026-11-18T10:00:00-05:00');
    await evaluateUntil('2026-11-18T10:45:00-05:00');
    const warnings = of(LEADS).filter((n) => n.kind === 'at_risk');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 1, notify: ['provider'], severity: 'warning' });
    expect(warnings[0]?.text).toMatch(
      /^At risk: Marketing delivers qualified leads to Sales \(Marketing → Sales\) 40 \/ 100 leads/,
    );
  });

  it('escalates to level 2 at the next open hour, not at night', async () => {
    const before = sent.length;
    await evaluateUntil('2026-11-19T09:00:00-05:00');
    const escalations = of(LEADS, before).filter((n) => n.kind === 'escalated');
    expect(escalations).toHaveLength(1);
    // 8 business hours after Wednesday 10:00 is Wednesday 18:00, when the office closes.
    expect(new Date(escalations[0]?.at ?? 0).toISOString()).toBe('2026-11-19T13:00:00.000Z');
    expect(escalations[0]).toMatchObject({ level: 2, notify: ['provider.lead', 'consumer'] });
  });

  it('counts the overdue open leads of the follow-up commitment as misses before they are stopped', async () => {
    // Started Monday 09:00; 24 business hours later is Wednesday 13:00. Two of them are still open.
    const status = await getStatus(app.deps, FOLLOW_UP);
    expect(status.actual).toBeCloseTo(1 / 3, 5);
    expect(status.budget?.used).toBe(2);
    expect(status.status).toBe('at_risk');
    const warning = of(FOLLOW_UP).find((n) => n.kind === 'at_risk');
    expect(new Date(warning?.at ?? 0).toISOString()).toBe('2026-11-18T18:15:00.000Z');
  });

  it('stops escalating once the alert is acknowledged', async () => {
    app.clock.set('2026-11-19T09:05:00-05:00');
    await acknowledgeAlert(
      app.deps,
      LEADS,
      { by: 'U0MKTLEAD', note: 'two campaigns launch Friday' },
      LOCAL_ADMIN,
    );
    const before = sent.length;
    // Past Friday 14:00, when the 24-business-hour step would have fallen due.
    await evaluateUntil('2026-11-20T15:00:00-05:00');
    expect(of(LEADS, before).filter((n) => n.kind === 'escalated')).toHaveLength(0);
  });

  it('sends "recovered" once when Marketing catches up, even with two evaluators racing', async () => {
    const before = sent.length;
    await leads(38, '2026-11-20T15:05:00-05:00', 'catch-up');
    app.clock.set('2026-11-20T15:15:00-05:00');
    const [a, b] = await Promise.all([runEvaluation(deps), runEvaluation(deps)]);
    // A retried run (say, after a timeout) finds nothing left to do.
    const retry = await runEvaluation(deps);
    expect(of(LEADS, before).map((n) => n.kind)).toEqual(['recovered']);
    const keys = sent.slice(before).map((n) => n.dedupKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(a.notifications.length + b.notifications.length + retry.notifications.length).toBe(keys.length);
    expect(retry.notifications).toHaveLength(0);
    expect((await getStatus(app.deps, LEADS)).status).toBe('on_track');
  });

  it('closes a month that ends short as breached, with the credits of its tier, and says so at 08:00', async () => {
    // A slow last week: 90 leads in all.
    await leads(12, '2026-11-24T11:00:00-05:00', 'last-week');
    const before = sent.length;
    await evaluateUntil('2026-12-01T09:00:00-05:00');
    const history = await app.deps.results.listResults(LEADS, 1);
    expect(history[0]).toMatchObject({
      period: '2026-11',
      status: 'breached',
      actual: 90,
      target: 100,
      credit: 5,
    });
    const ledger = await app.deps.results.listLedger('marketing');
    expect(ledger).toEqual([
      expect.objectContaining({ commitmentId: LEADS, periodKey: '2026-11', credit: 5 }),
    ]);
    const breach = of(LEADS, before).filter((n) => n.kind === 'breached');
    expect(breach).toHaveLength(1);
    // A breach reaches every step of the ladder: the provider, its lead, the consumer and the executives.
    expect(breach[0]).toMatchObject({
      level: 3,
      severity: 'critical',
      notify: ['provider', 'provider.lead', 'consumer', 'executives'],
    });
    // The month closed at night; the breach waited for the office to open on Tuesday, December 1st.
    expect(new Date(breach[0]?.at ?? 0).toISOString()).toBe('2026-12-01T13:00:00.000Z');
    // A second run changes nothing: closing and its notification happen exactly once.
    await runEvaluation(deps, Date.parse('2026-12-01T09:15:00-05:00'));
    expect(await app.deps.results.listLedger('marketing')).toHaveLength(1);
    expect(sent.filter((n) => n.kind === 'breached' && n.commitmentId === LEADS)).toHaveLength(1);
    console.log(`notifications of the simulated month:\n${sent.map(describeSent).join('\n')}`);
  });
});
