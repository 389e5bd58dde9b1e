import { describe, expect, it } from 'vitest';
import { statusWithAlert } from '../../../shared/domain/alerts/shown-status.js';
import type { Evaluation } from '../../../shared/domain/evaluate.js';

const rule = { atRisk: { projectedBelow: 0.95, notBefore: 0.2 }, comparator: 'atLeast' as const };
const leads = (projected: number, status: Evaluation['status'] = 'on_track'): Evaluation => ({
  commitmentId: 'marketing-qualified-leads',
  period: '2026-11',
  measure: 'total',
  status,
  actual: 60,
  target: 100,
  expected: 61,
  projected,
  attainment: 0.6,
  elapsed: 0.61,
  unit: 'leads',
  evaluatedAt: '2026-11-18T17:15:00Z',
});

describe('the status shown beside an alert', () => {
  it('stays at risk between the at-risk line and the recovery line while the alert is open', () => {
    expect(statusWithAlert(leads(96), rule, { level: 2 }).status).toBe('at_risk');
  });

  it('is the judgement itself past the recovery line, without an open alert, or for other statuses', () => {
    expect(statusWithAlert(leads(98), rule, { level: 1 }).status).toBe('on_track');
    expect(statusWithAlert(leads(96), rule, { level: 0 }).status).toBe('on_track');
    expect(statusWithAlert(leads(96), rule, undefined).status).toBe('on_track');
    expect(statusWithAlert(leads(101, 'met'), rule, { level: 1 }).status).toBe('met');
  });
});
