import { describe, expect, it } from 'vitest';
import { renderEvaluationSummary } from '../../../cli/commands/evaluate.js';
import type { EvaluationSummary } from '../../../shared/app/evaluator.js';

const quiet: EvaluationSummary = {
  at: '2026-11-18T15:00:00.000Z',
  evaluated: 3,
  closed: [],
  transitions: [],
  notifications: [],
  conflicts: 0,
  republished: 0,
  failed: 0,
  failedCommitments: [],
};

describe('sla evaluate', () => {
  it('names each commitment the run could not evaluate, and why', () => {
    const text = renderEvaluationSummary({
      ...quiet,
      failed: 1,
      failedCommitments: [
        {
          commitmentId: 'partner-onboarding',
          step: 'evaluate',
          error: 'Item size has exceeded the maximum allowed size',
        },
      ],
    });
    expect(text.split('\n').slice(-3)).toEqual([
      'Not handed to the transport (retried by the next run): 1',
      'Failed to evaluate (the others were; the next run retries): 1',
      '  partner-onboarding (evaluate): Item size has exceeded the maximum allowed size',
    ]);
  });

  it('says nothing of failures when there were none', () => {
    expect(renderEvaluationSummary(quiet)).not.toMatch(/fail|transport/i);
  });
});
