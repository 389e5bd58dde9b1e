import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addBusinessDays, addSpan, snoozeButtonSpan } from '../../../shared/domain/business-days.js';
import {
  addBusinessMillis,
  businessMillisBetween,
  isOpen,
  nextOpenInstant,
} from '../../../shared/domain/calendar.js';
import { normalizeEscalation } from '../../../shared/domain/config-policy.js';
import {
  formatSpan,
  InvalidDurationError,
  MAX_BUSINESS_DAYS,
  parseDuration,
  parseSpan,
  spanWords,
} from '../../../shared/domain/duration.js';
import { decideEscalation, nextEscalationAt } from '../../../shared/domain/escalation.js';
import { localDayContaining } from '../../../shared/domain/local-time.js';
import type { BusinessCalendar, CommitmentDefinition, EscalationStep } from '../../../shared/domain/model.js';
import { planCommitments } from '../../../shared/domain/plan.js';
import { escalationDayNotes } from '../../../shared/domain/plan-notes.js';
import type { FieldIssue } from '../../../shared/domain/validation-error.js';

const NY = 'America/New_York';
const HOUR = 3_600_000;
const eightToSix = [{ start: 8 * 60, end: 18 * 60 }];
const business: BusinessCalendar = {
  name: 'business',
  zone: NY,
  hours: { 1: eightToSix, 2: eightToSix, 3: eightToSix, 4: eightToSix, 5: eightToSix, 6: [], 7: [] },
  holidays: ['2026-11-26', '2026-12-25'],
};
/** Days of different lengths: a lunch break on Tuesdays, short Fridays, Saturday mornings. */
const uneven: BusinessCalendar = {
  name: 'uneven',
  zone: NY,
  hours: {
    1: eightToSix,
    2: [
      { start: 8 * 60, end: 12 * 60 },
      { start: 13 * 60, end: 18 * 60 },
    ],
    3: eightToSix,
    4: eightToSix,
    5: [{ start: 8 * 60, end: 14 * 60 }],
    6: [{ start: 9 * 60, end: 12 * 60 }],
    7: [],
  },
  holidays: ['2026-11-26', '2026-11-27', '2026-12-24', '2026-12-25', '2027-01-01'],
};

/** New York wall time, e.g. `2026-11-17T15:00` (a Tuesday). */
const at = (local: string) => DateTime.fromISO(local, { zone: NY }).toMillis();
const local = (ms: number) => DateTime.fromMillis(ms, { zone: NY }).toFormat("ccc yyyy-MM-dd'T'HH:mm");

describe('bd durations', () => {
  it.each([
    ['2bd', { businessDays: 2, ms: 0 }],
    ['1bd4h', { businessDays: 1, ms: 4 * HOUR }],
    ['1BD30m', { businessDays: 1, ms: 30 * 60_000 }],
    ['1d', { businessDays: 0, ms: 24 * HOUR }],
    ['8h', { businessDays: 0, ms: 8 * HOUR }],
    ['PT8H', { businessDays: 0, ms: 8 * HOUR }],
  ])('reads %s', (text, span) => {
    expect(parseSpan(text)).toEqual(span);
  });

  it('round-trips: parseSpan reads back exactly what formatSpan writes', () => {
    const span = fc.record({
      businessDays: fc.integer({ min: 0, max: MAX_BUSINESS_DAYS }),
      ms: fc.integer({ min: 0, max: 40 * 24 * HOUR }),
    });
    fc.assert(
      fc.property(span, (s) => {
        expect(parseSpan(formatSpan(s))).toEqual(s);
      }),
      { numRuns: 2000 },
    );
    expect(formatSpan({ businessDays: 2, ms: 0 })).toBe('2bd');
    expect(formatSpan({ businessDays: 1, ms: 4 * HOUR })).toBe('1bd4h');
    expect(formatSpan({ businessDays: 0, ms: 24 * HOUR })).toBe('1d');
  });

  it.each([
    [
      '1bd1d',
      /mixes business days with days or weeks; write only business days and hours, like 2bd or 1bd4h/,
    ],
    ['1w1bd', /'1w1bd' is not a duration; write it like 2bd \(business days\)/],
    ['1bdx', /'1bdx' is not a duration; write it like 2bd \(business days\)/],
    ['2601bd', /the most business days is 2600bd/],
  ])('refuses %s, saying what to write', (text, message) => {
    expect(() => parseSpan(text)).toThrow(InvalidDurationError);
    expect(() => parseSpan(text)).toThrow(message);
  });

  it('is refused where a fixed length is needed, naming where it is accepted', () => {
    expect(() => parseDuration('2bd')).toThrow(
      "'2bd' counts business days, which only escalation steps' after and snoozes accept; write hours here, like 24h",
    );
  });

  it('reads as words on a button', () => {
    expect(spanWords(parseSpan('1bd'))).toBe('1 business day');
    expect(spanWords(parseSpan('24h'))).toBe('24 hours');
    expect(spanWords(parseSpan('1d'))).toBe('24 hours');
    expect(spanWords(parseSpan('2bd1h30m'))).toBe('2 business days 1 hour 30 minutes');
    expect(snoozeButtonSpan(business)).toBe('1bd');
    expect(snoozeButtonSpan(undefined)).toBe('24h');
  });
});

