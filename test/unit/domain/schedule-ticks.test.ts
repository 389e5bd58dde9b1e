import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nextDigestFireTime } from '../../../shared/domain/digest/schedule.js';
import type { Weekday } from '../../../shared/domain/model.js';
import {
  digestDueAt,
  isEvaluationDue,
  isValidEvaluationInterval,
  nextDigestTick,
  nextEvaluationTick,
  TICK_MS,
  tickOf,
} from '../../../shared/domain/schedule-ticks.js';

const NY = 'America/New_York';
const KATHMANDU = 'Asia/Kathmandu'; // UTC+05:45: its quarter hours are not UTC's
const at = (iso: string) => Date.parse(iso);
const local = (t: number, zone: string) => DateTime.fromMillis(t, { zone }).toFormat('yyyy-MM-dd HH:mm ZZZZ');

/** Every tick in [from, to] at which the evaluator is due, as local times. */
function evaluationTicks(every: number, zone: string, from: string, to: string): string[] {
  const due: string[] = [];
  for (let tick = at(from); tick <= at(to); tick += TICK_MS) {
    if (isEvaluationDue(every, zone, tick)) due.push(local(tick, zone));
  }
  return due;
}

describe('isEvaluationDue: the every grid on the company wall clock', () => {
  it('runs every 15 minutes on the quarter hours and not at the ticks between', () => {
    expect(evaluationTicks(15, NY, '2026-11-18T15:00:00Z', '2026-11-18T15:40:00Z')).toEqual([
      '2026-11-18 10:00 EST',
      '2026-11-18 10:15 EST',
      '2026-11-18 10:30 EST',
    ]);
  });

  it("aligns to the zone's own wall clock, not UTC's", () => {
    // 00:15 UTC is 06:00 in Kathmandu: an hourly run is due there, not at 01:00 UTC.
    expect(evaluationTicks(60, KATHMANDU, '2026-11-18T00:00:00Z', '2026-11-18T02:00:00Z')).toEqual([
      '2026-11-18 06:00 GMT+5:45',
      '2026-11-18 07:00 GMT+5:45',
    ]);
  });

  it('runs every 2 hours from local midnight, across the spring-forward jump', () => {
    // 02:00 does not exist on 2026-03-08 in New York: the run lands on the jump, at 03:00 EDT.
    expect(evaluationTicks(120, NY, '2026-03-08T04:00:00Z', '2026-03-08T13:00:00Z')).toEqual([
      '2026-03-08 00:00 EST',
      '2026-03-08 03:00 EDT',
      '2026-03-08 04:00 EDT',
      '2026-03-08 06:00 EDT',
      '2026-03-08 08:00 EDT',
    ]);
  });

  it('runs a repeated hour again when the clocks go back, never skipping one', () => {
    expect(evaluationTicks(60, NY, '2026-11-01T04:00:00Z', '2026-11-01T08:00:00Z')).toEqual([
      '2026-11-01 00:00 EDT',
      '2026-11-01 01:00 EDT',
      '2026-11-01 01:00 EST',
      '2026-11-01 02:00 EST',
      '2026-11-01 03:00 EST',
    ]);
  });

  it('runs once a day at local midnight with every: 24h, in summer and in winter', () => {
    expect(evaluationTicks(1440, NY, '2026-07-01T00:00:00Z', '2026-07-03T00:00:00Z')).toEqual([
      '2026-07-01 00:00 EDT',
      '2026-07-02 00:00 EDT',
    ]);
    expect(evaluationTicks(1440, NY, '2026-12-01T00:00:00Z', '2026-12-03T00:00:00Z')).toEqual([
      '2026-12-01 00:00 EST',
      '2026-12-02 00:00 EST',
    ]);
  });

  it('runs at least once in every interval of `every` minutes, and never twice in a tick', () => {
    const everies = [5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440];
    const zones = [NY, 'Europe/London', KATHMANDU, 'Australia/Lord_Howe', 'UTC'];
    fc.assert(
      fc.property(
        fc.constantFrom(...everies),
        fc.constantFrom(...zones),
        fc.integer({ min: at('2026-01-01T00:00:00Z') / TICK_MS, max: at('2027-12-31T00:00:00Z') / TICK_MS }),
        (every, zone, startTick) => {
          const ticks: number[] = [];
          const from = startTick * TICK_MS;
          // A DST jump may stretch one gap by the size of the jump (at most an hour here).
          const window = every * 60_000 + 3_600_000;
          for (let tick = from; tick <= from + window; tick += TICK_MS) {
            if (isEvaluationDue(every, zone, tick)) ticks.push(tick);
          }
          expect(ticks.length).toBeGreaterThan(0);
          expect(nextEvaluationTick(every, zone, from - 1)).toBe(ticks[0]);
        },
      ),
      { numRuns: 150 },
    );
  }, 30_000);
});

