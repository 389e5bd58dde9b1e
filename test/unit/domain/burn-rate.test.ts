/**
 * Multiwindow burn-rate alerts: a rule fires only while both its windows burn at its rate or
 * faster, and stops as soon as the short window drops below it. The escalation state machine turns
 * a firing rule into an at-risk alert at the rule's level, and recovers it once no rule fires.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  firingBurnRate,
  MINUTE_MS,
  type OutcomeBucket,
  windowBurn,
} from '../../../shared/domain/alerts/burn-rate.js';
import { type AlertState, decideEscalation } from '../../../shared/domain/escalation.js';
import type { BurnRateRule, EscalationStep, Status } from '../../../shared/domain/model.js';

const HOUR_MS = 60 * MINUTE_MS;
const NOW = Date.UTC(2026, 10, 18, 15, 0, 0);
const OBJECTIVE = 0.999;
const fast: BurnRateRule = {
  long: '1h',
  short: '5m',
  longMs: HOUR_MS,
  shortMs: 5 * MINUTE_MS,
  rate: 14.4,
  level: 2,
};
const slow: BurnRateRule = {
  long: '6h',
  short: '30m',
  longMs: 6 * HOUR_MS,
  shortMs: 30 * MINUTE_MS,
  rate: 6,
};

/** `total` outcomes a minute, `bad` of them bad, for each of the `minutes` before `end`. */
function steady(end: number, minutes: number, total: number, bad: number): OutcomeBucket[] {
  return Array.from({ length: minutes }, (_, i) => ({
    minute: end - (i + 1) * MINUTE_MS,
    good: total - bad,
    total,
  }));
}

describe('burn rate over a window', () => {
  it('is the bad share over the share the objective allows', () => {
    // 100 outcomes a minute for an hour, 2 bad a minute: 2% bad against 0.1% allowed is a burn of 20.
    const burn = windowBurn(steady(NOW, 60, 100, 2), OBJECTIVE, NOW, HOUR_MS);
    expect(burn.total).toBe(6000);
    expect(burn.bad).toBe(120);
    expect(burn.rate).toBeCloseTo(20, 9);
  });

  it('counts the minutes whose start lies in the window, and 0 without outcomes', () => {
    const buckets = [
      { minute: NOW - HOUR_MS - MINUTE_MS, good: 0, total: 50 },
      { minute: NOW - HOUR_MS, good: 9, total: 10 },
      { minute: NOW, good: 0, total: 5 },
    ];
    expect(windowBurn(buckets, OBJECTIVE, NOW, HOUR_MS)).toMatchObject({ total: 10, bad: 1 });
    expect(windowBurn([], OBJECTIVE, NOW, HOUR_MS)).toEqual({ total: 0, bad: 0, rate: 0 });
  });
});

describe('a burn-rate rule', () => {
  it('fires when both windows burn at the rate or faster, at its level', () => {
    const finding = firingBurnRate([fast, slow], steady(NOW, 60, 100, 2), OBJECTIVE, NOW, 10);
    expect(finding?.rule).toBe(fast);
    expect(finding?.level).toBe(2);
    expect(finding?.long.rate).toBeCloseTo(20, 9);
  });

  it('does not fire on a long window alone: the burn stopped ten minutes ago', () => {
    const buckets = [...steady(NOW - 10 * MINUTE_MS, 50, 100, 3), ...steady(NOW, 10, 100, 0)];
    expect(windowBurn(buckets, OBJECTIVE, NOW, HOUR_MS).rate).toBeGreaterThan(14.4);
    expect(firingBurnRate([fast], buckets, OBJECTIVE, NOW, 10)).toBeUndefined();
  });

  it('does not fire on a short window alone: a blip in a quiet hour', () => {
    const buckets = [...steady(NOW - 5 * MINUTE_MS, 55, 100, 0), ...steady(NOW, 5, 100, 5)];
    expect(windowBurn(buckets, OBJECTIVE, NOW, 5 * MINUTE_MS).rate).toBeGreaterThan(14.4);
    expect(firingBurnRate([fast], buckets, OBJECTIVE, NOW, 10)).toBeUndefined();
  });

  it('fires at exactly the rate, despite 1 − 0.999 not being exact', () => {
    // 144 bad in 10,000 a window: a burn of 14.4 exactly.
    const buckets = [...steady(NOW - 5 * MINUTE_MS, 55, 0, 0), ...steady(NOW, 5, 2000, 28.8)];
    expect(firingBurnRate([fast], buckets, OBJECTIVE, NOW, 10)).toBeDefined();
  });

  it('waits for minEvents outcomes in the long window', () => {
    const buckets = steady(NOW, 9, 1, 1);
    expect(firingBurnRate([fast], buckets, OBJECTIVE, NOW, 10)).toBeUndefined();
    expect(firingBurnRate([fast], steady(NOW, 10, 1, 1), OBJECTIVE, NOW, 10)).toBeDefined();
  });

  it('lets the rule that starts highest speak when several fire, the first on a tie', () => {
    const both = firingBurnRate([slow, fast], steady(NOW, 360, 100, 3), OBJECTIVE, NOW, 10);
    expect(both?.rule).toBe(fast);
    const tie = firingBurnRate([slow, { ...slow, rate: 7 }], steady(NOW, 360, 100, 3), OBJECTIVE, NOW, 10);
    expect(tie?.rule).toBe(slow);
  });

  it('fires exactly when both windows are at or above the rate (property)', () => {
    const minuteArb = fc.record({
      total: fc.integer({ min: 0, max: 50 }),
      badShare: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(minuteArb, { minLength: 60, maxLength: 60 }),
        fc.double({ min: 0.5, max: 40, noNaN: true }),
        (minutes, rate) => {
          const buckets = minutes.map((m, i) => {
            const bad = Math.round(m.total * m.badShare);
            return { minute: NOW - (i + 1) * MINUTE_MS, good: m.total - bad, total: m.total };
          });
          const rule = { ...fast, rate };
          const long = windowBurn(buckets, OBJECTIVE, NOW, rule.longMs);
          const short = windowBurn(buckets, OBJECTIVE, NOW, rule.shortMs);
          const expected =
            long.total >= 10 &&
            short.total > 0 &&
            long.rate >= rate * (1 - 1e-9) &&
            short.rate >= rate * (1 - 1e-9);
          expect(firingBurnRate([rule], buckets, OBJECTIVE, NOW, 10) !== undefined).toBe(expected);
        },
      ),
    );
  });
});

