import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../../shared/domain/config.js';
import type { Evaluation } from '../../../shared/domain/evaluate.js';
import { attainmentWords, budgetWords } from '../../../shared/domain/readable-budget.js';
import {
  countWords,
  creditWords,
  denoise,
  formatAmount,
  formatPercent,
  formatValue,
  singular,
} from '../../../shared/domain/readable-numbers.js';
import { ValidationError } from '../../../shared/domain/validation-error.js';
import { statusFigures } from '../../../shared/presentation/status-line.js';

const exampleText = readFileSync(new URL('../../../examples/commitments.yaml', import.meta.url), 'utf8');

const base: Evaluation = {
  commitmentId: 'sales-lead-follow-up',
  period: '2026-11',
  measure: 'duration',
  status: 'at_risk',
  actual: 0.9,
  target: 0.95,
  expected: 0.95,
  projected: 0.9,
  attainment: 0.9 / 0.95,
  elapsed: 0.5,
  unit: 'leads',
  evaluatedAt: '2026-11-18T15:00:00Z',
};

describe('amounts', () => {
  it('keeps whole numbers whole with thousands separators, others at most two decimals', () => {
    expect(formatAmount(1250)).toBe('1,250');
    expect(formatAmount(62.5)).toBe('62.5');
    expect(formatAmount(61.00424916666667)).toBe('61');
    expect(formatAmount(60.00000000000006)).toBe('60');
    expect(formatAmount(1.005001)).toBe('1.01');
    expect(formatAmount(0.001)).toBe('<0.01');
    expect(formatAmount(-0.004)).toBe('>-0.01');
    expect(formatAmount(0)).toBe('0');
  });

  it('rounds whole-valued amounts half up, so a pace of half a lead reads 1', () => {
    expect(formatValue(0.5)).toBe('1');
    expect(formatValue(0.49999999999999994)).toBe('1');
    expect(formatValue(0.4)).toBe('0');
    expect(formatValue(1250.5, 'decimal')).toBe('1,250.5');
  });

  it('says one in the singular', () => {
    expect(countWords(1, 'leads')).toBe('1 lead');
    expect(countWords(2, 'leads')).toBe('2 leads');
    expect(singular('minutes of downtime')).toBe('minute of downtime');
    expect(singular('late deliveries')).toBe('late delivery');
    expect(singular('USD')).toBe('USD');
  });
});

