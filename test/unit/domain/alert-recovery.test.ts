import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  businessDayMillis,
  clearOfRisk,
  continuesEpisode,
  recoveryLine,
} from '../../../shared/domain/alerts/recovery.js';
import { addBusinessDays } from '../../../shared/domain/business-days.js';
import { alwaysOpenCalendar } from '../../../shared/domain/calendar.js';
import type { Evaluation } from '../../../shared/domain/evaluate.js';
import type { AtRiskRule, BusinessCalendar } from '../../../shared/domain/model.js';

type Judged = Pick<Evaluation, 'status' | 'measure' | 'projected' | 'target' | 'budget'>;
const rule: AtRiskRule = { projectedBelow: 0.95, notBefore: 0.2 };
const leads = (projected: number, status: Judged['status'] = 'on_track'): Judged => ({
  status,
  measure: 'total',
  projected,
  target: 100,
});
const atLeast = { atRisk: rule, comparator: 'atLeast' as const };

/** Open 08:00-18:00 Monday to Thursday, 08:00-12:00 on Friday. */
const tenHours = [{ start: 8 * 60, end: 18 * 60 }];
const shortFriday: BusinessCalendar = {
  name: 'b',
  zone: 'America/New_York',
  hours: {
    1: tenHours,
    2: tenHours,
    3: tenHours,
    4: tenHours,
    5: [{ start: 8 * 60, end: 12 * 60 }],
    6: [],
    7: [],
  },
  holidays: [],
};

describe('the recovery line', () => {
  it('sits 0.03 of the target above the at-risk line unless recoverAbove says otherwise', () => {
    expect(recoveryLine(rule)).toBeCloseTo(0.98, 10);
    expect(recoveryLine({ ...rule, recoverAbove: 1 })).toBe(1);
  });

  it('clears an atLeast total only at or above the recovery line', () => {
    expect(clearOfRisk(leads(96.77), atLeast)).toBe(false);
    expect(clearOfRisk(leads(97.99), atLeast)).toBe(false);
    expect(clearOfRisk(leads(98), atLeast)).toBe(true);
    expect(clearOfRisk(leads(96.77), { ...atLeast, atRisk: { ...rule, recoverAbove: 0.95 } })).toBe(true);
    expect(clearOfRisk(leads(50, 'at_risk'), atLeast)).toBe(false);
    expect(clearOfRisk(leads(100, 'met'), atLeast)).toBe(true);
  });

  it('clears an atMost total only under the cap by the margin', () => {
    const atMost = { atRisk: rule, comparator: 'atMost' as const };
    expect(clearOfRisk(leads(99), atMost)).toBe(false);
    expect(clearOfRisk(leads(97), atMost)).toBe(true);
  });

  it('clears an objective only once its budget burns at no more than 1 − margin', () => {
    const objective = { atRisk: { projectedBelow: 1, notBefore: 0.2 }, comparator: 'atLeast' as const };
    const ratio = (burnRate: number): Judged => ({
      status: 'on_track',
      measure: 'ratio',
      projected: 0.96,
      target: 0.95,
      budget: { allowed: 5, used: 5 * burnRate, remaining: 0, burnRate },
    });
    expect(clearOfRisk(ratio(0.99), objective)).toBe(false);
    expect(clearOfRisk(ratio(0.97), objective)).toBe(true);
  });

  it('measures a business day as the longest open day of the calendar (for how long a budget lasts)', () => {
    expect(businessDayMillis(shortFriday)).toBe(10 * 3_600_000);
    expect(businessDayMillis(undefined)).toBe(24 * 3_600_000);
  });

  it('continues an episode until one business day after the recovery, as 1bd counts it', () => {
    const always = alwaysOpenCalendar('America/New_York');
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'America/New_York' }).toMillis();
    // Recovered Thursday 15:15, 7¼ hours into the day: one business day later is Friday's close
    // at 12:00 (Friday is open four hours), not ten business hours later on Monday at 11:15.
    const recovered = at('2026-11-05T15:15');
    expect(addBusinessDays(shortFriday, recovered, 1)).toBe(at('2026-11-06T12:00'));
    expect(continuesEpisode(recovered, at('2026-11-06T11:59'), shortFriday, always)).toBe(true);
    expect(continuesEpisode(recovered, at('2026-11-06T12:00'), shortFriday, always)).toBe(false);
    expect(continuesEpisode(recovered, at('2026-11-09T09:00'), shortFriday, always)).toBe(false);
    // Without a calendar, the same local time the next day.
    expect(continuesEpisode(recovered, at('2026-11-06T15:14'), undefined, always)).toBe(true);
    expect(continuesEpisode(recovered, at('2026-11-06T15:15'), undefined, always)).toBe(false);
  });
});
