import fc from 'fast-check';
import { DateTime, Duration } from 'luxon';
import { describe, expect, it } from 'vitest';
import { businessDayMillis } from '../../../shared/domain/alerts/recovery.js';
import { alwaysOpenCalendar, businessMillisBetween } from '../../../shared/domain/calendar.js';
import { type AlertState, decideEscalation } from '../../../shared/domain/escalation.js';
import type { BusinessCalendar, EscalationStep, LocalSpan } from '../../../shared/domain/model.js';

const NY = 'America/New_York';
const minutes = (n: number) => Duration.fromObject({ minutes: n }).toMillis();
const weekdays = (spans: LocalSpan[]): BusinessCalendar['hours'] => ({
  1: spans,
  2: spans,
  3: spans,
  4: spans,
  5: spans,
  6: [],
  7: [],
});
const business: BusinessCalendar = {
  name: 'business',
  zone: NY,
  hours: weekdays([{ start: 8 * 60, end: 18 * 60 }]),
  holidays: ['2026-11-26'],
};
const splitDays: BusinessCalendar = {
  name: 'split',
  zone: 'Europe/Berlin',
  hours: weekdays([
    { start: 9 * 60, end: 12 * 60 },
    { start: 13 * 60, end: 17 * 60 },
  ]),
  holidays: [],
};
const steps: EscalationStep[] = [
  { after: '0h', afterMs: 0, notify: ['provider'] },
  { after: '8h', afterMs: minutes(8 * 60), notify: ['provider.lead', 'consumer'] },
  { after: '24h', afterMs: minutes(24 * 60), notify: ['executives'] },
];

/**
 * One evaluation of the schedule: where the projection stands against the two lines. `below` the
 * at-risk line is at risk; `between` the lines is on track but short of the recovery margin; `clear`
 * is past the recovery line. Any order of these is possible for a projection hovering on the line.
 */
const evaluationArb = fc.record({
  where: fc.constantFrom('below', 'between', 'clear'),
  advance: fc.oneof(
    { weight: 6, arbitrary: fc.constant(15) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 180 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 * 24 * 60 }) },
  ),
});

const scenarioArb = fc.record({
  calendar: fc.constantFrom<BusinessCalendar | undefined>(business, splitDays, undefined),
  start: fc
    .integer({ min: 0, max: 20 * 24 * 60 })
    .map((m) => DateTime.fromISO('2026-11-01T00:00', { zone: NY }).plus({ minutes: m }).toMillis()),
  evaluations: fc.array(evaluationArb, { minLength: 2, maxLength: 120 }),
});

describe('alerts on a projection hovering near the at-risk line', () => {
  it('say "recovered" at most once per business day, however the evaluations fall', () => {
    fc.assert(
      fc.property(scenarioArb, ({ calendar, start, evaluations }) => {
        let state: AlertState | undefined;
        let now = start;
        const recoveries: number[] = [];
        for (const { where, advance } of evaluations) {
          now += minutes(advance);
          const decision = decideEscalation({
            state,
            commitmentId: 'c1',
            period: '2026-11',
            status: where === 'below' ? 'at_risk' : 'on_track',
            clearOfRisk: where === 'clear',
            final: false,
            steps,
            zone: NY,
            now,
            ...(calendar ? { calendar } : {}),
          });
          for (const n of decision.notifications) if (n.kind === 'recovered') recoveries.push(now);
          // Short of the recovery line, an open alert never closes.
          if (where !== 'clear' && (state?.level ?? 0) > 0) expect(decision.state.level).toBeGreaterThan(0);
          state = decision.state;
        }
        const day = businessDayMillis(calendar);
        const cal = calendar ?? alwaysOpenCalendar(NY);
        for (let i = 1; i < recoveries.length; i++) {
          const between = businessMillisBetween(cal, recoveries[i - 1] as number, recoveries[i] as number);
          expect(between).toBeGreaterThanOrEqual(day);
        }
      }),
      { numRuns: 300 },
    );
  });
});
