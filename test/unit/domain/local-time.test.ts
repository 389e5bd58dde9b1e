import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  InvalidTimeZoneError,
  instantAtLocal,
  isoDateOfDay,
  localDayContaining,
  startOfLocalDay,
  weekdayOfDay,
  zoneNamed,
} from '../../../shared/domain/local-time.js';

const utc = (iso: string): number => DateTime.fromISO(iso, { zone: 'UTC' }).toMillis();
const dayOf = (date: string): number => utc(`${date}T00:00:00Z`) / 86_400_000;

describe('resolving local times', () => {
  it('resolves an ordinary time to its one instant', () => {
    expect(instantAtLocal(dayOf('2026-11-18'), 10 * 60, 'America/New_York')).toBe(
      utc('2026-11-18T15:00:00Z'),
    );
    expect(instantAtLocal(dayOf('2026-11-18'), 10 * 60, 'Asia/Kolkata')).toBe(utc('2026-11-18T04:30:00Z'));
  });

  it('resolves a skipped time to the instant the clocks jump', () => {
    // New York, 8 March 2026: 02:00 EST becomes 03:00 EDT at 07:00 UTC.
    expect(instantAtLocal(dayOf('2026-03-08'), 2 * 60 + 30, 'America/New_York')).toBe(
      utc('2026-03-08T07:00:00Z'),
    );
    // Lord Howe, 4 October 2026: 02:00 becomes 02:30 at 15:30 UTC the day before.
    expect(instantAtLocal(dayOf('2026-10-04'), 2 * 60 + 10, 'Australia/Lord_Howe')).toBe(
      utc('2026-10-03T15:30:00Z'),
    );
  });

  it('resolves a repeated time to its first occurrence', () => {
    // New York, 1 November 2026: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
    expect(instantAtLocal(dayOf('2026-11-01'), 90, 'America/New_York')).toBe(utc('2026-11-01T05:30:00Z'));
    expect(instantAtLocal(dayOf('2026-11-01'), 120, 'America/New_York')).toBe(utc('2026-11-01T07:00:00Z'));
  });

  it('handles zones that change their clocks at midnight (Santiago)', () => {
    const zone = 'America/Santiago';
    // 6 Sept 2026: midnight never happens, the day starts at 01:00 -03.
    expect(startOfLocalDay(dayOf('2026-09-06'), zone)).toBe(utc('2026-09-06T04:00:00Z'));
    // 5 April 2026: when the clock would read 24:00 -03 it goes back to 23:00 -04, so Saturday
    // has 25 hours, its repeated last hour is still Saturday and Sunday starts at 00:00 -04.
    const sunday = startOfLocalDay(dayOf('2026-04-05'), zone);
    expect(sunday).toBe(utc('2026-04-05T04:00:00Z'));
    expect(sunday - startOfLocalDay(dayOf('2026-04-04'), zone)).toBe(25 * 3_600_000);
    const repeatedSaturdayEvening = utc('2026-04-05T03:30:00Z'); // 23:30 -04 on the 4th
    expect(localDayContaining(repeatedSaturdayEvening, zone)).toBe(dayOf('2026-04-04'));
    expect(localDayContaining(sunday, zone)).toBe(dayOf('2026-04-05'));
  });
});

describe('local days', () => {
  it('knows weekdays and ISO dates', () => {
    expect(weekdayOfDay(dayOf('2026-11-23'))).toBe(1);
    expect(weekdayOfDay(dayOf('2026-11-29'))).toBe(7);
    expect(weekdayOfDay(dayOf('1969-12-31'))).toBe(3);
    expect(isoDateOfDay(dayOf('2026-11-26'))).toBe('2026-11-26');
  });

  it('takes the local date in the zone', () => {
    const instant = utc('2026-11-27T02:00:00Z');
    expect(isoDateOfDay(localDayContaining(instant, 'America/New_York'))).toBe('2026-11-26');
    expect(isoDateOfDay(localDayContaining(instant, 'Asia/Kolkata'))).toBe('2026-11-27');
  });

  it('rejects unknown zones and the machine-dependent system zone', () => {
    expect(() => zoneNamed('Nowhere/Special')).toThrow(InvalidTimeZoneError);
    expect(() => zoneNamed('system')).toThrow(InvalidTimeZoneError);
    expect(zoneNamed('UTC').offset(0)).toBe(0);
  });
});
