import { describe, expect, it } from 'vitest';
import { planOutcome, renderPlan } from '../../../cli/render/plan.js';
import type { Plan } from '../../../shared/domain/plan.js';

const plan: Plan = {
  entries: [
    {
      id: 'marketing-qualified-leads',
      action: 'change',
      changes: [
        { path: 'target', from: 100, to: 120 },
        { path: 'title', from: 'Leads', to: 'Qualified leads' },
        { path: 'escalation[1].notify', from: ['provider.lead'], to: ['provider.lead', 'consumer'] },
        { path: 'review', from: undefined, to: 'quarter' },
      ],
    },
    { id: 'old-commitment', action: 'archive' },
    { id: 'sales-lead-follow-up', action: 'unchanged' },
    { id: 'support-first-response', action: 'create' },
    { id: 'website-availability', action: 'unchanged' },
  ],
  counts: { create: 1, change: 1, unchanged: 2, archive: 1 },
};

describe('renderPlan', () => {
  it('prints a diff: create, change with each path from → to, archive, and the unchanged count', () => {
    expect(renderPlan(plan)).toBe(
      [
        '~ change marketing-qualified-leads',
        '    target: 100 → 120',
        '    title: "Leads" → "Qualified leads"',
        '    escalation[1].notify: ["provider.lead"] → ["provider.lead", "consumer"]',
        '    review: (unset) → "quarter"',
        '- archive old-commitment',
        '+ create support-first-response',
        '2 unchanged',
      ].join('\n'),
    );
  });

  it('says 0 unchanged rather than nothing for an empty configuration', () => {
    expect(renderPlan({ entries: [], counts: { create: 0, change: 0, unchanged: 0, archive: 0 } })).toBe(
      '0 unchanged',
    );
  });

  it('ends with what happened, or on a dry run what would', () => {
    expect(planOutcome(plan, true)).toBe(
      'Dry run: nothing applied (1 to create, 1 to change, 1 to archive). Run without --dry-run to apply.',
    );
    expect(planOutcome(plan, false)).toBe('Applied: 1 created, 1 changed, 1 archived.');
    const same: Plan = { entries: [], counts: { create: 0, change: 0, unchanged: 3, archive: 0 } };
    expect(planOutcome(same, true)).toBe('No changes: the configuration is already applied.');
  });
});
