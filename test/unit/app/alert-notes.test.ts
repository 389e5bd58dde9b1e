import { describe, expect, it } from 'vitest';
import { alertNotes, burnWords } from '../../../shared/app/alert-notes.js';
import type { BurnRateFinding } from '../../../shared/domain/alerts/burn-rate.js';
import { evaluate } from '../../../shared/domain/evaluate.js';
import type { CommitmentDefinition } from '../../../shared/domain/model.js';
import { periodFromKey } from '../../../shared/domain/periods.js';
import { conversion, leads, ny, ZONE } from '../domain/judging-fixtures.js';

const november = periodFromKey('2026-11', ZONE);
const nineInTen: CommitmentDefinition = { ...conversion, objective: 0.9 };
const at = ny('2026-11-10T12:00');
const burning = evaluate({
  definition: nineInTen,
  period: november,
  aggregate: { measure: 'ratio', good: 8, total: 10 },
  excusals: [],
  at,
});

describe('what a warning adds to the status line', () => {
  it('says when the budget runs out on at_risk and escalated, and nothing on the other kinds', () => {
    const notes = (kind: Parameters<typeof alertNotes>[0]['kind']) =>
      alertNotes({ kind, definition: nineInTen, evaluation: burning, now: at, burn: undefined });
    expect(notes('at_risk')).toEqual(['at this rate the budget runs out in about 4 business days']);
    expect(notes('escalated')).toEqual(notes('at_risk'));
    expect(notes('recovered')).toEqual([]);
    expect(notes('breached')).toEqual([]);
    expect(notes('met')).toEqual([]);
  });

  it('adds nothing for a total', () => {
    const evaluation = evaluate({
      definition: leads,
      period: november,
      aggregate: { measure: 'total', sum: 5, count: 5 },
      excusals: [],
      at,
    });
    expect(alertNotes({ kind: 'at_risk', definition: leads, evaluation, now: at, burn: undefined })).toEqual(
      [],
    );
  });

  it('names a fast burn with its windows, and counts the budget at the long window rate', () => {
    const burn: BurnRateFinding = {
      rule: { long: '6h', short: '30m', longMs: 6 * 3_600_000, shortMs: 1_800_000, rate: 6 },
      long: { total: 36_000, bad: 300, rate: 8.333 },
      short: { total: 3000, bad: 30, rate: 10 },
      level: 1,
    };
    expect(burnWords(burn)).toBe(
      'burning the error budget 8.3× as fast as it lasts over the last 6 hours (10× over the last 30 minutes)',
    );
    const notes = alertNotes({ kind: 'at_risk', definition: nineInTen, evaluation: burning, now: at, burn });
    // 0.36 of the budget left at 8.3 lasts 0.043 of 200 business hours: about 9 business hours.
    expect(notes).toEqual([burnWords(burn), 'at this rate the budget runs out in about 9 business hours']);
  });
});
