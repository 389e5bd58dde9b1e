import { describe, expect, it } from 'vitest';
import { failurePart, foldSummary } from '../../../shared/app/evaluation-summary.js';

describe('foldSummary', () => {
  it('is an empty run without parts', () => {
    expect(foldSummary('2026-11-18T15:00:00.000Z', [])).toEqual({
      at: '2026-11-18T15:00:00.000Z',
      evaluated: 0,
      closed: [],
      transitions: [],
      notifications: [],
      conflicts: 0,
      republished: 0,
      failed: 0,
      failedCommitments: [],
    });
  });

  it("adds the parts' counts and joins their lists in order", () => {
    const summary = foldSummary('2026-12-01T06:15:00.000Z', [
      { closed: [{ commitmentId: 'a', period: '2026-11', status: 'met', credit: 0 }] },
      failurePart('b', 'close', new Error('too large')),
      { transitions: [{ commitmentId: 'a', period: '2026-12', from: 'no_data', to: 'at_risk' }] },
      {
        notifications: [{ dedupKey: 'a#1', kind: 'at_risk', level: 1, commitmentId: 'a', period: '2026-12' }],
      },
      { failed: 1 },
      { evaluated: 1 },
      { conflicts: 1, evaluated: 1 },
      failurePart('c', 'evaluate', 'not an error'),
      { republished: 2, failed: 1 },
    ]);
    expect(summary).toMatchObject({
      evaluated: 2,
      conflicts: 1,
      republished: 2,
      failed: 2,
      closed: [{ commitmentId: 'a', period: '2026-11' }],
      transitions: [{ commitmentId: 'a', to: 'at_risk' }],
      notifications: [{ dedupKey: 'a#1' }],
      failedCommitments: [
        { commitmentId: 'b', step: 'close', error: 'too large' },
        { commitmentId: 'c', step: 'evaluate', error: 'not an error' },
      ],
    });
  });
});
