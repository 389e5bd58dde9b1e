import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveTarget } from '../../../shared/domain/target.js';
import { ValidationError } from '../../../shared/domain/validation-error.js';

describe('deriveTarget', () => {
  it('turns $10,000 of revenue, $500 deals and a 20% close rate into 100 leads', () => {
    expect(deriveTarget({ revenue: 10000, dealSize: 500, closeRate: 0.2 })).toEqual({
      revenue: 10000,
      dealSize: 500,
      closeRate: 0.2,
      exact: 100,
      formula: '10000 / 500 / 0.2 = 100',
      target: 100,
    });
  });

  it('rounds up to whole leads, keeping the exact value', () => {
    const derived = deriveTarget({ revenue: 10000, dealSize: 500, closeRate: 0.3 });
    expect(derived.target).toBe(67);
    expect(derived.exact).toBeCloseTo(66.6667, 3);
    expect(derived.formula).toBe('10000 / 500 / 0.3 = 66.67, rounded up to 67');
  });

  it('does not round binary noise up to an extra lead', () => {
    // 3000 / 100 / 0.1 is 300.00000000000006 in floating point.
    expect(deriveTarget({ revenue: 3000, dealSize: 100, closeRate: 0.1 })).toMatchObject({
      target: 300,
      exact: 300,
    });
  });

  it('refuses inputs that are not positive, and close rates above 1', () => {
    expect(() => deriveTarget({ revenue: 10000, dealSize: 0, closeRate: 0.2 })).toThrow(ValidationError);
    try {
      deriveTarget({ revenue: -1, dealSize: 500, closeRate: 1.5 });
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).issues).toEqual([
        { path: 'revenue', message: 'must be > 0' },
        { path: 'closeRate', message: 'must be <= 1 (a share: 0.2 = 20%)' },
      ]);
    }
  });

  it('always gives a whole target that covers the exact one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100 }),
        (revenue, dealSize, percent) => {
          const derived = deriveTarget({ revenue, dealSize, closeRate: percent / 100 });
          expect(Number.isInteger(derived.target)).toBe(true);
          expect(derived.target).toBeGreaterThanOrEqual(derived.exact);
          expect(derived.target - derived.exact).toBeLessThan(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
