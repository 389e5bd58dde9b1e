import fc from 'fast-check';
import { DateTime, Duration } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isOpen } from '../../../shared/domain/calendar.js';
import {
  type AlertState,
  acknowledge,
  decideEscalation,
  InvalidSnoozeError,
  MAX_SNOOZE_MS,
  NoOpenAlertError,
  nextEscalationAt,
  snooze,
} from '../../../shared/domain/escalation.js';
import type { BusinessCalendar, EscalationStep, LocalSpan, Status } from '../../../shared/domain/model.js';

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
  holidays: ['2026-11-26', '2026-12-25'],
};
// Two spans a day with a lunch break, in another zone than the commitment's.
const splitDays: BusinessCalendar = {
  name: 'split',
  zone: 'Europe/Berlin',
  hours: weekdays([
    { start: 9 * 60, end: 12 * 60 },
    { start: 13 * 60, end: 17 * 60 },
  ]),
  holidays: ['2026-11-02'],
};

type Action =
  | { type: 'evaluate'; status: Status; advance: number; final: boolean }
  | { type: 'retry' }
  | { type: 'ack'; by: string; note: string | undefined }
  | { type: 'snooze'; by: string; untilIn: number };

const stepsArb: fc.Arbitrary<EscalationStep[]> = fc
  .array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 4 })
  .map((afters) =>
    afters
      .sort((a, b) => a - b)
      .map((h, i) => ({ after: `${h}h`, afterMs: minutes(h * 60), notify: [`audience-${i + 1}`] })),
  );

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      type: fc.constant('evaluate' as const),
      status: fc.constantFrom<Status>(
        'at_risk',
        'at_risk',
        'at_risk',
        'on_track',
        'breached',
        'met',
        'no_data',
      ),
      // Mostly the 15-minute schedule, sometimes a gap (an outage, a weekend).
      advance: fc.oneof(
        { weight: 4, arbitrary: fc.constant(15) },
        { weight: 3, arbitrary: fc.integer({ min: 0, max: 240 }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 * 24 * 60 }) },
      ),
      final: fc.oneof(
        { weight: 5, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'retry' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('ack' as const),
      by: fc.constantFrom('U0LEAD', 'U0REP'),
      note: fc.option(fc.constantFrom('on it', 'called sales'), { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('snooze' as const),
      by: fc.constantFrom('U0LEAD', 'U0REP'),
      untilIn: fc.integer({ min: -60, max: 31 * 24 * 60 }),
    }),
  },
);

