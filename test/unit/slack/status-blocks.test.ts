import { describe, expect, it } from 'vitest';
import type { Status } from '../../../shared/domain/model.js';
import {
  figureFields,
  type StatusItem,
  statusDetailMessage,
  statusListMessage,
  statusText,
} from '../../../shared/slack/status-blocks.js';
import { blocksText, checkSlackLimits } from './check-slack-limits.js';
import { DEPARTMENTS, leadsEvaluation } from './fixtures.js';

const leads: StatusItem = {
  evaluation: leadsEvaluation(),
  title: 'Qualified leads',
  provider: 'marketing',
  consumer: 'sales',
};

const STATUSES: Status[] = ['on_track', 'at_risk', 'breached', 'met', 'no_data'];

function many(count: number, title = (i: number) => `Commitment number ${i}`): StatusItem[] {
  return Array.from({ length: count }, (_, i) => ({
    evaluation: leadsEvaluation({
      commitmentId: `commitment-${String(i).padStart(2, '0')}`,
      status: STATUSES[i % STATUSES.length] as Status,
    }),
    title: title(i),
    provider: 'marketing',
    consumer: 'sales',
  }));
}

describe('status lines in Slack', () => {
  it("reads like the seed's status line, with a progress bar", () => {
    expect(statusText(leads, DEPARTMENTS)).toBe(
      ':large_orange_circle: Qualified leads (Marketing → Sales) 62 / 100 leads · expected 70 by now · projected 89 · AT RISK\n`▓▓▓▓▓▓░░░░` 62% of target',
    );
  });

  it('escapes what people typed into titles so Slack does not read it as markup', () => {
    const item = { ...leads, title: 'R&D <beta> leads' };
    expect(statusText(item, DEPARTMENTS)).toContain('R&amp;D &lt;beta&gt; leads');
  });

  it('shows the figures, and the derivation of a derived target', () => {
    const fields = figureFields(leadsEvaluation(), {
      revenue: 10000,
      dealSize: 500,
      closeRate: 0.2,
      exact: 100,
      formula: '10000 / 500 / 0.2 = 100',
    });
    expect(fields).toEqual([
      '*Actual*\n62 leads',
      '*Target*\n100 leads\n_10000 / 500 / 0.2 = 100_',
      '*Expected by now*\n70 leads',
      '*Projected*\n89 leads',
      '*Status*\n:large_orange_circle: AT RISK',
      '*Period*\n2026-11 · 70% elapsed',
    ]);
  });

  it('shows objectives and the error budget for share measures', () => {
    const fields = figureFields(
      leadsEvaluation({
        measure: 'availability',
        status: 'on_track',
        actual: 0.997,
        target: 0.995,
        attainment: 0.997 / 0.995,
        budget: { allowed: 100, used: 40, remaining: 60, burnRate: 0.8 },
        unit: 'availability',
      }),
    );
    expect(fields).toContain('*Actual*\n99.7%');
    expect(fields).toContain('*Objective*\n99.5%');
    expect(fields).toContain('*Error budget*\n40 of 100 minutes of downtime allowed · burn rate 0.8');
  });
});

