import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isOverdue,
  isWithinThreshold,
  type SubjectTimer,
  subjectDueAt,
  subjectElapsed,
} from '../../../shared/domain/subject-timer.js';
import { business, excusal, HOUR, MINUTE, ny } from './judging-fixtures.js';

const DAY_OF_HOURS = 24 * HOUR;

function lead(startedAt: string, extra: Partial<SubjectTimer> = {}): SubjectTimer {
  return { subject: 'lead-4711', startedAt: ny(startedAt), pauses: [], ...extra };
}

describe('a lead to be contacted within 24 business hours', () => {
  it('is due on Wednesday 10:00 when it arrives on Friday at 16:00', () => {
    // Friday 2h + Monday 10h + Tuesday 10h + Wednesday 2h.
    const timer = lead('2026-11-13T16:00');
    expect(subjectDueAt(timer, business, [], DAY_OF_HOURS, ny('2026-11-13T16:00'))).toBe(
      ny('2026-11-18T10:00'),
    );
    expect(subjectElapsed(timer, business, [], ny('2026-11-16T12:00'))).toBe(6 * HOUR);
  });

  it('is overdue only strictly after its due time', () => {
    const timer = lead('2026-11-13T16:00');
    expect(isOverdue(timer, business, [], DAY_OF_HOURS, ny('2026-11-18T10:00'))).toBe(false);
    expect(isOverdue(timer, business, [], DAY_OF_HOURS, ny('2026-11-18T10:01'))).toBe(true);
  });

  it('is within the threshold when contacted on Tuesday afternoon, and stays so', () => {
    const timer = lead('2026-11-13T16:00', { stoppedAt: ny('2026-11-17T17:00') });
    expect(subjectElapsed(timer, business, [], ny('2026-11-30T12:00'))).toBe(21 * HOUR);
    expect(isWithinThreshold(timer, business, [], DAY_OF_HOURS, ny('2026-11-30T12:00'))).toBe(true);
    expect(isOverdue(timer, business, [], DAY_OF_HOURS, ny('2026-11-30T12:00'))).toBe(false);
    expect(subjectDueAt(timer, business, [], DAY_OF_HOURS, ny('2026-11-30T12:00'))).toBeNull();
  });

  it('skips Thanksgiving', () => {
    // Wednesday 9h, Thursday closed, Friday 10h, Monday 5h.
    const timer = lead('2026-11-25T09:00');
    expect(subjectDueAt(timer, business, [], DAY_OF_HOURS, ny('2026-11-25T09:00'))).toBe(
      ny('2026-11-30T13:00'),
    );
  });

  it('counts across the spring-forward weekend in business hours, not wall hours', () => {
    const timer = lead('2026-03-06T17:00');
    expect(subjectDueAt(timer, business, [], DAY_OF_HOURS, ny('2026-03-06T17:00'))).toBe(
      ny('2026-03-11T11:00'),
    );
  });
});

describe('pauses', () => {
  it('a paused timer stops counting and has no due time', () => {
    // Waiting for Marketing's missing phone number since Monday 10:00.
    const timer = lead('2026-11-13T16:00', { pauses: [{ from: ny('2026-11-16T10:00') }] });
    expect(subjectElapsed(timer, business, [], ny('2026-11-16T10:00'))).toBe(4 * HOUR);
    expect(subjectElapsed(timer, business, [], ny('2026-11-20T17:00'))).toBe(4 * HOUR);
    expect(subjectDueAt(timer, business, [], DAY_OF_HOURS, ny('2026-11-17T12:00'))).toBeNull();
    expect(isOverdue(timer, business, [], DAY_OF_HOURS, ny('2026-11-30T12:00'))).toBe(false);
  });

  it('a resumed timer is due later by the paused business time', () => {
    // Paused Monday 10:00 to Tuesday 10:00: 10 business hours, so due Thursday 10:00, not Wednesday.
    const timer = lead('2026-11-13T16:00', {
      pauses: [{ from: ny('2026-11-16T10:00'), to: ny('2026-11-17T10:00') }],
    });
    expect(subjectDueAt(timer, business, [], DAY_OF_HOURS, ny('2026-11-17T12:00'))).toBe(
      ny('2026-11-19T10:00'),
    );
    expect(subjectElapsed(timer, business, [], ny('2026-11-17T12:00'))).toBe(6 * HOUR);
  });

  it('an excusal pauses the timer like a pause, counted once where both overlap', () => {
    const excused = [excusal('2026-11-16T08:00', '2026-11-17T08:00', 'marketing')];
    const timer = lead('2026-11-13T16:00', {
      pauses: [{ from: ny('2026-11-16T12:00'), to: ny('2026-11-17T09:00') }],
    });
    // Monday fully excused, Tuesday 08:00-09:00 paused: 11 hours later than without either.
    expect(subjectDueAt(timer, business, excused, DAY_OF_HOURS, ny('2026-11-17T12:00'))).toBe(
      ny('2026-11-19T11:00'),
    );
  });

  it('reports the past instant it became overdue', () => {
    const timer = lead('2026-11-13T16:00');
    expect(subjectDueAt(timer, business, [], DAY_OF_HOURS, ny('2026-11-20T12:00'))).toBe(
      ny('2026-11-18T10:00'),
    );
  });
});

describe('properties', () => {
  const start = ny('2026-11-02T00:00');
  const anyInstant = fc.integer({ min: start, max: start + 40 * DAY_OF_HOURS });

  it('elapsed never decreases with time and never exceeds wall time', () => {
    fc.assert(
      fc.property(
        anyInstant,
        anyInstant,
        fc.integer({ min: 0, max: 30 * DAY_OF_HOURS }),
        (s, at, pauseAfter) => {
          const timer: SubjectTimer = {
            subject: 's',
            startedAt: s,
            pauses: [{ from: s + pauseAfter, to: s + pauseAfter + 5 * HOUR }],
          };
          const now = subjectElapsed(timer, business, [], at);
          const later = subjectElapsed(timer, business, [], at + 7 * HOUR);
          expect(later).toBeGreaterThanOrEqual(now);
          expect(now).toBeLessThanOrEqual(Math.max(0, at - s));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the counted time at the due instant is exactly the threshold', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 1, max: 60 * 60 }), (s, thresholdMinutes) => {
        const timer: SubjectTimer = { subject: 's', startedAt: s, pauses: [] };
        const due = subjectDueAt(timer, business, [], thresholdMinutes * MINUTE, s);
        expect(due).not.toBeNull();
        expect(subjectElapsed(timer, business, [], due ?? 0)).toBe(thresholdMinutes * MINUTE);
      }),
      { numRuns: 200 },
    );
  });
});
