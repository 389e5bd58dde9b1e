import { describe, expect, it } from 'vitest';
import { digestFormat } from '../../../shared/app/digest.js';
import { buildDigest } from '../../../shared/app/digest-rendering.js';
import type { DigestInput } from '../../../shared/domain/digest/digest-types.js';
import {
  closedResult,
  definition,
  department,
  evaluation,
  excusal,
  fridaySnapshots,
  input,
  ny,
  ZONE,
} from './digest-fixtures.js';
import { slackLimitViolations } from './slack-limits.js';

// Monday 16 November 2026, 08:00 New York: the digest of week 2026-W46 (9–15 November).
const departments = {
  marketing: department('marketing', 'Marketing', 'U0MKTLEAD'),
  sales: department('sales', 'Sales', 'U0SALESLEAD'),
  it: department('it', 'IT'),
  executives: department('executives', 'Executive team'),
};

const leads = definition('marketing-qualified-leads', 'marketing', 'sales', {
  title: 'Marketing delivers qualified leads to Sales',
  review: { cadence: 'quarter', baseline: '2026-08-20' },
});
const spend = definition('marketing-ad-spend', 'marketing', 'executives', {
  title: 'Marketing spends at most $20,000 on ads a month',
  comparator: 'atMost',
  unit: 'USD',
  target: 20000,
});
const followUp = definition('sales-lead-follow-up', 'sales', 'marketing', {
  title: 'Sales contacts every qualified lead within 24 business hours',
  measure: 'duration',
  objective: 0.95,
});
const uptime = definition('website-availability', 'it', 'marketing', {
  title: 'Website available 99.5% in business hours',
  measure: 'availability',
  objective: 0.995,
});

const digestInput: DigestInput = {
  week: '2026-W46',
  zone: ZONE,
  generatedAt: ny('2026-11-16T08:00'),
  asOf: ny('2026-11-16T08:00'),
  sendsAt: ny('2026-11-16T08:00'),
  departments,
  commitments: [
    input(
      leads,
      {
        ...evaluation(leads.id, 'at_risk', { actual: 31, target: 90, expected: 45, projected: 62 }),
        excused: { share: 0.1, windows: 1, causedBy: ['sales'], originalTarget: 100 },
      },
      {
        snapshots: fridaySnapshots(leads.id, [110, 105, 100, 90, 80, 62]),
        excusals: [excusal('2026-11-03T00:00', '2026-11-06T00:00', 'sales', 'Sales CRM export was down')],
        lastClosed: closedResult(leads.id, '2026-10', 0.7, 15),
      },
    ),
    input(
      spend,
      evaluation(spend.id, 'breached', {
        actual: 21500,
        target: 20000,
        expected: 10000,
        projected: 43000,
        unit: 'USD',
      }),
      {
        createdAt: ny('2025-11-01T10:00'), // yearly review, due 2026-11-01: overdue
      },
    ),
    input(
      followUp,
      evaluation(followUp.id, 'on_track', {
        measure: 'duration',
        actual: 0.97,
        target: 0.95,
        projected: null,
      }),
      {
        snapshots: fridaySnapshots(followUp.id, [null, null, 0.9, null, 0.93, 0.97], (actual) =>
          evaluation(followUp.id, 'on_track', { measure: 'duration', actual, target: 0.95, projected: null }),
        ),
      },
    ),
    input(
      uptime,
      evaluation(uptime.id, 'no_data', {
        measure: 'availability',
        actual: 0,
        target: 0.995,
        projected: null,
      }),
    ),
  ],
  ledger: [
    { department: 'marketing', commitmentId: leads.id, periodKey: '2026-10', credit: 15 },
    { department: 'marketing', commitmentId: leads.id, periodKey: '2026-09', credit: 5 }, // Q3: not this quarter
    { department: 'sales', commitmentId: followUp.id, periodKey: '2026-W43', credit: 3 }, // ended 26 Oct
    { department: 'sales', commitmentId: followUp.id, periodKey: '2026-W45', credit: 2 }, // ended 9 Nov: next month
  ],
};

const digest = buildDigest(digestInput, digestFormat);

