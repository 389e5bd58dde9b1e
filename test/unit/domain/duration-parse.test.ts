import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, InvalidDurationError, parseDuration } from '../../../shared/domain/duration.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseDuration', () => {
  it.each([
    ['0h', 0],
    ['30m', 30 * MINUTE],
    ['8h', 8 * HOUR],
    ['24h', DAY],
    ['1d', DAY],
    ['1w', 7 * DAY],
    ['1h30m', 90 * MINUTE],
    ['2d4h', 2 * DAY + 4 * HOUR],
    ['90s', 90 * SECOND],
    ['1m500ms', MINUTE + 500],
    [' 8h ', 8 * HOUR],
    ['PT8H', 8 * HOUR],
    ['P1D', DAY],
    ['P1W', 7 * DAY],
    ['PT1H30M', 90 * MINUTE],
    ['P1DT2H', DAY + 2 * HOUR],
    ['PT0.5S', 500],
    ['pt15m', 15 * MINUTE],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', 'must not be empty'],
    ['8', 'is not a duration'],
    ['8 hours', 'is not a duration'],
    ['1.5h', 'is not a duration'],
    ['-1h', 'is not a duration'],
    ['8H', 'is not a duration'],
    ['30m1h', 'out of order'],
    ['1h1h', 'out of order'],
    ['P', 'is not a duration'],
    ['PT', 'is not a duration'],
    ['P1DT', 'is not a duration'],
    ['P1M', 'months or years'],
    ['P1Y2D', 'months or years'],
  ])('refuses %j', (text, reason) => {
    expect(() => parseDuration(text)).toThrow(InvalidDurationError);
    expect(() => parseDuration(text)).toThrow(reason);
  });

  it('names the accepted forms and carries a readable code', () => {
    const error = (() => {
      try {
        parseDuration('eight hours');
      } catch (caught) {
        return caught as InvalidDurationError;
      }
      throw new Error('expected parseDuration to throw');
    })();
    expect(error.code).toBe('INVALID_DURATION');
    expect(error.text).toBe('eight hours');
    expect(error.message).toBe(
      "'eight hours' is not a duration; write it like 30m, 8h, 1d (= 24h), 1w, 1h30m, 90s or ISO-8601 such as PT8H, PT1H30M, P1D",
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0m'],
    [8 * HOUR, '8h'],
    [90 * MINUTE, '1h30m'],
    [2 * DAY, '2d'],
    [7 * DAY, '7d'],
    [DAY + 2 * HOUR + 3 * MINUTE + 4 * SECOND + 5, '1d2h3m4s5ms'],
    [45 * SECOND, '45s'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (ms) => {
    expect(() => formatDuration(ms)).toThrow(RangeError);
  });
});

describe('round trip', () => {
  it('parseDuration reads back exactly what formatDuration writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * DAY }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a duration longer than ten years, which would not make a date', () => {
    expect(parseDuration('3650d')).toBe(3650 * DAY);
    expect(() => parseDuration('3651d')).toThrow(/too long to be a duration; the longest is 10 years/);
    expect(() => parseDuration('100000000d')).toThrow(InvalidDurationError);
  });

  it('the compact and ISO forms of the same parts agree', () => {
    fc.assert(
      fc.property(
        fc.record({
          days: fc.integer({ min: 0, max: 60 }),
          hours: fc.integer({ min: 0, max: 23 }),
          minutes: fc.integer({ min: 0, max: 59 }),
          seconds: fc.integer({ min: 0, max: 59 }),
        }),
        ({ days, hours, minutes, seconds }) => {
          const compact = `${days}d${hours}h${minutes}m${seconds}s`;
          const iso = `P${days}DT${hours}H${minutes}M${seconds}S`;
          expect(parseDuration(iso)).toBe(parseDuration(compact));
          expect(parseDuration(compact)).toBe(
            days * DAY + hours * HOUR + minutes * MINUTE + seconds * SECOND,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
