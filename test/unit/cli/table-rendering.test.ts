import { describe, expect, it } from 'vitest';
import { historyCsv } from '../../../cli/render/csv.js';
import {
  budgetText,
  renderHistoryTable,
  renderStatusDetail,
  renderStatusTable,
  type StatusRow,
} from '../../../cli/render/status.js';
import { displayWidth, renderTable } from '../../../cli/render/table.js';
import type { ClosedPeriodResult } from '../../../shared/domain/close.js';
import type { Evaluation } from '../../../shared/domain/evaluate.js';

const leads: StatusRow = {
  commitmentId: 'marketing-qualified-leads',
  title: 'Marketing delivers qualified leads to Sales',
  provider: 'marketing',
  consumer: 'sales',
  period: '2026-11',
  measure: 'total',
  status: 'at_risk',
  actual: 62,
  target: 100,
  expected: 70,
  projected: 88.6,
  attainment: 0.62,
  elapsed: 0.7,
  unit: 'leads',
  evaluatedAt: '2026-11-18T10:00:00.000-05:00',
};

const website: StatusRow = {
  commitmentId: 'website-availability',
  title: 'Website available 99.5% in business hours',
  provider: 'it',
  consumer: 'marketing',
  period: '2026-11',
  measure: 'availability',
  status: 'on_track',
  actual: 0.999,
  target: 0.995,
  expected: 0.995,
  projected: 0.999,
  attainment: 1.004,
  elapsed: 0.61,
  unit: '',
  budget: { allowed: 60, used: 9.5, remaining: 50.5, burnRate: 0.26 },
  evaluatedAt: '2026-11-18T10:00:00.000-05:00',
};

describe('renderTable', () => {
  it('pads columns to the widest cell and right-aligns numbers', () => {
    const table = renderTable(
      [
        { header: 'NAME', cell: (r: { name: string; n: number }) => r.name },
        { header: 'N', cell: (r) => String(r.n), align: 'right' },
      ],
      [
        { name: 'a', n: 5 },
        { name: 'longer', n: 120 },
      ],
    );
    expect(table).toBe(['NAME      N', 'a         5', 'longer  120'].join('\n'));
  });

  it('counts a bar or an arrow as one column', () => {
    expect(displayWidth('▓▓░ → —')).toBe(7);
  });
});

describe('status table', () => {
  it('shows who owes whom, the bar, the figures in their unit and the status', () => {
    const lines = renderStatusTable([leads, website]).split('\n');
    expect(lines[0]).toMatch(
      /^COMMITMENT\s+PROVIDER → CONSUMER\s+PROGRESS\s+ACTUAL \/ TARGET\s+EXPECTED\s+PROJECTED\s+STATUS$/,
    );
    expect(lines[1]).toMatch(
      /^marketing-qualified-leads\s+marketing → sales\s+▓▓▓▓▓▓░░░░ 62%\s+62 \/ 100 leads\s+70\s+89\s+AT RISK$/,
    );
    expect(lines[2]).toMatch(
      /^website-availability\s+it → marketing\s+▓▓▓▓▓▓▓▓▓▓ 100%\s+99\.9% \/ 99\.5%\s+99\.5%\s+99\.9%\s+ON TRACK$/,
    );
    // Every row is as wide as the header, so the columns line up.
    const statusColumn = lines[0]?.indexOf('STATUS');
    expect(lines[1]?.indexOf('AT RISK')).toBe(statusColumn);
    expect(lines[2]?.indexOf('ON TRACK')).toBe(statusColumn);
  });

  it('leaves out the pace of a final period and the figures of one with no data', () => {
    const final = renderStatusTable([{ ...leads, status: 'breached', final: true }]);
    expect(final).toMatch(/62 \/ 100 leads\s+—\s+—\s+BREACHED/);
    const empty = renderStatusTable([{ ...website, status: 'no_data', attainment: null, projected: null }]);
    expect(empty).toMatch(/░░░░░░░░░░ —\s+— \/ 99\.5%\s+—\s+—\s+NO DATA/);
  });
});

describe('status detail', () => {
  it('shows the budget of an objective measure', () => {
    const text = renderStatusDetail(website);
    expect(text.split('\n')[0]).toBe('website-availability · 2026-11 · ON TRACK');
    expect(text).toContain('budget     9.5 of 60 minutes of downtime allowed · burn rate 0.26');
    expect(text).toContain('projected  99.9%');
  });

  it('shows an excusal with the target it scaled down', () => {
    const excused: Evaluation = {
      ...leads,
      target: 95,
      excused: { share: 0.05, windows: 1, causedBy: ['sales'], originalTarget: 100 },
    };
    const text = renderStatusDetail(excused);
    expect(text).toContain('62 / 95 leads · expected 70 by now · projected 89');
    expect(text).toContain('excused    5% of the period (1 window, caused by sales) · target 100 → 95');
  });

  it('says when a budget is overspent', () => {
    const budget = { allowed: 2, used: 3, remaining: -1, burnRate: 2.5 };
    expect(budgetText({ measure: 'ratio', unit: '%' }, budget)).toBe('over budget by 1 miss · burn rate 2.5');
    expect(budgetText({ measure: 'duration', unit: 'leads' }, { ...budget, used: 5 })).toBe(
      'over budget by 3 late leads · burn rate 2.5',
    );
  });
});

const closed = (
  period: string,
  status: 'met' | 'breached',
  actual: number,
  credit: number,
): ClosedPeriodResult => ({
  commitmentId: 'marketing-qualified-leads',
  period,
  version: 1,
  status,
  actual,
  target: 100,
  attainment: actual / 100,
  credit,
  closedAt: '2026-11-01T00:05:00.000-04:00',
  evaluation: { ...leads, period, status, actual, final: true },
});

describe('history', () => {
  it('tables closed periods with their attainment and credit', () => {
    const text = renderHistoryTable([
      closed('2026-10', 'breached', 78, 15),
      closed('2026-09', 'met', 104, 0),
    ]);
    expect(text.split('\n')).toEqual([
      'PERIOD   STATUS    ACTUAL / TARGET                      ATTAINMENT      CREDIT',
      '2026-10  BREACHED   78 / 100 leads  78% (breached: 22 leads short)  15 credits',
      '2026-09  MET       104 / 100 leads                            104%           —',
    ]);
  });

  it('counts credits in the configured creditUnit', () => {
    const text = renderHistoryTable([
      { ...closed('2026-10', 'breached', 99, 1), creditUnit: 'hours of support' },
    ]);
    expect(text).toContain('1 hour of support');
    const csv = historyCsv([{ ...closed('2026-10', 'breached', 99, 1500), creditUnit: 'USD' }]);
    expect(csv.split('\n')[1]).toBe('2026-10,breached,99,100,99%,1500,true,USD');
  });

  it('exports CSV oldest first, the running period last and not final', () => {
    const csv = historyCsv([closed('2026-10', 'breached', 78, 15), closed('2026-09', 'met', 104, 0)], leads);
    expect(csv).toBe(
      [
        'period,status,actual,target,attainment,credit,final,creditUnit',
        '2026-09,met,104,100,104%,0,true,credits',
        '2026-10,breached,78,100,78%,15,true,credits',
        '2026-11,at_risk,62,100,62%,,false,',
        '',
      ].join('\n'),
    );
  });
});
