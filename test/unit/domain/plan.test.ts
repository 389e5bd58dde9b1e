import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../../shared/domain/config.js';
import type { CommitmentDefinition } from '../../../shared/domain/model.js';
import { planCommitments } from '../../../shared/domain/plan.js';

const exampleText = readFileSync(new URL('../../../examples/commitments.yaml', import.meta.url), 'utf8');

function commitmentsOf(edit: (raw: any) => void = () => {}): CommitmentDefinition[] {
  const raw = parse(exampleText);
  edit(raw);
  return parseConfig(raw).commitments;
}

const current = commitmentsOf();

describe('planCommitments', () => {
  it('leaves everything unchanged when the same file is applied again', () => {
    const plan = planCommitments(current, commitmentsOf());
    expect(plan.counts).toEqual({ create: 0, change: 0, unchanged: 3, archive: 0 });
    expect(plan.entries).toEqual([
      { id: 'marketing-qualified-leads', action: 'unchanged' },
      { id: 'sales-lead-follow-up', action: 'unchanged' },
      { id: 'website-availability', action: 'unchanged' },
    ]);
  });

  it('lists the changed paths with their old and new values', () => {
    const next = commitmentsOf((raw) => {
      raw.commitments[0].target.derive.closeRate = 0.25;
      raw.commitments[0].credits[1].credit = 20;
      raw.commitments[2].objective = 0.99;
    });
    const plan = planCommitments(current, next);
    expect(plan.counts).toEqual({ create: 0, change: 2, unchanged: 1, archive: 0 });
    expect(plan.entries).toEqual([
      {
        id: 'marketing-qualified-leads',
        action: 'change',
        changes: [
          { path: 'target', from: 100, to: 80 },
          { path: 'derivation.closeRate', from: 0.2, to: 0.25 },
          { path: 'credits[1].credit', from: 15, to: 20 },
        ],
      },
      { id: 'sales-lead-follow-up', action: 'unchanged' },
      {
        id: 'website-availability',
        action: 'change',
        changes: [{ path: 'objective', from: 0.995, to: 0.99 }],
      },
    ]);
  });

  it('shows calendar and escalation changes as people write them', () => {
    const next = commitmentsOf((raw) => {
      raw.calendars.business.hours = { 'mon-thu': '08:00-18:00', fri: '08:00-16:00' };
      raw.calendars.business.holidays.push('2026-12-24');
      raw.commitments[1].escalation = [
        { after: '0h', notify: ['provider'] },
        { after: '4h', notify: ['sales.lead'] },
      ];
    });
    const plan = planCommitments(current, next);
    const followUp = plan.entries.find((entry) => entry.id === 'sales-lead-follow-up');
    expect(followUp?.changes).toEqual([
      { path: 'calendar.hours.fri', from: '08:00-18:00', to: '08:00-16:00' },
      {
        path: 'calendar.holidays',
        from: ['2026-11-26', '2026-12-25'],
        to: ['2026-11-26', '2026-12-24', '2026-12-25'],
      },
      { path: 'escalation[1].after', from: '8h', to: '4h' },
      { path: 'escalation[1].notify', from: ['provider.lead', 'consumer'], to: ['sales.lead'] },
      { path: 'escalation[2].after', from: '24h', to: undefined },
      { path: 'escalation[2].notify', from: ['executives'], to: undefined },
    ]);
  });

  it('creates new commitments and archives the ones no longer in the file', () => {
    const next = commitmentsOf((raw) => {
      raw.commitments.splice(2, 1);
      raw.commitments.push({
        id: 'it-ticket-response',
        title: 'IT answers tickets within 4 business hours',
        provider: 'it',
        consumer: 'sales',
        measure: 'duration',
        threshold: '4h',
        objective: 0.9,
        calendar: 'business',
      });
    });
    const plan = planCommitments(current, next);
    expect(plan.counts).toEqual({ create: 1, change: 0, unchanged: 2, archive: 1 });
    expect(plan.entries).toEqual([
      { id: 'it-ticket-response', action: 'create' },
      { id: 'marketing-qualified-leads', action: 'unchanged' },
      { id: 'sales-lead-follow-up', action: 'unchanged' },
      { id: 'website-availability', action: 'archive' },
    ]);
  });

  it('plans everything as created on a fresh install, and archived for an empty file', () => {
    expect(planCommitments([], current).counts).toEqual({ create: 3, change: 0, unchanged: 0, archive: 0 });
    expect(planCommitments(current, []).counts).toEqual({ create: 0, change: 0, unchanged: 0, archive: 3 });
  });

  it('does not care in which order the commitments come', () => {
    const next = commitmentsOf((raw) => {
      raw.commitments[2].objective = 0.99;
    });
    const expected = planCommitments(current, next);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(current, { minLength: 3 }),
        fc.shuffledSubarray(next, { minLength: 3 }),
        (a, b) => {
          expect(planCommitments(a, b)).toEqual(expected);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('does not care in which order a stored definition lists its fields', () => {
    const next = commitmentsOf((raw) => {
      raw.commitments[0].unit = 'MQLs';
      raw.commitments[0].period = 'quarter';
    });
    const reordered = current.map(
      (d) => Object.fromEntries(Object.entries(d).reverse()) as CommitmentDefinition,
    );
    expect(planCommitments(reordered, next)).toEqual(planCommitments(current, next));
    expect(planCommitments(reordered, next).entries[0]?.changes?.map((c) => c.path)).toEqual([
      'unit',
      'period',
    ]);
  });

  it('treats hours written differently but meaning the same as unchanged', () => {
    const next = commitmentsOf((raw) => {
      raw.calendars.business.hours = { 'mon,tue,wed': '08:00-12:00,12:00-18:00', 'thu-fri': ['08:00-18:00'] };
    });
    expect(planCommitments(current, next).counts.unchanged).toBe(3);
  });

  it('refuses duplicate ids on either side', () => {
    expect(() => planCommitments([...current, ...current], current)).toThrow(
      "duplicate commitment id 'marketing-qualified-leads'",
    );
  });
});
