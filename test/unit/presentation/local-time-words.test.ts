import { describe, expect, it } from 'vitest';
import { localTimeWords } from '../../../shared/presentation/local-time-words.js';

describe('localTimeWords: an instant as people read it', () => {
  it("shows the commitment's wall clock with the zone's abbreviation, to the minute", () => {
    expect(localTimeWords(Date.parse('2026-11-18T15:00:09.567Z'), 'America/New_York')).toBe(
      'Wed Nov 18, 2026, 10:00 EST',
    );
  });

  it('names daylight-saving time as such', () => {
    expect(localTimeWords('2026-11-01T04:00:00.000Z', 'America/New_York')).toBe('Sun Nov 1, 2026, 00:00 EDT');
    expect(localTimeWords('2026-11-01T06:30:00Z', 'America/New_York')).toBe('Sun Nov 1, 2026, 01:30 EST');
  });

  it('reads an offset date-time in the zone asked for, not the offset it was written with', () => {
    expect(localTimeWords('2026-11-18T10:00:00-05:00', 'Europe/London')).toBe('Wed Nov 18, 2026, 15:00 GMT');
  });

  it('uses UTC, never the machine zone, when no zone is known', () => {
    const machine = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      expect(localTimeWords('2026-11-18T15:00:00Z', undefined)).toBe('Wed Nov 18, 2026, 15:00 UTC');
      expect(localTimeWords('2026-11-18T15:00:00Z', 'Not/AZone')).toBe('Wed Nov 18, 2026, 15:00 UTC');
    } finally {
      if (machine === undefined) delete process.env.TZ;
      else process.env.TZ = machine;
    }
  });

  it('leaves text that is not an instant as it is', () => {
    expect(localTimeWords('soon', 'UTC')).toBe('soon');
  });
});
