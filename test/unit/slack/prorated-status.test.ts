/**
 * A first period judged on only part of itself says so wherever its numbers are read: the plan,
 * the status line, Slack's figures and the digest.
 */
import { describe, expect, it } from 'vitest';
import { renderPlan } from '../../../cli/render/plan.js';
import { digestFormat } from '../../../shared/app/digest.js';
import { buildDigest } from '../../../shared/app/digest-rendering.js';
import type { Plan } from '../../../shared/domain/plan.js';
import { statusLine } from '../../../shared/presentation/status-line.js';
import { figureFields } from '../../../shared/slack/status-blocks.js';
import { definition, department, input, ny } from '../digest/digest-fixtures.js';
import { leadsEvaluation } from './fixtures.js';

const prorated = leadsEvaluation({
  status: 'on_track',
  actual: 1,
  target: 9,
  expected: 0.5,
  projected: 18,
  attainment: 1 / 9,
  proratedFrom: '2026-11-27T15:00:00.000Z',
  proration: { localDate: '2026-11-27', share: 0.09, fullTarget: 100 },
});
const waiting = leadsEvaluation({
  status: 'no_data',
  actual: 0,
  target: 0,
  expected: 0,
  projected: null,
  attainment: null,
  elapsed: 0,
  notInEffectUntil: '2026-12-01T05:00:00.000Z',
  proration: { localDate: '2026-12-01', share: 0 },
});
const line = (evaluation = prorated) =>
  statusLine({ evaluation, title: 'Qualified leads', providerName: 'Marketing', consumerName: 'Sales' });

describe('a prorated first period', () => {
  it('reads in the status line', () => {
    expect(line()).toBe(
      'Qualified leads (Marketing → Sales) 1 / 9 leads · expected 1 by now · projected 18 · prorated from Nov 27 · ON TRACK',
    );
  });

  it('says when a commitment is not in effect yet', () => {
    expect(line(waiting)).toBe(
      'Qualified leads (Marketing → Sales) not in effect yet (takes effect Dec 1) · NO DATA',
    );
  });

  it("shows under Slack's target what a whole period would have been", () => {
    expect(figureFields(prorated)).toContain(
      '*Target*\n9 leads\n_prorated from Nov 27 (100 leads for a whole period)_',
    );
    expect(figureFields(leadsEvaluation())).toContain('*Target*\n100 leads');
  });

  it('is said in the digest', () => {
    const digest = buildDigest(
      {
        week: '2026-W48',
        zone: 'America/New_York',
        asOf: ny('2026-11-30T08:00'),
        generatedAt: ny('2026-11-30T08:00'),
        sendsAt: ny('2026-11-30T08:00'),
        departments: { marketing: department('marketing', 'Marketing'), sales: department('sales', 'Sales') },
        commitments: [input(definition('marketing-qualified-leads', 'marketing', 'sales'), prorated)],
        ledger: [],
      },
      digestFormat,
    );
    const entry = digest.providers[0]?.commitments[0];
    expect(entry).toMatchObject({ proratedFrom: '2026-11-27' });
    expect(entry?.figures).toContain('prorated from Nov 27');
    expect(digest.text).toContain('prorated from Nov 27');
  });

  it('is said in the plan of a created commitment', () => {
    const plan: Plan = {
      entries: [
        {
          id: 'leads',
          action: 'create',
          effect: { at: '2026-11-27T15:00:00.000Z', localDate: '2026-11-27', prorated: true },
        },
        {
          id: 'uptime',
          action: 'create',
          effect: { at: '2026-12-01T05:00:00.000Z', localDate: '2026-12-01', prorated: false },
        },
      ],
      counts: { create: 2, change: 0, unchanged: 0, archive: 0 },
    };
    expect(renderPlan(plan)).toBe(
      '+ create leads (prorated from Nov 27)\n+ create uptime (takes effect Dec 1)',
    );
  });
});
