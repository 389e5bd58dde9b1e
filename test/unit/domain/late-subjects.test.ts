import { describe, expect, it } from 'vitest';
import { alwaysOpenCalendar } from '../../../shared/domain/calendar.js';
import {
  dueSoonUntil,
  lateSubjects,
  type SubjectStanding,
  subjectStanding,
  subjectsIn,
} from '../../../shared/domain/late-subjects.js';
import type { SubjectTimer } from '../../../shared/domain/subject-timer.js';
import { business, excusal, HOUR, MINUTE, ny, ZONE } from './judging-fixtures.js';

const THRESHOLD = 24 * HOUR;

function lead(subject: string, startedAt: string, extra: Partial<SubjectTimer> = {}): SubjectTimer {
  return { subject, startedAt: ny(startedAt), pauses: [], ...extra };
}

const standing = (timer: SubjectTimer, at: string, excusals = [] as ReturnType<typeof excusal>[]) =>
  subjectStanding(timer, business, excusals, THRESHOLD, ny(at));

describe('how late an open lead is', () => {
  it('counts lateness in business hours past the threshold, not wall hours', () => {
    // Arrived Friday 16:00, due Wednesday 10:00; on Wednesday 16:00 it is 6 business hours late.
    const s = standing(lead('4711', '2026-11-13T16:00'), '2026-11-18T16:00');
    expect(s.lateMs).toBe(6 * HOUR);
    expect(s.remainingMs).toBe(0);
    expect(s.dueAt).toBe(ny('2026-11-18T10:00'));
  });

  it('is no later on Monday morning than on Friday evening', () => {
    const timer = lead('4711', '2026-11-17T10:00'); // due Thursday 14:00
    expect(standing(timer, '2026-11-20T18:00').lateMs).toBe(14 * HOUR);
    expect(standing(timer, '2026-11-23T08:00').lateMs).toBe(14 * HOUR);
  });

  it('stays late while paused after its due time, with no due time while paused', () => {
    const timer = lead('4711', '2026-11-13T16:00', { pauses: [{ from: ny('2026-11-18T12:00') }] });
    const s = standing(timer, '2026-11-19T12:00');
    expect(s.paused).toBe(true);
    expect(s.dueAt).toBeNull();
    expect(s.lateMs).toBe(2 * HOUR);
  });

  it('is not late before its due time, with the business time left', () => {
    const s = standing(lead('4712', '2026-11-16T08:00'), '2026-11-18T12:00');
    // Monday 10h + Tuesday 10h + Wednesday 4h = 24h: due exactly now, not yet late.
    expect(s.lateMs).toBe(0);
    expect(s.remainingMs).toBe(0);
    expect(subjectsIn([s], 'overdue')).toEqual([]);
  });

  it('excused time does not count towards lateness', () => {
    const s = standing(lead('4711', '2026-11-13T16:00'), '2026-11-18T16:00', [
      excusal('2026-11-18T12:00', '2026-11-18T14:00'),
    ]);
    expect(s.lateMs).toBe(4 * HOUR);
  });
});

describe('the order people act in', () => {
  const at = '2026-11-20T12:00';
  const timers = [
    lead('b-2h', '2026-11-17T08:00'), // due Thu 12:00 → 10 business hours late
    lead('a-late', '2026-11-13T16:00'), // due Wed 10:00 → 22 business hours late
    // Due Wed 10:00 too, but paused from Wed 12:00 to Fri 10:00 after it: 2 + 2 = 4 business hours late.
    lead('c-paused', '2026-11-13T16:00', {
      pauses: [{ from: ny('2026-11-18T12:00'), to: ny('2026-11-20T10:00') }],
    }),
    lead('d-soon', '2026-11-18T11:00'), // due Fri 15:00 → 3 business hours left
    lead('e-later', '2026-11-20T08:00'), // due Tue 12:00
  ];
  const standings = timers.map((t) => standing(t, at));

  it('lists overdue subjects most overdue first, by business lateness rather than due time', () => {
    const overdue = subjectsIn(standings, 'overdue');
    expect(overdue.map((s) => [s.subject, s.lateMs / HOUR])).toEqual([
      ['a-late', 22],
      ['b-2h', 10],
      ['c-paused', 4],
    ]);
    // By due time alone c-paused (due Wednesday, like a-late) would come before b-2h (due Thursday).
    expect(standings.find((s) => s.subject === 'c-paused')?.dueAt).toBe(ny('2026-11-18T10:00'));
  });

  it('orders equally late subjects by id, so a page never shuffles', () => {
    const twins = [lead('z', '2026-11-13T16:00'), lead('m', '2026-11-13T16:00')].map((t) => standing(t, at));
    expect(subjectsIn(twins, 'overdue').map((s) => s.subject)).toEqual(['m', 'z']);
  });

  it('names due-soon subjects within the next 4 business hours, soonest first', () => {
    expect(subjectsIn(standings, 'due_soon').map((s) => [s.subject, s.remainingMs / HOUR])).toEqual([
      ['d-soon', 3],
    ]);
  });

  it('names at most five late subjects and counts the rest', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      standing(lead(`lead-${i}`, `2026-11-13T${String(9 + i).padStart(2, '0')}:00`), at),
    );
    const named = lateSubjects(many, { businessTime: true });
    expect(named.overdue).toHaveLength(5);
    expect(named.overdueCount).toBe(8);
    expect(named.overdue.map((s) => s.subject)).toEqual(['lead-0', 'lead-1', 'lead-2', 'lead-3', 'lead-4']);
    expect(named.complete).toBe(true);
  });
});

describe('the due-soon horizon', () => {
  it('reaches 4 business hours ahead, across the night', () => {
    expect(dueSoonUntil(business, [], ny('2026-11-18T16:00'))).toBe(ny('2026-11-19T10:00'));
  });

  it('is 4 wall hours without a calendar', () => {
    const at = ny('2026-11-21T23:00');
    expect(dueSoonUntil(alwaysOpenCalendar(ZONE), [], at)).toBe(at + 4 * HOUR);
  });

  it('bounds every subject that is due soon', () => {
    const at = ny('2026-11-20T15:30');
    const until = dueSoonUntil(business, [], at);
    let dueSoon = 0;
    for (let minutes = 0; minutes < 72 * 60; minutes += 37) {
      const timer = { subject: 'x', startedAt: ny('2026-11-16T08:00') + minutes * MINUTE, pauses: [] };
      const now: SubjectStanding = subjectStanding(timer, business, [], THRESHOLD, at);
      if (subjectsIn([now], 'due_soon').length === 0) continue;
      dueSoon += 1;
      expect(now.dueAt).toBeLessThanOrEqual(until);
    }
    expect(dueSoon).toBeGreaterThan(3);
  });
});
