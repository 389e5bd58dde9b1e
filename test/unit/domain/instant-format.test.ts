import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ISO_INSTANT_PATTERN,
  isoInstant,
  reformatIsoInstant,
} from '../../../shared/domain/instant-format.js';
import { InvalidInstantError } from '../../../shared/domain/measures/errors.js';

describe('isoInstant: the one form of an instant in API JSON', () => {
  it('writes UTC with Z, to the whole second', () => {
    expect(isoInstant(Date.parse('2026-11-18T10:00:00-05:00'))).toBe('2026-11-18T15:00:00Z');
    expect(isoInstant(Date.parse('2026-11-01T00:00:00-04:00'))).toBe('2026-11-01T04:00:00Z');
  });

  it('drops milliseconds instead of rounding into the next second', () => {
    expect(isoInstant(Date.parse('2026-11-18T15:00:09.567Z'))).toBe('2026-11-18T15:00:09Z');
    expect(isoInstant(Date.parse('2026-12-31T23:59:59.999Z'))).toBe('2026-12-31T23:59:59Z');
  });

  it('keeps instants before 1970 in the right second', () => {
    expect(isoInstant(Date.parse('1969-12-31T23:59:59.500Z'))).toBe('1969-12-31T23:59:59Z');
  });

  it('refuses what is not an instant', () => {
    expect(() => isoInstant(Number.NaN)).toThrow(InvalidInstantError);
    expect(() => isoInstant(Date.parse('+010000-01-01T00:00:00Z'))).toThrow(InvalidInstantError);
    expect(() => isoInstant(8.64e15 + 1000)).toThrow(InvalidInstantError);
  });

  it('always matches the pattern and parses back to the same second', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }), (at) => {
        const text = isoInstant(at);
        expect(text).toMatch(ISO_INSTANT_PATTERN);
        expect(Date.parse(text)).toBe(Math.floor(at / 1000) * 1000);
      }),
    );
  });

  it('rewrites an offset date-time stored earlier into the one form', () => {
    expect(reformatIsoInstant('2026-12-01T00:00:00-05:00')).toBe('2026-12-01T05:00:00Z');
    expect(reformatIsoInstant('2026-11-18T15:00:00.000Z')).toBe('2026-11-18T15:00:00Z');
  });
});