describe('percentages', () => {
  it('uses at most one decimal where that tells the truth', () => {
    expect(formatPercent(0.995)).toBe('99.5%');
    expect(formatPercent(0.5294117647058824)).toBe('52.9%');
    expect(formatPercent(0.62)).toBe('62%');
  });

  it('never reads 100% short of 100%, nor 0% above 0', () => {
    expect(formatPercent(0.9996)).toBe('99.96%');
    expect(formatPercent(0.999999)).toBe('99.99%');
    expect(formatPercent(0.0004)).toBe('0.04%');
    expect(formatPercent(0.0000001)).toBe('0.01%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.1 + 0.2)).toBe('30%');
  });

  it('never lands on the other side of the objective it is read against', () => {
    expect(formatPercent(0.9946, 0.995)).toBe('99.46%');
    expect(formatPercent(0.99499, 0.995)).toBe('99.49%');
    expect(formatPercent(0.9951, 0.995)).toBe('99.51%');
    expect(formatPercent(0.9995)).toBe('99.95%');
  });

  it('reads a thousand percent and more as a multiple', () => {
    expect(formatPercent(13.3333)).toBe('13.3×');
    expect(formatPercent(9.99996)).toBe('10×');
    expect(formatPercent(9.99)).toBe('999%');
  });
});

describe('budgets in the measure’s units', () => {
  it('counts late leads: 2 of 3 allowed, and over budget by whole leads', () => {
    const budget = { allowed: 3, used: 2, remaining: 1, burnRate: 0.8 };
    expect(budgetWords({ ...base, budget })).toBe('2 of 3 late leads allowed');
    expect(budgetWords({ ...base, budget: { ...budget, used: 4, remaining: -1 } })).toBe(
      'over budget by 1 late lead',
    );
  });

  it('reads a budget of 0.2 misses as none allowed, never as 1,000% used', () => {
    const budget = { allowed: 0.2, used: 2, remaining: -1.8, burnRate: 10 };
    const text = budgetWords({ ...base, measure: 'ratio', unit: '%', budget });
    expect(text).toBe('over budget by 2 misses');
    expect(statusFigures({ ...base, measure: 'ratio', unit: '%', budget })).not.toMatch(
      /\d{4}|1,\d{3}%|0\.2/,
    );
  });

  it('takes the whole misses an objective still tolerates, despite float dust', () => {
    // (1 - 0.95) × 20 is 1.0000000000000009, and 0.9999999999999998 elsewhere: one miss either way.
    const budget = { allowed: (1 - 0.95) * 20, used: 1, remaining: 0, burnRate: 1 };
    expect(budgetWords({ ...base, budget })).toBe('1 of 1 late lead allowed');
    expect(budgetWords({ ...base, budget: { ...budget, allowed: 0.9999999999999998 } })).toBe(
      '1 of 1 late lead allowed',
    );
  });

  it('counts downtime in minutes, and over budget by minutes or seconds', () => {
    const availability = { ...base, measure: 'availability' as const, unit: '%' };
    const budget = { allowed: 63.36, used: 35.2, remaining: 28.16, burnRate: 0.9 };
    expect(budgetWords({ ...availability, budget })).toBe('35 of 63 minutes of downtime allowed');
    expect(budgetWords({ ...availability, budget: { ...budget, used: 75.4, remaining: -12.04 } })).toBe(
      'over budget by 12 minutes',
    );
    expect(budgetWords({ ...availability, budget: { ...budget, used: 63.4, remaining: -0.04 } })).toBe(
      'over budget by 2 seconds',
    );
    // 1333.33% of the budget used is 80 minutes against 6: said in minutes.
    expect(
      budgetWords({ ...availability, budget: { allowed: 6, used: 80, remaining: -74, burnRate: 13.3 } }),
    ).toBe('over budget by 74 minutes');
  });
});

describe('attainment', () => {
  it('stops at 100% for availability above its objective', () => {
    const e = {
      ...base,
      measure: 'availability' as const,
      status: 'on_track' as const,
      attainment: 1 / 0.995,
    };
    expect(attainmentWords(e)).toBe('100%');
  });

  it('says breached, with the shortfall, instead of reading like success', () => {
    const breached = {
      ...base,
      measure: 'availability' as const,
      status: 'breached' as const,
      actual: 0.9939,
      target: 0.995,
      attainment: 0.9939 / 0.995,
      budget: { allowed: 63, used: 75, remaining: -12, burnRate: 2 },
    };
    expect(attainmentWords(breached)).toBe('99.9% (breached: over budget by 12 minutes)');
    const total = {
      ...base,
      measure: 'total' as const,
      status: 'breached' as const,
      actual: 98,
      target: 100,
    };
    expect(attainmentWords({ ...total, attainment: 0.98 })).toBe('98% (breached: 2 leads short)');
    expect(attainmentWords({ ...total, actual: 99.9999, attainment: 0.999999 })).toBe(
      '99.99% (breached: 1 lead short)',
    );
    expect(attainmentWords({ ...total, actual: 12, target: 10, attainment: 1.2, unit: 'incidents' })).toBe(
      '120% (breached: 2 incidents over the limit)',
    );
  });
});

describe('pace of whole-valued totals', () => {
  const leads: Evaluation = {
    ...base,
    measure: 'total',
    status: 'on_track',
    actual: 0,
    target: 9,
    expected: 0.5,
    projected: null,
    attainment: 0,
    unit: 'leads',
  };

  it('says expected 1 by now for a pace of half a lead', () => {
    expect(statusFigures(leads)).toBe('0 / 9 leads · expected 1 by now');
  });

  it('keeps decimals for a commitment that says values: decimal', () => {
    expect(statusFigures({ ...leads, values: 'decimal', unit: 'USD', actual: 1250.5, expected: 0.5 })).toBe(
      '1,250.5 / 9 USD · expected 0.5 by now',
    );
  });
});

describe('JSON figures without float dust', () => {
  it('rounds derived values to six decimals', () => {
    expect(denoise(60.00000000000006)).toBe(60);
    expect(denoise(61.00424916666667)).toBe(61.004249);
    expect(denoise(0.5294117647058824)).toBe(0.529412);
    expect(denoise(-0.0000001)).toBe(0);
  });
});

describe('configuration', () => {
  const raw = () => parse(exampleText);

  it('reads values: decimal on a total, and leaves whole values out of the definition', () => {
    const config = raw();
    config.commitments[0].values = 'decimal';
    expect(parseConfig(config).commitments[0]?.values).toBe('decimal');
    config.commitments[0].values = 'whole';
    expect(parseConfig(config).commitments[0]).not.toHaveProperty('values');
  });

  it('refuses values on a measure that counts outcomes, and values other than whole or decimal', () => {
    const onDuration = raw();
    onDuration.commitments[1].values = 'decimal';
    expect(() => parseConfig(onDuration)).toThrow(ValidationError);
    try {
      parseConfig(onDuration);
    } catch (error) {
      expect((error as ValidationError).issues).toContainEqual({
        path: 'commitments[1].values',
        message: 'only total commitments take values; a duration commitment counts outcomes',
      });
    }
    const halves = raw();
    halves.commitments[0].values = 'halves';
    try {
      parseConfig(halves);
      expect.unreachable('values: halves was accepted');
    } catch (error) {
      expect((error as ValidationError).issues[0]?.path).toBe('commitments[0].values');
    }
  });

  it('carries creditUnit to every commitment, and credits read in it', () => {
    const config = raw();
    config.creditUnit = 'USD';
    const parsed = parseConfig(config);
    expect(parsed.creditUnit).toBe('USD');
    expect(parsed.commitments.map((c) => c.creditUnit)).toEqual(['USD', 'USD', 'USD']);
    expect(parseConfig(raw()).commitments[0]).not.toHaveProperty('creditUnit');
    expect(creditWords(1500, 'USD')).toBe('1,500 USD');
    expect(creditWords(1)).toBe('1 credit');
    expect(creditWords(5)).toBe('5 credits');
  });
});
