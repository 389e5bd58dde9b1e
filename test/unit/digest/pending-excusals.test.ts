import { describe, expect, it } from 'vitest';
import { digestFormat } from '../../../shared/app/digest.js';
import { buildDigest } from '../../../shared/app/digest-rendering.js';
import type { DigestInput } from '../../../shared/domain/digest/digest-types.js';
import type { Excusal } from '../../../shared/domain/model.js';
import { definition, department, evaluation, excusal, input, ny, ZONE } from './digest-fixtures.js';
import { slackLimitViolations } from './slack-limits.js';

// Monday 16 November 2026, 08:00 New York: the digest of week 2026-W46.
const SENDS = ny('2026-11-16T08:00');
const departments = {
  marketing: department('marketing', 'Marketing', 'U0MKTLEAD'),
  sales: department('sales', 'Sales <R&D>', 'U0SALESLEAD'),
  it: department('it', 'IT'),
};
const leads = definition('marketing-qualified-leads', 'marketing', 'sales', { title: 'Qualified leads' });
const uptime = definition('website-availability', 'it', 'marketing', { title: 'Website up' });

const claim = (id: string, extra: Partial<Excusal>): Excusal => ({
  ...excusal('2026-11-09T00:00', '2026-11-11T00:00', 'sales', 'CRM import <broke> & stalled'),
  id,
  status: 'pending',
  requestedBy: 'U0MKTLEAD',
  ...extra,
});

const digestInput = (excusals: { leads: Excusal[]; uptime: Excusal[] }): DigestInput => ({
  week: '2026-W46',
  zone: ZONE,
  generatedAt: SENDS,
  asOf: SENDS,
  sendsAt: SENDS,
  departments,
  commitments: [
    input(leads, evaluation(leads.id, 'at_risk', { actual: 31, target: 100 }), { excusals: excusals.leads }),
    input(uptime, evaluation(uptime.id, 'on_track', { measure: 'availability', actual: 1, target: 0.995 }), {
      excusals: excusals.uptime,
    }),
  ],
  ledger: [],
});

describe('excusals awaiting a decision in the weekly digest', () => {
  const digest = buildDigest(
    digestInput({
      leads: [
        claim('three-days', { requestedAt: ny('2026-11-13T09:00') }),
        claim('approved', { status: 'approved', decidedBy: 'U0REP1', decidedAt: ny('2026-11-14T09:00') }),
        // Decided after the send: it was still waiting when the digest went out.
        claim('decided-later', {
          status: 'rejected',
          requestedAt: ny('2026-11-15T09:00'),
          decidedBy: 'U0REP1',
          decidedAt: ny('2026-11-17T09:00'),
        }),
        // Claimed after the send: not yet there.
        claim('claimed-later', { requestedAt: ny('2026-11-16T09:00') }),
        excusal('2026-11-02T00:00', '2026-11-03T00:00', 'sales', 'before approvals: approved'),
      ],
      uptime: [
        claim('no-time', {
          causedBy: 'marketing',
          requestedBy: 'arn:aws:iam::1:user/<ops>',
          reason: 'DNS change',
        }),
      ],
    }),
    digestFormat,
  );

  it('lists, per commitment, who asked, the window, whom it blames and how long it has waited', () => {
    expect(digest.pendingExcusals).toEqual([
      {
        commitmentId: uptime.id,
        title: 'Website up',
        excusalId: 'no-time',
        requestedBy: 'arn:aws:iam::1:user/<ops>',
        from: '2026-11-09T05:00:00Z',
        to: '2026-11-11T05:00:00Z',
        timezone: ZONE,
        causedBy: 'marketing',
        causedByName: 'Marketing',
        reason: 'DNS change',
      },
      expect.objectContaining({
        commitmentId: leads.id,
        excusalId: 'three-days',
        requestedBy: 'U0MKTLEAD',
        causedByName: 'Sales <R&D>',
        requestedAt: '2026-11-13T14:00:00Z',
        ageDays: 2,
      }),
      expect.objectContaining({ excusalId: 'decided-later', ageDays: 0 }),
    ]);
  });

  it('says so in the email text', () => {
    // Lines are wrapped for mail clients; the words are read across them.
    const section = digest.text
      .slice(digest.text.indexOf('EXCUSALS AWAITING A DECISION'), digest.text.indexOf('DUE FOR REVIEW'))
      .replace(/\n +/g, ' ');
    expect(section).toContain('Qualified leads [marketing-qualified-leads]');
    expect(section).toContain(
      'Asked by U0MKTLEAD 2 days ago, blames Sales <R&D>, for Mon Nov 9, 2026, 00:00 EST to Wed Nov 11, 2026, 00:00 EST.',
    );
    expect(section).toContain('Reason: CRM import <broke> & stalled');
    expect(section).toContain('Asked by arn:aws:iam::1:user/<ops> at a time not recorded, blames Marketing');
  });

  it('says so in the Slack summary, escaped, with the claimant as a mention', () => {
    const summary = digest.messages[0];
    if (!summary) throw new Error('no summary message');
    const text = JSON.stringify(summary.blocks);
    expect(text).toContain('*Excusals awaiting a decision*');
    expect(text).toContain(
      'Qualified leads `marketing-qualified-leads`: asked by <@U0MKTLEAD> 2 days ago, blames Sales &lt;R&amp;D&gt;, for Mon Nov 9, 2026, 00:00 EST',
    );
    expect(text).toContain('_(CRM import &lt;broke&gt; &amp; stalled)_');
    expect(text).toContain('asked by arn:aws:iam::1:user/&lt;ops&gt; at a time not recorded');
    for (const message of digest.messages) expect(slackLimitViolations(message)).toEqual([]);
  });

  it('says there are none when nothing waits', () => {
    const quiet = buildDigest(digestInput({ leads: [], uptime: [] }), digestFormat);
    expect(quiet.pendingExcusals).toEqual([]);
    expect(quiet.text).toContain('EXCUSALS AWAITING A DECISION\n----------------------------\nNone.');
    expect(JSON.stringify(quiet.messages[0]?.blocks)).toContain('*Excusals awaiting a decision*\\n_None._');
  });
});