describe('digestDueAt: the tick that claims the digest', () => {
  const MONDAY_8 = { weekday: 1 as Weekday, minute: 8 * 60 };

  it('is claimed by the Monday 08:00 tick only, in winter and summer time', () => {
    const claims = (from: string, to: string) => {
      const found: string[] = [];
      for (let tick = at(from); tick <= at(to); tick += TICK_MS) {
        const fire = digestDueAt(MONDAY_8, NY, tick);
        if (fire !== undefined) found.push(`${local(tick, NY)} claims ${local(fire, NY)}`);
      }
      return found;
    };
    expect(claims('2026-03-01T00:00:00Z', '2026-03-17T00:00:00Z')).toEqual([
      '2026-03-02 08:00 EST claims 2026-03-02 08:00 EST',
      '2026-03-09 08:00 EDT claims 2026-03-09 08:00 EDT',
      '2026-03-16 08:00 EDT claims 2026-03-16 08:00 EDT',
    ]);
  });

  it('fires a digest scheduled between ticks at the tick after it', () => {
    const fire = at('2026-11-23T13:02:00Z'); // mon 08:02 EST
    const settings = { weekday: 1 as Weekday, minute: 8 * 60 + 2 };
    expect(digestDueAt(settings, NY, at('2026-11-23T13:00:00Z'))).toBeUndefined();
    expect(digestDueAt(settings, NY, at('2026-11-23T13:05:00Z'))).toBe(fire);
    expect(digestDueAt(settings, NY, at('2026-11-23T13:10:00Z'))).toBeUndefined();
  });

  it('claims each fire time with exactly one tick, the one nextDigestTick names', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        fc.constantFrom(NY, 'Europe/London', KATHMANDU, 'Australia/Lord_Howe'),
        fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z') }),
        (weekday, minute, zone, after) => {
          const settings = { weekday: weekday as Weekday, minute };
          const fire = nextDigestFireTime(settings, zone, Math.floor(after / TICK_MS) * TICK_MS);
          const claimers: number[] = [];
          // Only a tick within five minutes after a fire time can claim it.
          const near = Math.floor(fire / TICK_MS) * TICK_MS;
          for (let tick = near - 2 * TICK_MS; tick <= near + 2 * TICK_MS; tick += TICK_MS) {
            if (digestDueAt(settings, zone, tick) === fire) claimers.push(tick);
          }
          expect(claimers).toHaveLength(1);
          expect(nextDigestTick(settings, zone, after)).toBe(claimers[0]);
        },
      ),
      { numRuns: 200 },
    );
  }, 30_000);
});

describe('the tick and the interval', () => {
  it('rounds a scheduled time to its tick', () => {
    expect(tickOf(at('2026-11-23T13:05:00.250Z'))).toBe(at('2026-11-23T13:05:00Z'));
    expect(tickOf(at('2026-11-23T13:04:59Z'))).toBe(at('2026-11-23T13:05:00Z'));
  });

  it('accepts intervals of whole ticks that divide a day, from 5 minutes to 24 hours', () => {
    expect([5, 15, 30, 60, 120, 1440].every(isValidEvaluationInterval)).toBe(true);
    expect([1, 4, 7, 35, 0, 1445, 2880, 7.5].some(isValidEvaluationInterval)).toBe(false);
  });
});