describe('a burn-rate alert through the escalation state machine', () => {
  const steps: EscalationStep[] = [
    { after: '0h', afterMs: 0, notify: ['provider'] },
    { after: '8h', afterMs: 8 * HOUR_MS, notify: ['provider.lead', 'consumer'] },
    { after: '24h', afterMs: 24 * HOUR_MS, notify: ['executives'] },
  ];
  function drive() {
    let state: AlertState | undefined;
    return {
      run(status: Status, minutesFromNow: number, burning?: { level: number }, clear = true) {
        const decision = decideEscalation({
          state,
          commitmentId: 'conversion',
          period: '2026-11',
          status,
          final: false,
          steps,
          zone: 'UTC',
          now: NOW + minutesFromNow * MINUTE_MS,
          clearOfRisk: clear,
          ...(burning ? { burning } : {}),
        });
        state = decision.state;
        return decision.notifications.map((n) => `${n.kind}@${n.level}:${n.notify.join(',')}`);
      },
      get state() {
        return state as AlertState;
      },
    };
  }

  it('opens at the rule level, telling every step up to it, while the period is on track', () => {
    const alert = drive();
    expect(alert.run('on_track', 0, { level: 2 })).toEqual(['at_risk@2:provider,provider.lead,consumer']);
    expect(alert.state).toMatchObject({ level: 2, lastStatus: 'at_risk', episode: 1 });
    expect(alert.run('on_track', 15, { level: 2 })).toEqual([]);
  });

  it('recovers once no rule fires and the period is clear', () => {
    const alert = drive();
    alert.run('on_track', 0, { level: 2 });
    expect(alert.run('on_track', 15)).toEqual(['recovered@2:provider,provider.lead,consumer']);
    expect(alert.state.level).toBe(0);
  });

  it('stays open past the burn when the period itself is still short of the recovery line', () => {
    const alert = drive();
    alert.run('on_track', 0, { level: 1 });
    expect(alert.run('on_track', 15, undefined, false)).toEqual([]);
    expect(alert.state.level).toBe(1);
  });

  it('raises an open alert to the rule level, telling only the steps that had not heard', () => {
    const alert = drive();
    expect(alert.run('at_risk', 0)).toEqual(['at_risk@1:provider']);
    expect(alert.run('at_risk', 15, { level: 3 })).toEqual(['escalated@3:provider.lead,consumer,executives']);
  });

  it('does not raise an acknowledged alert: someone is on it', () => {
    const alert = drive();
    alert.run('at_risk', 0);
    const acknowledged = { ...alert.state, acknowledgedBy: 'U1', acknowledgedAt: NOW + MINUTE_MS };
    const decision = decideEscalation({
      state: acknowledged,
      commitmentId: 'conversion',
      period: '2026-11',
      status: 'on_track',
      final: false,
      steps,
      zone: 'UTC',
      now: NOW + 15 * MINUTE_MS,
      clearOfRisk: true,
      burning: { level: 3 },
    });
    expect(decision.notifications).toEqual([]);
    expect(decision.state.level).toBe(1);
  });

  it('changes nothing once the period is final, breached or met', () => {
    expect(drive().run('met', 0, { level: 2 })).toEqual(['met@1:provider']);
    const breached = drive();
    breached.run('breached', 0);
    expect(breached.run('on_track', 15, { level: 2 })).toEqual([]);
  });
});
