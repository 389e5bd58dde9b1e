import { describe, expect, it } from 'vitest';
import { mayHaveAlertState } from '../../../shared/app/alert-moves.js';

const november = { key: '2026-11', start: Date.parse('2026-11-01T00:00:00-04:00') };
const december = { key: '2026-12', start: Date.parse('2026-12-01T00:00:00-05:00') };
const firstClose = Date.parse('2026-12-01T01:15:00-05:00');

describe('which alert states the evaluator reads', () => {
  it('a head written before the marks were kept: every period, marked or not', () => {
    expect(mayHaveAlertState({}, november)).toBe(true);
    expect(mayHaveAlertState({ alertPeriods: [] }, november)).toBe(true);
  });

  it('a marked period: always', () => {
    expect(mayHaveAlertState({ alertPeriods: ['2026-12'], alertPeriodsSince: 0 }, december)).toBe(true);
  });

  it('an unmarked period the marks are complete for: never', () => {
    expect(mayHaveAlertState({ alertPeriods: ['2026-11'], alertPeriodsSince: 0 }, december)).toBe(false);
    expect(mayHaveAlertState({ alertPeriodsSince: november.start }, november)).toBe(false);
  });

  it('an unmarked period that began before the marks did: still read', () => {
    expect(mayHaveAlertState({ alertPeriodsSince: firstClose }, december)).toBe(true);
    expect(mayHaveAlertState({ alertPeriodsSince: firstClose }, november)).toBe(true);
  });
});
