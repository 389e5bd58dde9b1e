import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { runEvaluation } from '../../shared/app/evaluator.js';
import { voidRecordedEvent } from '../../shared/app/event-history.js';
import { recordEvents } from '../../shared/app/record-events.js';
import { getStatus } from '../../shared/app/status.js';
import type { OutgoingNotification } from '../../shared/ports/alert-store.js';
import { EXAMPLE_CONFIG, useApp } from './app-context.js';

/**
 * A busy checkout with multiwindow burn-rate alerts, through the real recording and evaluation
 * path against DynamoDB Local: a month's worth of good outcomes keeps the period on track, then an
 * hour at 2% bad (a burn of 20 against a 99.9% objective) fires the 1h/5m rule at its level 2 while
 * the period is still on track, and ten good minutes later the alert recovers.
 */
const CHECKOUT = 'checkout-success';
const config = `${EXAMPLE_CONFIG}
  - id: ${CHECKOUT}
    title: Checkouts succeed 99.9% of the time
    provider: it
    consumer: sales
    measure: ratio
    unit: checkouts
    objective: 0.999
    alerts:
      burnRate:
        - { long: 1h, short: 5m, rate: 14.4, level: 2 }
        - { long: 6h, short: 30m, rate: 6 }
  - id: refunds-on-time
    title: Refunds are paid within the week 99% of the time
    provider: sales
    consumer: marketing
    measure: ratio
    objective: 0.99
    alerts:
      burnRate:
        - { long: 3d, short: 6h, rate: 10 }
`;
const app = await useApp('2026-11-01T00:30:00-04:00', config);
const NY = 'America/New_York';
const MINUTE = 60_000;
const published: OutgoingNotification[] = [];
const deps = {
  ...app.deps,
  publisher: { publish: async (n: OutgoingNotification) => void published.push(n) },
};
const local = (iso: string) => DateTime.fromISO(iso, { zone: NY }).toMillis();
const ofCheckout = () => published.filter((n) => n.commitmentId === CHECKOUT);

/** One pre-aggregated event a minute from `from` for `minutes`, `bad` of every 100 outcomes bad. */
async function minutes(from: string, count: number, bad: number) {
  const start = local(from);
  const events = Array.from({ length: count }, (_, i) => ({
    id: `m-${start + i * MINUTE}`,
    at: new Date(start + i * MINUTE).toISOString(),
    good: 100 - bad,
    total: 100,
  }));
  app.clock.set(start + count * MINUTE);
  return recordEvents(app.deps, CHECKOUT, events);
}

async function evaluateAt(at: string) {
  app.clock.set(local(at));
  return runEvaluation(deps, local(at));
}