describe('the weekly digest of a small company', () => {
  it('counts every commitment in the headline', () => {
    expect(digest.week).toBe('2026-W46');
    expect([digest.weekFrom, digest.weekTo]).toEqual(['2026-11-09', '2026-11-15']);
    expect(digest.asOf).toBe('2026-11-16T13:00:00Z');
    expect(digest.headline).toEqual({ met: 0, on_track: 1, at_risk: 1, breached: 1, no_data: 1, total: 4 });
  });

  it('groups commitments by provider, worst first, with trend and sparkline', () => {
    expect(digest.providers.map((p) => [p.name, p.commitments.map((c) => c.id)])).toEqual([
      ['IT', ['website-availability']],
      ['Marketing', ['marketing-ad-spend', 'marketing-qualified-leads']],
      ['Sales', ['sales-lead-follow-up']],
    ]);
    const lead = digest.providers[1]?.commitments[1];
    expect(lead).toMatchObject({
      status: 'at_risk',
      actual: 31,
      target: 90,
      consumerName: 'Sales',
      trend: 'down',
      sparkline: '█▇▇▅▄▁',
      figures: '31 / 90 leads · expected 45 by now · projected 62',
      excused: { share: 0.1, causedBy: ['sales'], causedByNames: ['Sales'], originalTarget: 100 },
      lastClosed: { period: '2026-10', status: 'breached', attainment: 0.7, credit: 15 },
    });
    // Weeks without a snapshot show as gaps; those before the first one are left out.
    expect(digest.providers[2]?.commitments[0]).toMatchObject({ trend: 'up', sparkline: '▁·▄█' });
    expect(digest.providers[0]?.commitments[0]).toMatchObject({ trend: 'new', sparkline: '' });
  });

  it('names the top risks, breaches first, with their owners and gaps', () => {
    expect(digest.topRisks).toEqual([
      {
        commitmentId: 'marketing-ad-spend',
        title: 'Marketing spends at most $20,000 on ads a month',
        owner: { department: 'marketing', name: 'Marketing', lead: 'U0MKTLEAD' },
        status: 'breached',
        gap: expect.closeTo(1 - 20000 / 43000, 6),
        gapText: '23,000 USD over the limit by projection',
      },
      {
        commitmentId: 'marketing-qualified-leads',
        title: 'Marketing delivers qualified leads to Sales',
        owner: { department: 'marketing', name: 'Marketing', lead: 'U0MKTLEAD' },
        status: 'at_risk',
        gap: expect.closeTo(1 - 62 / 90, 6),
        gapText: '28 leads short by projection',
      },
    ]);
  });

  it('owes credits for periods that ended in the last closed month and quarter', () => {
    expect(digest.credits.periodKey).toBe('2026-10');
    expect(digest.credits.quarterKey).toBe('2026-Q4');
    expect(digest.credits.period.map((d) => [d.name, d.credits])).toEqual([
      ['Marketing', 15],
      ['Sales', 3],
    ]);
    expect(digest.credits.quarter).toEqual(digest.credits.period);
  });

  it('shows the excused shortfall with who caused it, why, and by how much', () => {
    expect(digest.excused).toEqual([
      {
        commitmentId: 'marketing-qualified-leads',
        title: 'Marketing delivers qualified leads to Sales',
        period: '2026-11',
        causedBy: 'sales',
        causedByName: 'Sales',
        // Three days of a November that is 30 days and one hour long (calendar pacing).
        share: expect.closeTo(72 / 721, 9),
        reason: 'Sales CRM export was down',
        targetBefore: 100,
        targetAfter: 90,
        unit: 'leads',
      },
    ]);
  });

  it('lists reviews that are overdue or due within two weeks', () => {
    expect(digest.dueForReview).toEqual([
      {
        commitmentId: 'marketing-ad-spend',
        title: spend.title,
        cadence: 'year',
        dueOn: '2026-11-01',
        daysLeft: -15,
      },
      {
        commitmentId: 'marketing-qualified-leads',
        title: leads.title,
        cadence: 'quarter',
        dueOn: '2026-11-20',
        daysLeft: 4,
      },
    ]);
  });

  it('writes an email body with short lines, capitalised statuses and every commitment', () => {
    const lines = digest.text.split('\n');
    expect(lines[0]).toBe('Weekly SLA digest: week 2026-W46 (Nov 9 - 15, 2026)');
    expect(lines[1]).toMatch(/^=+$/);
    expect(digest.text).toContain('4 commitments: 1 BREACHED, 1 AT RISK, 1 ON TRACK, 0 MET, 1 NO DATA.');
    expect(digest.text).toContain('1. BREACHED: Marketing spends at most $20,000 on ads a month');
    expect(digest.text).toContain('Marketing: 15 credits (marketing-qualified-leads 2026-10: 15)');
    expect(digest.text).toContain('Reason: Sales CRM export was down');
    expect(digest.text).toContain('Yearly review due 2026-11-01 (overdue by 15 days).');
    expect(digest.text).toContain('Last closed 2026-10: BREACHED at 70%, 15 credits owed');
    expect(digest.text).not.toMatch(/\|/); // no Markdown tables
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(78);
    for (const c of digestInput.commitments) expect(digest.text).toContain(`[${c.definition.id}]`);
  });

  it('posts a summary that fits Slack, then the details in the thread', () => {
    expect(digest.messages.map((m) => m.part)).toEqual(['summary', 'details']);
    for (const message of digest.messages) expect(slackLimitViolations(message)).toEqual([]);
    const [summary, details] = digest.messages;
    const summaryText = JSON.stringify(summary?.blocks);
    expect(summaryText).toContain('Weekly SLA digest · 2026-W46');
    expect(summaryText).toContain('<@U0MKTLEAD>');
    expect(summaryText).toContain('Marketing spends at most $20,000 on ads a month');
    expect(summary?.text).toBe(
      'Weekly SLA digest 2026-W46: 4 commitments: 1 BREACHED, 1 AT RISK, 1 ON TRACK, 0 MET, 1 NO DATA.',
    );
    expect(details?.text).toBe('Weekly SLA digest 2026-W46, details 1 of 1: IT, Marketing, Sales');
    const headers = details?.blocks
      .filter((b) => b.type === 'header')
      .map((b) => (b.type === 'header' ? b.text.text : ''));
    expect(headers).toEqual(['IT · 1 commitment', 'Marketing · 2 commitments', 'Sales · 1 commitment']);
  });

  it('escapes what configuration text Slack would read as markup', () => {
    const tricky = definition('tricky', 'it', 'sales', { title: 'Uptime <99%> & more' });
    const d = buildDigest(
      { ...digestInput, commitments: [input(tricky, evaluation('tricky', 'on_track'))] },
      digestFormat,
    );
    const details = JSON.stringify(d.messages[1]?.blocks);
    expect(details).toContain('Uptime &lt;99%&gt; &amp; more');
    expect(d.text).toContain('Uptime <99%> & more');
  });
});