const scenarioArb = fc.record({
  steps: stepsArb,
  calendar: fc.constantFrom<BusinessCalendar | undefined>(business, splitDays, undefined),
  // Any minute of November 2026 (New York), the period under evaluation.
  start: fc
    .integer({ min: 0, max: 29 * 24 * 60 })
    .map((m) => DateTime.fromISO('2026-11-01T00:00', { zone: NY }).plus({ minutes: m }).toMillis()),
  actions: fc.array(actionArb, { minLength: 1, maxLength: 30 }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

/** Drives one alert through a scenario the way the evaluator and the people would, checking every step. */
function play({ steps, calendar, start, actions }: Scenario): void {
  let state: AlertState | undefined;
  let now = start;
  let lastEvaluation: Parameters<typeof decideEscalation>[0] | undefined;
  const sentKeys = new Set<string>();
  const sentOnce = { met: 0, breached: 0 };

  for (const action of actions) {
    if (action.type === 'ack' || action.type === 'snooze') {
      const before = state;
      const act = () =>
        action.type === 'ack'
          ? acknowledge(before, action.by, now, action.note)
          : snooze(before, action.by, now + minutes(action.untilIn), now);
      if (before === undefined || before.level === 0) {
        expect(act).toThrow(NoOpenAlertError);
        continue;
      }
      if (action.type === 'snooze' && (action.untilIn <= 0 || minutes(action.untilIn) > MAX_SNOOZE_MS)) {
        expect(act).toThrow(InvalidSnoozeError);
        continue;
      }
      const after = act();
      expect(after.level).toBe(before.level);
      expect(after.revision - before.revision).toBeOneOf([0, 1]);
      state = after;
      continue;
    }

    let input: Parameters<typeof decideEscalation>[0];
    if (action.type === 'retry') {
      // A retried or overlapping run that read the state the previous run wrote.
      if (lastEvaluation === undefined) continue;
      input = { ...lastEvaluation, state };
    } else {
      now += minutes(action.advance);
      input = {
        state,
        commitmentId: 'c1',
        period: '2026-11',
        status: action.status,
        final: action.final,
        steps,
        zone: NY,
        now,
        ...(calendar ? { calendar } : {}),
      };
    }
    lastEvaluation = input;
    const snapshot = structuredClone(state);
    const expectedEscalation = escalationExpected(input);

    const decision = decideEscalation(input);

    // (c) Determinism: the same input on the same state gives the same output, and the input is untouched.
    expect(decideEscalation({ ...input, state: structuredClone(snapshot) })).toEqual(decision);
    expect(state).toEqual(snapshot);

    const before = state;
    const after = decision.state;
    if (decision.changed) {
      expect(after.revision).toBe((before?.revision ?? 0) + 1);
    } else {
      expect(decision.notifications).toEqual([]);
      expect(after.revision).toBe(before?.revision ?? 0);
    }

    // (a) No dedup key twice; met and breached at most once per period.
    for (const intent of decision.notifications) {
      expect(sentKeys.has(intent.dedupKey)).toBe(false);
      sentKeys.add(intent.dedupKey);
      if (intent.kind === 'met' || intent.kind === 'breached') sentOnce[intent.kind] += 1;
      // Who hears it: a breach, everyone; a recovery or a continued episode, everyone the alert
      // reached; the met note, everyone an open alert reached; anything else, its level's step.
      const upTo = (level: number) => [...new Set(steps.slice(0, level).flatMap((step) => step.notify))];
      const reached = Math.max(1, before?.level ?? 0);
      if (intent.kind === 'breached') expect(intent.notify).toEqual(upTo(steps.length));
      else if (intent.kind === 'recovered' || (intent.kind === 'at_risk' && intent.continued !== undefined)) {
        expect(intent.notify).toEqual(upTo(intent.level));
      } else if (intent.kind === 'met') expect(intent.notify).toEqual(upTo(reached));
      else expect(intent.notify).toEqual(steps[intent.level - 1]?.notify);
    }
    expect(sentOnce.met).toBeLessThanOrEqual(1);
    // One evaluation never says both "recovered" and "met".
    expect(
      decision.notifications.filter((n) => n.kind === 'recovered' || n.kind === 'met').length,
    ).toBeLessThanOrEqual(1);
    expect(sentOnce.breached).toBeLessThanOrEqual(1);

    // (b) The level stays within the policy and never goes down while the alert stays open.
    expect(after.level).toBeGreaterThanOrEqual(0);
    expect(after.level).toBeLessThanOrEqual(steps.length);
    if (before !== undefined && before.level > 0 && after.level > 0) {
      expect(after.episode).toBe(before.episode);
      expect(after.level).toBeGreaterThanOrEqual(before.level);
    }

    // (d) Nothing is told while the calendar is closed.
    if (calendar !== undefined && decision.notifications.length > 0) expect(isOpen(calendar, now)).toBe(true);

    // nextEscalationAt agrees with the decision.
    if (expectedEscalation !== undefined) {
      expect(decision.notifications.some((n) => n.kind === 'escalated')).toBe(expectedEscalation);
    }

    state = after;
  }
}

/**
 * Whether an at-risk evaluation of an open alert should escalate, by `nextEscalationAt`'s account;
 * `undefined` when the evaluation is not of that kind.
 */
function escalationExpected(input: Parameters<typeof decideEscalation>[0]): boolean | undefined {
  const { state, status, final, steps, calendar, zone, now } = input;
  if (state === undefined || state.level === 0 || status !== 'at_risk' || final) return undefined;
  if (calendar !== undefined && !isOpen(calendar, now)) return false;
  const next = nextEscalationAt(state, steps, calendar, zone);
  return next !== null && next <= now;
}

describe('escalation properties', () => {
  it('never repeats a notification, keeps levels in order, is deterministic and quiet when closed', () => {
    fc.assert(fc.property(scenarioArb, play), { numRuns: 400 });
  });

  it('escalates an ignored alert through every step in order, one notification each, then stays quiet', () => {
    const ignoredArb = fc.record({
      steps: stepsArb,
      calendar: fc.constantFrom<BusinessCalendar | undefined>(business, splitDays, undefined),
      start: scenarioArb.map((s) => s.start),
    });
    fc.assert(
      fc.property(ignoredArb, ({ steps, calendar, start }) => {
        let state: AlertState | undefined;
        const kinds: string[] = [];
        // Every 15 minutes, until a day after the top is reached (a 40-business-hour step on the split
        // calendar takes under three weeks).
        let quietRunsLeft = 24 * 4;
        for (let run = 0; run <= 3 * 7 * 24 * 4 && quietRunsLeft > 0; run++) {
          const now = start + minutes(run * 15);
          const input = {
            state,
            commitmentId: 'c1',
            period: '2026-11',
            status: 'at_risk' as const,
            final: false,
          };
          const decision = decideEscalation({
            ...input,
            steps,
            zone: NY,
            now,
            ...(calendar ? { calendar } : {}),
          });
          kinds.push(...decision.notifications.map((n) => `${n.kind}@${n.level}`));
          state = decision.state;
          if (state.level === steps.length) quietRunsLeft -= 1;
        }
        // Steps with the same `after` are reached together, in one notification for the highest.
        const distinct = steps
          .map((step, i) => ({ level: i + 1, afterMs: step.afterMs }))
          .filter((s, i, all) => s.level > 1 && all[i + 1]?.afterMs !== s.afterMs);
        const expected = ['at_risk@1', ...distinct.map((s) => `escalated@${s.level}`)];
        expect(kinds).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