describe('multiwindow burn-rate alerts on a busy ratio', () => {
  it('counts outcomes per minute once, however often a batch is retried', async () => {
    // The month so far: ten million checkouts, all good, sent as one total this morning.
    app.clock.set(local('2026-11-18T05:00'));
    const bulk = [{ id: 'november-so-far', at: '2026-11-02T17:00:00Z', good: 10_000_000, total: 10_000_000 }];
    expect((await recordEvents(app.deps, CHECKOUT, bulk)).accepted).toBe(1);
    // Six good hours, 100 outcomes a minute, in one request of several transactions.
    expect((await minutes('2026-11-18T05:00', 360, 0)).accepted).toBe(360);
    const retried = await minutes('2026-11-18T05:00', 360, 0);
    expect(retried).toMatchObject({ accepted: 0, duplicates: 360 });
    const buckets = await app.deps.events.getOutcomeBuckets(
      CHECKOUT,
      local('2026-11-18T05:00'),
      local('2026-11-18T11:00'),
    );
    expect(buckets).toHaveLength(360);
    expect(buckets.every((b) => b.total === 100 && b.good === 100)).toBe(true);
    // Outcomes older than the longest window (6h) when recorded are kept in no bucket.
    expect(
      await app.deps.events.getOutcomeBuckets(CHECKOUT, local('2026-11-02T00:00'), local('2026-11-03T00:00')),
    ).toEqual([]);
  });

  it('says nothing while only the short window burns', async () => {
    await minutes('2026-11-18T11:00', 30, 2);
    await evaluateAt('2026-11-18T11:30');
    // The last 5 minutes burn at 20, the last hour at 10 (under 14.4), the last 6 hours at 1.7 (under 6).
    expect(ofCheckout()).toEqual([]);
  });

  it('opens at level 2 once both windows burn at 14.4 or faster, while the period is on track', async () => {
    await minutes('2026-11-18T11:30', 30, 2);
    const summary = await evaluateAt('2026-11-18T12:00');
    expect(summary.failedCommitments ?? []).toEqual([]);
    expect((await getStatus(app.deps, CHECKOUT)).status).toBe('on_track');
    const [alert, ...rest] = ofCheckout();
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ kind: 'at_risk', level: 2, status: 'at_risk' });
    expect(alert?.notify).toEqual(['provider', 'provider.lead', 'consumer']);
    expect(alert?.notes?.[0]).toBe(
      'burning the error budget 20× as fast as it lasts over the last hour (20× over the last 5 minutes)',
    );
    // At 20 times the allowed rate the month's budget (0.7% of it used) lasts a twentieth of the
    // month: 0.993 / 20 × 720 hours ≈ 36 hours, about 1 day (no calendar: days of 24 hours).
    expect(alert?.notes?.[1]).toBe('at this rate the budget runs out in about 1 day');
    expect(alert?.text).toContain(' · burning the error budget 20×');
    // Still burning a quarter of an hour later: nothing new.
    await minutes('2026-11-18T12:00', 15, 2);
    await evaluateAt('2026-11-18T12:15');
    expect(ofCheckout()).toHaveLength(1);
  });

  it('recovers once the short window drops below the rate, though the long one still burns', async () => {
    await minutes('2026-11-18T12:15', 10, 0);
    await evaluateAt('2026-11-18T12:25');
    const kinds = ofCheckout().map((n) => `${n.kind}@${n.level}`);
    expect(kinds).toEqual(['at_risk@2', 'recovered@2']);
    const state = await app.deps.alerts.get(CHECKOUT, '2026-11');
    expect(state).toMatchObject({ level: 0, lastStatus: 'on_track' });
  });

  it('splits a batch spread over many hours into transactions that each fit in 100 items', async () => {
    // 200 outcomes twenty minutes apart over 66 hours: each hour is one more item to write, so 99
    // events and their 33 hours would not fit one transaction.
    const end = local('2026-11-20T12:00');
    app.clock.set(end);
    const events = Array.from({ length: 200 }, (_, i) => ({
      id: `refund-${i}`,
      at: new Date(end - (200 - i) * 20 * MINUTE).toISOString(),
      outcome: i % 50 === 0 ? 'bad' : 'good',
    }));
    expect(await recordEvents(app.deps, 'refunds-on-time', events)).toMatchObject({
      accepted: 200,
      rejected: [],
    });
    const buckets = await app.deps.events.getOutcomeBuckets(
      'refunds-on-time',
      end - 3 * 24 * 60 * MINUTE,
      end,
    );
    expect(buckets.reduce((sum, b) => sum + b.total, 0)).toBe(200);
    expect(buckets.reduce((sum, b) => sum + b.total - b.good, 0)).toBe(4);
  });

  it('takes a voided outcome back out of its minute, once, so the windows see what the period sees', async () => {
    const end = local('2026-11-20T12:00');
    const bad = `refund-${150}`; // i % 50 === 0: one of the four bad refunds, 50 × 20 minutes ago
    const minuteOf = end - 50 * 20 * MINUTE;
    const badInWindow = async () =>
      (await app.deps.events.getOutcomeBuckets('refunds-on-time', end - 3 * 24 * 60 * MINUTE, end)).reduce(
        (sum, b) => sum + b.total - b.good,
        0,
      );
    const void_ = () =>
      voidRecordedEvent(app.deps, 'refunds-on-time', bad, { by: 'U0SALESLEAD', reason: 'test refund' });
    await void_();
    await void_();
    expect(await badInWindow()).toBe(3);
    const [bucket] = await app.deps.events.getOutcomeBuckets('refunds-on-time', minuteOf, minuteOf);
    expect(bucket === undefined || bucket.total === 0).toBe(true);
  });
});
