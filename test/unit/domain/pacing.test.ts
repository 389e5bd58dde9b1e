import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommitmentDefinition } from '../../../shared/domain/model.js';
import { elapsedShare, paceMeter } from '../../../shared/domain/pacing.js';
import { periodFromKey } from '../../../shared/domain/periods.js';
import { business, HOUR, leads, ny, ZONE } from './judging-fixtures.js';

const november = periodFromKey('2026-11', ZONE);
const calendarPaced: CommitmentDefinition = { ...leads, pacing: 'calendar' };

describe('business pacing (New York, Mon–Fri 08:00–18:00, Thanksgiving closed)', () => {
  it.each([
    ['2026-11-01T12:00', 0], // Sunday: nothing open yet
    ['2026-11-02T08:00', 0],
    ['2026-11-02T13:00', 5 / 200],
    ['2026-11-06T18:00', 50 / 200],
    ['2026-11-08T23:59', 50 / 200], // the weekend does not count
    ['2026-11-25T18:00', 180 / 200],
    ['2026-11-26T12:00', 180 / 200], // Thanksgiving does not count
    ['2026-11-30T17:00', 199 / 200],
    ['2026-11-30T18:00', 1],
  ])('at %s the elapsed share is %d', (local, share) => {
    expect(elapsedShare(leads, november, ny(local))).toBeCloseTo(share, 12);
  });

  it('is clamped outside the period', () => {
    expect(elapsedShare(leads, november, ny('2026-10-15T12:00'))).toBe(0);
    expect(elapsedShare(leads, november, ny('2026-12-15T12:00'))).toBe(1);
  });

  it('weighs a business day of a DST week as 10 hours', () => {
    // Clocks sprang forward on Sunday 8 March 2026; the week still has five 10-hour days.
    const week = periodFromKey('2026-W10', ZONE);
    const weekly: CommitmentDefinition = { ...leads, period: 'week' };
    expect(paceMeter(weekly, week).total).toBe(50 * HOUR);
    expect(elapsedShare(weekly, week, ny('2026-03-06T13:00'))).toBeCloseTo(45 / 50, 12);
  });

  it('falls back to wall time in a period with no business time at all', () => {
    const closedWeek = {
      ...business,
      holidays: ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-25'],
    };
    const weekly: CommitmentDefinition = { ...leads, period: 'week', calendar: closedWeek };
    const week = periodFromKey('2026-W52', ZONE);
    expect(elapsedShare(weekly, week, ny('2026-12-24T12:00'))).toBeCloseTo((3 * 24 + 12) / (7 * 24), 12);
  });
});

describe('calendar pacing', () => {
  it('weighs November as 30 days and the extra hour of 1 November', () => {
    expect(paceMeter(calendarPaced, november).total).toBe((30 * 24 + 1) * HOUR);
    expect(elapsedShare(calendarPaced, november, ny('2026-11-16T00:00'))).toBeCloseTo(361 / 721, 12);
  });

  it('weighs the spring-forward week as 167 hours', () => {
    const weekly: CommitmentDefinition = { ...calendarPaced, period: 'week' };
    const week = periodFromKey('2026-W10', ZONE);
    expect(elapsedShare(weekly, week, ny('2026-03-08T12:00'))).toBeCloseTo((6 * 24 + 11) / 167, 12);
  });

  it('weighs the fall-back week as 169 hours', () => {
    const weekly: CommitmentDefinition = { ...calendarPaced, period: 'week' };
    const week = periodFromKey('2026-W44', ZONE);
    expect(elapsedShare(weekly, week, ny('2026-11-01T12:00'))).toBeCloseTo((6 * 24 + 13) / 169, 12);
  });

  it('uses wall time for business pacing when there is no calendar', () => {
    const noCalendar: CommitmentDefinition = { ...leads, calendar: undefined };
    expect(elapsedShare(noCalendar, november, ny('2026-11-16T00:00'))).toBeCloseTo(361 / 721, 12);
  });
});

describe('properties', () => {
  const quarter = periodFromKey('2026-Q4', ZONE);
  const definitions: CommitmentDefinition[] = [
    { ...leads, period: 'quarter' },
    { ...calendarPaced, period: 'quarter' },
  ];
  const instant = fc.integer({ min: quarter.start - 10 * 24 * HOUR, max: quarter.end + 10 * 24 * HOUR });

  it('elapsed stays in [0, 1] and never goes back in time', () => {
    fc.assert(
      fc.property(fc.constantFrom(...definitions), instant, instant, (definition, a, b) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        const first = elapsedShare(definition, quarter, earlier);
        const second = elapsedShare(definition, quarter, later);
        expect(first).toBeGreaterThanOrEqual(0);
        expect(second).toBeLessThanOrEqual(1);
        expect(second).toBeGreaterThanOrEqual(first);
      }),
      { numRuns: 300 },
    );
  });
});