describe('adding business days', () => {
  it.each([
    ['a plain week', business, '2026-11-17T15:00', 2, 'Thu 2026-11-19T15:00'],
    ['over a holiday', business, '2026-11-25T15:00', 1, 'Fri 2026-11-27T15:00'],
    ['over a weekend', business, '2026-11-20T17:59', 1, 'Mon 2026-11-23T17:59'],
    ['from a weekend: the next opening counts', business, '2026-11-21T10:00', 1, 'Tue 2026-11-24T08:00'],
    ['from the evening', business, '2026-11-17T20:00', 1, 'Thu 2026-11-19T08:00'],
    ['across the end of daylight saving time', business, '2026-10-30T10:00', 1, 'Mon 2026-11-02T10:00'],
    ['into a lunch break day, by open time', uneven, '2026-11-16T14:00', 1, 'Tue 2026-11-17T15:00'],
    ['into a short Friday: it ends at its close', uneven, '2026-11-19T16:00', 1, 'Fri 2026-11-20T14:00'],
    ['from a short Friday', uneven, '2026-11-20T13:00', 1, 'Sat 2026-11-21T12:00'],
    ['over two holidays and a Saturday', uneven, '2026-11-25T10:00', 2, 'Mon 2026-11-30T10:00'],
  ])('%s', (_name, calendar, from, days, expected) => {
    expect(local(addBusinessDays(calendar, at(from), days))).toBe(expected);
  });

  it('is not 24 business hours: 1bd and 1d differ on a 10-hour calendar', () => {
    const monday = at('2026-11-16T10:00');
    expect(local(addSpan(business, NY, monday, parseSpan('1bd')))).toBe('Tue 2026-11-17T10:00');
    expect(local(addSpan(business, NY, monday, parseSpan('1d')))).toBe('Wed 2026-11-18T14:00');
    expect(local(addSpan(business, NY, monday, parseSpan('1bd4h')))).toBe('Tue 2026-11-17T14:00');
    // Without a calendar every day is open all day: the same local time the next day.
    expect(local(addSpan(undefined, NY, at('2026-11-07T10:00'), parseSpan('1bd')))).toBe(
      'Sun 2026-11-08T10:00',
    );
  });

  const instant = fc.integer({ min: at('2026-10-01T00:00'), max: at('2027-02-01T00:00') });
  const days = fc.integer({ min: 0, max: 12 });

  it('with days of equal length, is that many days of open time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 12 }), (from, n) => {
        const start = nextOpenInstant(business, from);
        const result = addBusinessDays(business, from, n);
        expect(businessMillisBetween(business, start, result)).toBe(n * 10 * HOUR);
        // …and it is the start of that open time, never the close before a night.
        expect(isOpen(business, result)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('lands on the n-th open day after the start, inside its open hours, and never goes back', () => {
    fc.assert(
      fc.property(instant, instant, days, (a, b, n) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const result = addBusinessDays(uneven, early, n);
        expect(result).toBeGreaterThanOrEqual(early);
        expect(addBusinessDays(uneven, late, n)).toBeGreaterThanOrEqual(result);
        if (n === 0) return;
        expect(addBusinessDays(uneven, early, n + 1)).toBeGreaterThan(result);
        // Open days from the start's day to the result's: exactly n steps.
        const first = localDayContaining(nextOpenInstant(uneven, early), NY);
        const last = localDayContaining(result, NY);
        let open = 0;
        for (let day = first + 1; day <= last; day++) {
          const date = DateTime.fromMillis(day * 86_400_000, { zone: 'utc' }).toISODate() as string;
          const start = at(`${date}T00:00`);
          if (addBusinessMillis(uneven, start, 1) < at(`${date}T23:59`)) open++;
        }
        expect(open).toBe(n);
        expect(nextOpenInstant(uneven, result - 1)).toBeLessThanOrEqual(result);
      }),
      { numRuns: 300 },
    );
  });
});

describe('escalation after business days', () => {
  const steps = (after: string[]): { steps: EscalationStep[]; issues: FieldIssue[] } => {
    const issues: FieldIssue[] = [];
    const normalized = normalizeEscalation(
      after.map((a, i) => ({ after: a, notify: [i === 0 ? 'provider' : 'consumer'] })),
      [],
      'escalation',
      issues,
    );
    return { steps: normalized, issues };
  };

  it('keeps business days apart from hours, and the plan still shows what was written', () => {
    const { steps: policy, issues } = steps(['0h', '8h', '2bd']);
    expect(issues).toEqual([]);
    expect(policy[2]).toEqual({ after: '2bd', afterMs: 0, afterBusinessDays: 2, notify: ['consumer'] });
    expect(policy[1]).toEqual({ after: '8h', afterMs: 8 * HOUR, notify: ['consumer'] });
  });

  it('refuses a later step that is shorter in business days, saying how to write it', () => {
    const { issues } = steps(['0h', '1bd', '24h']);
    expect(issues).toEqual([
      {
        path: 'escalation[2].after',
        message:
          "must be later than the previous step's 1bd (steps fire in order, each after a longer wait), got 24h; a business day has no fixed length, so write the later step in business days too (like 2bd or 1bd4h)",
      },
    ]);
  });

  it('escalates 2bd after opening on the calendar, skipping the holiday and the weekend', () => {
    const { steps: policy } = steps(['0h', '2bd']);
    const base = {
      commitmentId: 'mql',
      period: '2026-11',
      final: false,
      steps: policy,
      zone: NY,
      calendar: business,
    };
    const opened = decideEscalation({
      ...base,
      state: undefined,
      status: 'at_risk',
      now: at('2026-11-25T10:00'),
    });
    expect(opened.notifications.map((n) => n.kind)).toEqual(['at_risk']);
    expect(local(nextEscalationAt(opened.state, policy, business, NY) as number)).toBe(
      'Mon 2026-11-30T10:00',
    );
    const early = decideEscalation({
      ...base,
      state: opened.state,
      status: 'at_risk',
      now: at('2026-11-30T09:59'),
    });
    expect(early.notifications).toEqual([]);
    const due = decideEscalation({
      ...base,
      state: opened.state,
      status: 'at_risk',
      now: at('2026-11-30T10:00'),
    });
    expect(due.notifications.map((n) => `${n.kind}@${n.level}`)).toEqual(['escalated@2']);
  });
});

describe('what 1d means, said in the plan', () => {
  const definition = (id: string, after: string[], calendar?: BusinessCalendar) => {
    const issues: FieldIssue[] = [];
    const escalation = normalizeEscalation(
      after.map((a) => ({ after: a, notify: ['provider'] })),
      [],
      'escalation',
      issues,
    );
    return { id, escalation, ...(calendar ? { calendar } : {}) } as unknown as CommitmentDefinition;
  };

  it('notes once per wait and calendar that 1d is 24 business hours, and is quiet for bd, hours and no calendar', () => {
    const notes = escalationDayNotes([
      definition('leads', ['0h', '8h', '1d'], business),
      definition('follow-up', ['0h', '8h', '1d'], business),
      definition('website', ['0h', '2bd', '3bd'], business),
      definition('spend', ['0h', '1d']),
      definition('tickets', ['0h', 'P2D'], business),
    ]);
    expect(notes).toEqual([
      'escalation after 1d (2 commitments) counts 24 business hours of calendar business, about 2.4 business days; write 1bd for one business day',
      'escalation after P2D (tickets) counts 48 business hours of calendar business, about 4.8 business days; write 2bd for 2 business days',
    ]);
  });

  it('reaches the plan', () => {
    const next = [definition('leads', ['0h', '1d'], business)];
    expect(planCommitments([], next).notes).toHaveLength(1);
    expect(planCommitments([], [definition('leads', ['0h', '1bd'], business)]).notes).toBeUndefined();
  });
});