describe('what the digest says about the moment it describes', () => {
  const uptimeLine = (d: typeof digest) =>
    d.providers.flatMap((p) => p.commitments).find((c) => c.id === uptime.id);

  it('says the measurement is missing for a commitment without data, in the text and in Slack', () => {
    expect(uptimeLine(digest)?.figures).toBe(
      'measurement missing: no outage or heartbeat received from the monitor',
    );
    expect(digest.text).toContain('measurement missing: no outage or heartbeat received from the monitor');
    expect(JSON.stringify(digest.messages)).toContain('measurement missing');
  });

  it('tells a commitment with no state recorded by the send time from one without data', () => {
    const unrecorded = buildDigest(
      {
        ...digestInput,
        commitments: digestInput.commitments.map((c) =>
          c.definition.id === uptime.id ? { ...c, unrecorded: true } : c,
        ),
      },
      digestFormat,
    );
    expect(uptimeLine(unrecorded)?.figures).toMatch(/^not evaluated by then/);
  });

  it('shows a sent week as of its send time, and a week not sent yet as of now', () => {
    expect(digest.asOfNow).toBe(false);
    expect(digest.text).toContain('State of every commitment as of Mon Nov 16, 2026, 08:00 EST.');
    const early = buildDigest(
      { ...digestInput, generatedAt: ny('2026-11-16T07:00'), asOf: ny('2026-11-16T07:00') },
      digestFormat,
    );
    expect(early).toMatchObject({ asOfNow: true, sendsAt: '2026-11-16T13:00:00Z' });
    expect(early.text.replace(/\s+/g, ' ')).toContain(
      'State of every commitment as of now (Mon Nov 16, 2026, 07:00 EST); this digest has not been sent yet, it goes out Mon Nov 16, 2026, 08:00 EST.',
    );
    expect(JSON.stringify(early.messages[0]?.blocks)).toContain(
      'state as of now (Mon Nov 16, 2026, 07:00 EST)',
    );
  });
});