describe('a department listing', () => {
  it('groups commitments as provider and consumer, worst first, each with a Details button', () => {
    const onTrack = {
      ...leads,
      evaluation: leadsEvaluation({ commitmentId: 'a-first', status: 'on_track' }),
    };
    const message = statusListMessage({
      heading: 'SLA status: Marketing',
      groups: [
        { title: 'Marketing delivers', items: [onTrack, leads], empty: 'none' },
        { title: 'Marketing receives', items: [], empty: 'No commitments as consumer.' },
      ],
      departments: DEPARTMENTS,
    });
    checkSlackLimits(message);
    expect(message.response_type).toBe('ephemeral');
    const sections = message.blocks.filter((b) => b.type === 'section');
    expect(sections.map((b) => (b.type === 'section' ? b.accessory?.value : undefined))).toEqual([
      undefined,
      'marketing-qualified-leads',
      'a-first',
      undefined,
    ]);
    expect(blocksText(message)).toContain('No commitments as consumer.');
    expect(message.text).toContain('SLA status: Marketing: 2 commitments: 1 at risk, 1 on track');
  });

  it('is public only when asked', () => {
    const message = statusListMessage({
      heading: 'Sales',
      groups: [{ title: 'x', items: [leads], empty: '' }],
      departments: DEPARTMENTS,
      public: true,
    });
    expect(message.response_type).toBe('in_channel');
  });

  it('keeps 60 commitments within 50 blocks, the worst ones shown, and says how many were left out', () => {
    const message = statusListMessage({
      heading: 'SLA status: Marketing',
      intro: '60 commitments',
      groups: [
        { title: 'Marketing delivers', items: many(60), empty: '' },
        { title: 'Marketing receives', items: [], empty: 'No commitments as consumer.' },
      ],
      departments: DEPARTMENTS,
    });
    checkSlackLimits(message);
    expect(message.blocks).toHaveLength(50);
    const shown = message.blocks.filter((b) => b.type === 'section' && b.accessory).length;
    expect(shown).toBe(45);
    expect(blocksText(message)).toContain('…and 15 more commitments not shown');
    // Breached and at-risk ones (24 of the 60) all make it.
    expect(blocksText(message).match(/BREACHED|AT RISK/g)?.length).toBeGreaterThanOrEqual(24);
  });

  it('fits very long titles', () => {
    const message = statusListMessage({
      heading: `SLA status: ${'Very long department name '.repeat(10)}`,
      groups: [{ title: 'x'.repeat(4000), items: many(3, () => 'T'.repeat(5000)), empty: '' }],
      departments: DEPARTMENTS,
    });
    checkSlackLimits(message);
    expect(blocksText(message)).toContain('cut to fit Slack');
  });
});

describe('one commitment in detail', () => {
  it('has a header, the status line, the figures and the alert state', () => {
    const message = statusDetailMessage({
      item: leads,
      departments: DEPARTMENTS,
      alert: {
        commitmentId: 'marketing-qualified-leads',
        period: '2026-11',
        episode: 1,
        level: 2,
        lastStatus: 'at_risk',
        acknowledgedBy: 'U0MKTLEAD',
        acknowledgedAt: Date.parse('2026-11-18T16:00:00Z'),
        breachNotified: false,
        metNotified: false,
        revision: 3,
      },
    });
    checkSlackLimits(message);
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Qualified leads', emoji: true },
    });
    const text = blocksText(message);
    expect(text).toContain('62 / 100 leads · expected 70 by now · projected 89 · AT RISK');
    expect(text).toContain('escalation level 2');
    expect(text).toContain('acknowledged by <@U0MKTLEAD>');
    expect(text).toContain('/sla log marketing-qualified-leads');
    expect(message.text).toBe(
      'Qualified leads (Marketing → Sales) 62 / 100 leads · expected 70 by now · projected 89 · AT RISK',
    );
  });

  it("shows its times in the commitment's zone with the abbreviation", () => {
    const message = statusDetailMessage({
      item: { ...leads, timezone: 'America/New_York' },
      departments: DEPARTMENTS,
      alert: {
        commitmentId: 'marketing-qualified-leads',
        period: '2026-11',
        episode: 1,
        level: 1,
        lastStatus: 'at_risk',
        acknowledgedBy: 'U0MKTLEAD',
        acknowledgedAt: Date.parse('2026-11-18T16:00:00.123Z'),
        snoozedBy: 'U0MKTLEAD',
        snoozedUntil: Date.parse('2026-11-19T14:00:00Z'),
        breachNotified: false,
        metNotified: false,
        revision: 3,
      },
    });
    const text = blocksText(message);
    expect(text).toContain('acknowledged by <@U0MKTLEAD> Wed Nov 18, 2026, 11:00 EST');
    expect(text).toContain('until Thu Nov 19, 2026, 09:00 EST');
    expect(text).toContain('evaluated Wed Nov 18, 2026, 10:00 EST');
    expect(text).not.toContain('<!date');
  });

  it('fits a 200-character title in the 150-character header', () => {
    const message = statusDetailMessage({
      item: { ...leads, title: 'L'.repeat(200) },
      departments: DEPARTMENTS,
    });
    checkSlackLimits(message);
    const header = message.blocks[0];
    expect(header?.type === 'header' && header.text.text.endsWith('…')).toBe(true);
  });
});
