import { describe, expect, it } from 'vitest';
import { notificationText } from '../../../shared/app/notification-text.js';
import { lateSubjects, type SubjectStanding } from '../../../shared/domain/late-subjects.js';
import { alertMessage } from '../../../shared/slack/alert-message.js';
import { parseNotificationMessage } from '../../../shared/slack/notification-message.js';
import { followUp, HOUR, MINUTE, ny } from '../domain/judging-fixtures.js';
import { blocksText, checkSlackLimits } from './check-slack-limits.js';
import { DEPARTMENTS, leadsEvaluation, leadsNotification } from './fixtures.js';

function late(subject: string, lateMs: number, extra: Partial<SubjectStanding> = {}): SubjectStanding {
  return {
    subject,
    startedAt: ny('2026-11-13T16:00'),
    dueAt: ny('2026-11-18T10:00'),
    paused: false,
    elapsedMs: 24 * HOUR + lateMs,
    lateMs,
    remainingMs: 0,
    ...extra,
  };
}

function soon(subject: string, remainingMs: number, dueAt: string): SubjectStanding {
  return {
    subject,
    startedAt: ny('2026-11-16T08:00'),
    dueAt: ny(dueAt),
    paused: false,
    elapsedMs: 24 * HOUR - remainingMs,
    lateMs: 0,
    remainingMs,
  };
}

/** Eight late leads (1 to 8 business hours late, listed shuffled) and one due soon. */
const standings = [
  ...[3, 8, 1, 6, 2, 7, 4, 5].map((h) => late(`lead-${h}`, h * HOUR)),
  soon('lead-9', 3 * HOUR, '2026-11-20T15:00'),
];

const evaluation = leadsEvaluation({
  commitmentId: 'sales-lead-follow-up',
  measure: 'duration',
  status: 'at_risk',
  actual: 0.9,
  target: 0.95,
  unit: 'leads',
});

function textWith(named = lateSubjects(standings, { businessTime: true })) {
  return notificationText({
    intent: {
      kind: 'at_risk',
      severity: 'warning',
      level: 1,
      commitmentId: 'sales-lead-follow-up',
      period: '2026-11',
      episode: 1,
      notify: ['provider'],
      status: 'at_risk',
      dedupKey: 'sales-lead-follow-up#2026-11#1#1#at_risk',
    },
    evaluation,
    title: followUp.title,
    provider: 'sales',
    consumer: 'marketing',
    departments: DEPARTMENTS,
    lateSubjects: { late: named, zone: followUp.timezone },
  });
}

describe('a duration alert names its late subjects', () => {
  it('lists the five most overdue with how late in business time, then "and N more"', () => {
    const lines = textWith().split('\n');
    expect(lines[0]).toMatch(/^At risk: /);
    expect(lines.slice(1)).toEqual([
      'Late (8), most overdue first:',
      '• lead-8 — 8 business hours late',
      '• lead-7 — 7 business hours late',
      '• lead-6 — 6 business hours late',
      '• lead-5 — 5 business hours late',
      '• lead-4 — 4 business hours late',
      '• and 3 more',
      'Due within the next 4 business hours (1):',
      '• lead-9 — due Fri Nov 20, 2026, 15:00 EST (in 3 business hours)',
    ]);
  });

  it('says minutes under an hour, and hours without "business" for a commitment without a calendar', () => {
    const named = lateSubjects([late('a', 40 * MINUTE), late('b', 2 * HOUR + 15 * MINUTE)], {
      businessTime: false,
    });
    expect(textWith(named).split('\n').slice(1)).toEqual([
      'Late (2), most overdue first:',
      '• b — 2 hours 15 minutes late',
      '• a — 40 minutes late',
    ]);
  });

  it('marks a paused late subject, and says "at least" when not every candidate was read', () => {
    const named = lateSubjects(
      [
        late('p', 3 * HOUR, { paused: true, dueAt: null }),
        ...[1, 2, 4, 5, 6].map((h) => late(`x${h}`, h * HOUR)),
      ],
      { businessTime: true, complete: false },
    );
    const lines = textWith(named).split('\n');
    expect(lines).toContain('• p — 3 business hours late (paused)');
    expect(lines).toContain('Late (6+), most overdue first:');
    expect(lines).toContain('• and at least 1 more');
  });

  it('shows them in Slack escaped, with the status alone as the notification preview', () => {
    const named = lateSubjects([late('<!channel> & <http://evil|x>', 2 * HOUR)], { businessTime: true });
    const notification = leadsNotification({
      commitmentId: 'sales-lead-follow-up',
      evaluation,
      timezone: followUp.timezone,
      text: textWith(named),
      lateSubjects: named,
    });
    // Through SNS and back, as the Slack notifier receives it.
    const message = alertMessage(parseNotificationMessage(JSON.stringify(notification)), DEPARTMENTS);
    checkSlackLimits(message);
    const shown = blocksText(message);
    expect(shown).toContain('*Late (1), most overdue first:*');
    expect(shown).toContain('• &lt;!channel&gt; &amp; &lt;http://evil|x&gt; — 2 business hours late');
    expect(shown).not.toContain('<!channel>');
    expect(message.text).toBe(textWith(named).split('\n')[0]);
    expect(message.text).not.toContain('channel');
  });

  it('leaves alerts of other measures as they were', () => {
    const message = alertMessage(leadsNotification(), DEPARTMENTS);
    expect(blocksText(message)).not.toContain('Late (');
  });
});
