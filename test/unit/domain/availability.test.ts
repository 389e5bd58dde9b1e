import { describe, expect, it } from 'vitest';
import { closePeriod } from '../../../shared/domain/close.js';
import { evaluate, type MeasureAggregate } from '../../../shared/domain/evaluate.js';
import type { CommitmentDefinition, Excusal } from '../../../shared/domain/model.js';
import { periodFromKey } from '../../../shared/domain/periods.js';
import { availability, excusal, ny, ZONE } from './judging-fixtures.js';

const november = periodFromKey('2026-11', ZONE);

function outages(...spans: Array<[string, string?]>): MeasureAggregate {
  return {
    measure: 'availability',
    outages: spans.map(([down, up], i) => ({
      incident: `INC-${i + 1}`,
      down: ny(down),
      ...(up ? { up: ny(up) } : {}),
    })),
  };
}

function websiteAt(
  local: string,
  aggregate: MeasureAggregate,
  excusals: Excusal[] = [],
  definition = availability,
) {
  return evaluate({ definition, period: november, aggregate, excusals, at: ny(local) });
}

describe('availability 99.5% from 08:00 to 18:00 on business days', () => {
  it('counts only the open hours of an outage spanning the close of business and the weekend', () => {
    // Friday 17:00 to Monday 09:00: an hour on Friday and an hour on Monday are in the window.
    const status = websiteAt('2026-11-16T12:00', outages(['2026-11-13T17:00', '2026-11-16T09:00']));
    // 104 window hours have elapsed (ten days and Monday morning); 200 in November.
    expect(status.actual).toBeCloseTo(1 - 120 / (104 * 60), 12);
    expect(status.budget?.allowed).toBeCloseTo(60, 9);
    expect(status.budget?.used).toBe(120);
    expect(status.budget?.remaining).toBeCloseTo(-60, 9);
    // The allowance for the whole month is gone: no later uptime can bring it back.
    expect(status.status).toBe('breached');
  });

  it('is on track with a short outage, burning the budget slower than the window passes', () => {
    const status = websiteAt('2026-11-16T12:00', outages(['2026-11-13T17:45', '2026-11-16T08:10']));
    expect(status.budget?.used).toBe(25);
    expect(status.budget?.burnRate).toBeCloseTo(25 / 60 / (104 / 200), 9);
    expect(status).toMatchObject({ status: 'on_track', target: 0.995, expected: 0.995 });
    expect(status.projected).toBe(status.actual);
  });

  it('warns when the budget burns too fast once notBefore has passed', () => {
    // 40 minutes down on Thursday 5 November; by Friday 6 November 08:00 a fifth of the window is gone.
    const status = websiteAt('2026-11-06T08:00', outages(['2026-11-05T09:00', '2026-11-05T09:40']));
    expect(status.elapsed).toBeCloseTo(0.2, 12);
    expect(status.budget?.burnRate).toBeCloseTo(40 / 60 / 0.2, 9);
    expect(status.status).toBe('at_risk');
  });

  it('counts an ongoing outage up to now', () => {
    const status = websiteAt('2026-11-18T10:30', outages(['2026-11-18T10:00']));
    expect(status.budget?.used).toBe(30);
  });

  it('ignores an outage entirely outside business hours', () => {
    const status = websiteAt('2026-11-18T10:00', outages(['2026-11-17T20:00', '2026-11-18T07:00']));
    expect(status).toMatchObject({ actual: 1, status: 'on_track' });
    expect(status.budget?.used).toBe(0);
  });

  it('merges overlapping incidents', () => {
    const status = websiteAt(
      '2026-11-18T12:00',
      outages(['2026-11-18T10:00', '2026-11-18T10:20'], ['2026-11-18T10:10', '2026-11-18T10:30']),
    );
    expect(status.budget?.used).toBe(30);
  });

  it('takes excused time out of both the window and the downtime', () => {
    const status = websiteAt('2026-11-18T12:00', outages(['2026-11-18T10:00', '2026-11-18T11:30']), [
      excusal('2026-11-18T10:00', '2026-11-18T11:00', 'marketing'),
    ]);
    expect(status.budget?.used).toBe(30);
    expect(status.budget?.allowed).toBeCloseTo(0.005 * (200 * 60 - 60), 9);
    expect(status.excused?.causedBy).toEqual(['marketing']);
  });

  it('has no data before the first open hour of the month', () => {
    const status = websiteAt('2026-11-02T07:59', outages());
    expect(status).toMatchObject({ status: 'no_data', projected: null, attainment: null });
  });

  it('uses all the time of the period without a calendar', () => {
    const allDay: CommitmentDefinition = { ...availability, calendar: undefined, pacing: 'calendar' };
    const status = websiteAt(
      '2026-11-16T00:00',
      outages(['2026-11-14T23:00', '2026-11-15T01:00']),
      [],
      allDay,
    );
    expect(status.actual).toBeCloseTo(1 - 120 / (361 * 60), 12);
    expect(status.budget?.allowed).toBeCloseTo(0.005 * 721 * 60, 9);
  });

  it('has a 169-hour window in the fall-back week without a calendar', () => {
    const weekly: CommitmentDefinition = {
      ...availability,
      calendar: undefined,
      pacing: 'calendar',
      period: 'week',
    };
    const status = evaluate({
      definition: weekly,
      period: periodFromKey('2026-W44', ZONE),
      aggregate: outages(['2026-11-01T01:30-04:00', '2026-11-01T03:00-05:00']),
      excusals: [],
      at: ny('2026-11-01T12:00'),
    });
    // 01:30 EDT to 03:00 EST is two and a half real hours: the 01:00-02:00 hour happens twice.
    expect(status.budget?.used).toBe(150);
    expect(status.budget?.allowed).toBeCloseTo(0.005 * 169 * 60, 9);
    expect(status.status).toBe('breached');
  });

  it('closes the month met, or breached with the credit its attainment earns', () => {
    const close = (aggregate: MeasureAggregate) =>
      closePeriod({
        definition: availability,
        version: 1,
        period: november,
        aggregate,
        excusals: [],
        closedAt: ny('2026-12-01T00:05'),
      });
    const met = close(outages(['2026-11-10T10:00', '2026-11-10T10:30']));
    expect(met).toMatchObject({ status: 'met', credit: 0 });
    expect(met.actual).toBeCloseTo(1 - 30 / 12000, 12);
    const breached = close(outages(['2026-11-10T10:00', '2026-11-10T12:00']));
    expect(breached.status).toBe('breached');
    expect(breached.attainment).toBeCloseTo(0.99 / 0.995, 12);
    expect(breached.credit).toBe(5);
  });

  describe('with nothing measured', () => {
    const quiet: MeasureAggregate = { measure: 'availability', outages: [] };
    const heard: MeasureAggregate = { measure: 'availability', outages: [], observed: true };

    it('has no data while nothing was ever received, rather than 100%', () => {
      const status = websiteAt('2026-11-18T10:00', quiet);
      expect(status).toMatchObject({ status: 'no_data', projected: null, attainment: null });
      expect(status.budget).toBeUndefined();
    });

    it('is 100% once the monitor has reported (a heartbeat), and an outage is data by itself', () => {
      expect(websiteAt('2026-11-18T10:00', heard)).toMatchObject({ status: 'on_track', actual: 1 });
      const withOutage = websiteAt('2026-11-18T10:00', outages(['2026-11-10T10:00', '2026-11-10T10:30']));
      expect(withOutage.status).toBe('on_track');
      expect(withOutage.actual).toBeLessThan(1);
    });

    it('closes no_data owing nothing, even with credit tiers; a heard quiet month closes met', () => {
      const tiered: CommitmentDefinition = { ...availability, credits: [{ below: 1, credit: 5 }] };
      const close = (aggregate: MeasureAggregate) =>
        closePeriod({
          definition: tiered,
          version: 1,
          period: november,
          aggregate,
          excusals: [],
          closedAt: ny('2026-12-01T01:05'),
        });
      expect(close(quiet)).toMatchObject({ status: 'no_data', credit: 0, attainment: null });
      expect(close(heard)).toMatchObject({ status: 'met', credit: 0, actual: 1 });
    });
  });
});
