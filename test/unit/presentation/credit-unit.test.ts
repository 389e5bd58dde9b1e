import { describe, expect, it } from 'vitest';
import { renderEvaluationSummary } from '../../../cli/commands/evaluate.js';
import { digestFormat } from '../../../shared/app/digest.js';
import { buildDigest } from '../../../shared/app/digest-rendering.js';
import { foldSummary } from '../../../shared/app/evaluation-summary.js';
import { definition, evaluation, input, ny, ZONE } from '../digest/digest-fixtures.js';
import { DEPARTMENTS } from '../slack/fixtures.js';

const digestWith = (creditUnit?: string) =>
  buildDigest(
    {
      week: '2026-W45',
      zone: ZONE,
      generatedAt: ny('2026-11-09T08:00'),
      asOf: ny('2026-11-09T08:00'),
      sendsAt: ny('2026-11-09T08:00'),
      departments: DEPARTMENTS,
      commitments: [input(definition('leads', 'marketing', 'sales'), evaluation('leads', 'on_track'))],
      ledger: [{ department: 'marketing', commitmentId: 'leads', periodKey: '2026-10', credit: 1500 }],
      ...(creditUnit ? { creditUnit } : {}),
    },
    digestFormat,
  );

describe('credits in their unit', () => {
  it('are owed in the configured creditUnit in the digest email and Slack', () => {
    const digest = digestWith('USD');
    expect(digest.text).toContain('Marketing: 1,500 USD (leads 2026-10: 1,500)');
    expect(JSON.stringify(digest.messages)).toContain('Marketing: *1,500 USD*');
    expect(digestWith().text).toContain('Marketing: 1,500 credits');
  });

  it('are owed in the configured creditUnit in the evaluator summary', () => {
    const closed = { commitmentId: 'leads', period: '2026-11', status: 'breached', credit: 1 };
    const summary = foldSummary('2026-12-01T13:00:00.000Z', [
      { evaluated: 1, closed: [{ ...closed, creditUnit: 'hours of support' }] },
    ]);
    const text = renderEvaluationSummary(summary);
    expect(text).toContain('  leads 2026-11: BREACHED, 1 hour of support owed');
  });
});
