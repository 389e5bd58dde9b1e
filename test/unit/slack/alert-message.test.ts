import { describe, expect, it } from 'vitest';
import type { AlertState } from '../../../shared/domain/alerts/alert-state.js';
import {
  acknowledgedMessage,
  alertMessage,
  closedAlertMessage,
  recipientsOf,
  replaceButtons,
} from '../../../shared/slack/alert-message.js';
import { ACK_ACTION, decodeAlertValue, SNOOZE_ACTION } from '../../../shared/slack/interaction-ids.js';
import { blocksText, checkSlackLimits } from './check-slack-limits.js';
import { DEPARTMENTS, leadsNotification } from './fixtures.js';

const openAlert: AlertState = {
  commitmentId: 'marketing-qualified-leads',
  period: '2026-11',
  episode: 1,
  level: 1,
  openedAt: Date.parse('2026-11-18T15:00:00Z'),
  lastStatus: 'at_risk',
  breachNotified: false,
  metNotified: false,
  revision: 1,
};

const buttonsOf = (message: { blocks: unknown[] }) =>
  message.blocks
    .filter((b) => (b as { type: string }).type === 'actions')
    .flatMap(
      (b) =>
        (b as { elements: Array<{ action_id: string; value: string; text: { text: string } }> }).elements,
    );

describe('where an alert goes in Slack', () => {
  it('sends provider and consumer to their channels and .lead targets to the lead as a DM', () => {
    const { recipients, skipped } = recipientsOf(
      ['provider', 'consumer', 'provider.lead', 'it', 'sales.lead'],
      'marketing',
      'sales',
      DEPARTMENTS,
    );
    expect(recipients).toEqual([
      { channel: 'C0MARKETING', kind: 'channel', department: 'marketing', targets: ['provider'] },
      { channel: 'C0SALES', kind: 'channel', department: 'sales', targets: ['consumer'] },
      { channel: 'U0MKTLEAD', kind: 'dm', department: 'marketing', targets: ['provider.lead'] },
      { channel: 'C0IT', kind: 'channel', department: 'it', targets: ['it'] },
      { channel: 'U0SALESLEAD', kind: 'dm', department: 'sales', targets: ['sales.lead'] },
    ]);
    expect(skipped).toEqual([]);
  });

  it('posts once per destination when two targets resolve to the same one', () => {
    const { recipients } = recipientsOf(
      ['provider', 'marketing', 'consumer.lead', 'sales.lead'],
      'marketing',
      'sales',
      DEPARTMENTS,
    );
    expect(recipients.map((r) => [r.channel, r.targets])).toEqual([
      ['C0MARKETING', ['provider', 'marketing']],
      ['U0SALESLEAD', ['consumer.lead', 'sales.lead']],
    ]);
  });

  it('skips and reports targets without a Slack id', () => {
    const { recipients, skipped } = recipientsOf(
      ['executives', 'executives.lead', 'finance'],
      'marketing',
      'sales',
      DEPARTMENTS,
    );
    expect(recipients).toEqual([]);
    expect(skipped).toEqual([
      { target: 'executives', reason: 'Executive team has no Slack channel in the configuration' },
      { target: 'executives.lead', reason: 'Executive team has no Slack lead in the configuration' },
      { target: 'finance', reason: "there is no department 'finance' in the configuration" },
    ]);
  });
});

describe('the alert message', () => {
  it('has a header, the status line with a bar, the figures, who it went to and two buttons', () => {
    const message = alertMessage(leadsNotification({ snoozeFor: '1bd' }), DEPARTMENTS);
    checkSlackLimits(message);
    expect(message.text).toBe(leadsNotification().text);
    expect(message.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: ':large_orange_circle: At risk: Qualified leads' },
    });
    const text = blocksText(message);
    expect(text).toContain(
      'Qualified leads (Marketing → Sales) 62 / 100 leads · expected 70 by now · projected 89 · AT RISK',
    );
    expect(text).toContain('`▓▓▓▓▓▓░░░░` 62% of target');
    expect(text).toContain('*Expected by now*\n70 leads');
    expect(text).toContain('Sent to <#C0MARKETING>');
    const buttons = buttonsOf(message);
    expect(buttons.map((b) => [b.text.text, b.action_id])).toEqual([
      ['Acknowledge', ACK_ACTION],
      ['Snooze 1 business day', SNOOZE_ACTION],
    ]);
    expect(decodeAlertValue(buttons[0]?.value)).toEqual({
      commitmentId: 'marketing-qualified-leads',
      period: '2026-11',
      episode: 1,
      dedupKey: 'marketing-qualified-leads#2026-11#1#1#at_risk',
      snoozeFor: '1bd',
    });
  });

  it('says how long Snooze snoozes: 24 hours without a calendar, and for alerts sent before it said so', () => {
    const labels = (n: ReturnType<typeof leadsNotification>) =>
      buttonsOf(alertMessage(n, DEPARTMENTS)).map((b) => b.text.text);
    expect(labels(leadsNotification({ snoozeFor: '24h' }))).toEqual(['Acknowledge', 'Snooze 24 hours']);
    // An older claim carries no span: its click snoozes 24 hours, so the label says that.
    const legacy = buttonsOf(alertMessage(leadsNotification(), DEPARTMENTS));
    expect(legacy.map((b) => b.text.text)).toEqual(['Acknowledge', 'Snooze 24 hours']);
    expect(decodeAlertValue(legacy[1]?.value)?.snoozeFor).toBe('24h');
    expect(labels(leadsNotification({ snoozeFor: '2bd4h' }))).toEqual([
      'Acknowledge',
      'Snooze 2 business days 4 hours',
    ]);
  });

  it.each([
    ['escalated', ':rotating_light: Escalated to level 2', true],
    ['breached', ':red_circle: Breached', true],
    ['recovered', ':large_green_circle: Back on track', false],
    ['met', ':white_check_mark: Target met', false],
  ] as const)('a %s alert reads "%s" and has buttons: %s', (kind, headline, hasButtons) => {
    const message = alertMessage(
      leadsNotification({ kind, level: 2, notify: ['provider.lead', 'consumer', 'executives'] }),
      DEPARTMENTS,
    );
    checkSlackLimits(message);
    expect(message.blocks[0]).toMatchObject({ text: { text: `${headline}: Qualified leads` } });
    expect(buttonsOf(message).length > 0).toBe(hasButtons);
    expect(blocksText(message)).toContain('Sent to <@U0MKTLEAD>, <#C0SALES> · escalation level 2');
    expect(blocksText(message)).toContain('not sent to executives (Executive team has no Slack channel');
  });

  it('fits Slack with an absurdly long title and text', () => {
    const message = alertMessage(
      leadsNotification({
        title: `${'A very long commitment title '.repeat(20)}<&>`,
        text: 'x'.repeat(50_000),
      }),
      DEPARTMENTS,
    );
    checkSlackLimits(message);
    expect(message.text.length).toBeLessThanOrEqual(50_000);
  });
});

describe('the message after a reaction', () => {
  it('replaces the buttons with who acknowledged it and when', () => {
    const state = {
      ...openAlert,
      acknowledgedBy: 'U0MKTLEAD',
      acknowledgedAt: Date.parse('2026-11-18T16:05:00Z'),
      note: 'calling the agency',
    };
    const message = acknowledgedMessage(leadsNotification(), DEPARTMENTS, state);
    checkSlackLimits(message);
    expect(buttonsOf(message)).toEqual([]);
    const text = blocksText(message);
    expect(text).toContain(
      ':white_check_mark: Acknowledged by <@U0MKTLEAD> <!date^1795017900^{date_short_pretty} at {time}|2026-11-18 16:05 UTC>',
    );
    expect(text).toContain('calling the agency');
    expect(message.text).toContain('(acknowledged by <@U0MKTLEAD>)');
  });

  it('after a snooze says until when, and keeps only the Acknowledge button', () => {
    const state = { ...openAlert, snoozedBy: 'U0REP1', snoozedUntil: Date.parse('2026-11-19T16:05:00Z') };
    const message = acknowledgedMessage(leadsNotification(), DEPARTMENTS, state);
    checkSlackLimits(message);
    expect(buttonsOf(message).map((b) => b.action_id)).toEqual([ACK_ACTION]);
    expect(blocksText(message)).toContain(':zzz: Snoozed by <@U0REP1> until <!date^1795104300^');
  });

  it("says who reacted and when in the commitment's own zone, with its abbreviation", () => {
    const notification = leadsNotification({ timezone: 'America/New_York' });
    const acknowledged = {
      ...openAlert,
      acknowledgedBy: 'U0MKTLEAD',
      acknowledgedAt: Date.parse('2026-11-18T16:05:00Z'),
    };
    const text = blocksText(acknowledgedMessage(notification, DEPARTMENTS, acknowledged));
    expect(text).toContain(':white_check_mark: Acknowledged by <@U0MKTLEAD> Wed Nov 18, 2026, 11:05 EST');
    expect(text).not.toContain('<!date');
    const snoozed = { ...openAlert, snoozedBy: 'U0REP1', snoozedUntil: Date.parse('2026-11-19T16:05:00Z') };
    const message = acknowledgedMessage(notification, DEPARTMENTS, snoozed);
    expect(blocksText(message)).toContain(':zzz: Snoozed by <@U0REP1> until Thu Nov 19, 2026, 11:05 EST');
    expect(message.text).toContain('(snoozed by <@U0REP1> until Thu Nov 19, 2026, 11:05 EST)');
  });

  it("says when an alert recovered in the commitment's zone", () => {
    const notification = leadsNotification({ timezone: 'America/New_York' });
    const closing = leadsNotification({ kind: 'recovered', at: Date.parse('2026-11-20T20:15:00Z') });
    const text = blocksText(closedAlertMessage(notification, DEPARTMENTS, closing));
    expect(text).toContain(
      ':white_check_mark: Recovered Fri Nov 20, 2026, 15:15 EST: no action needed any more',
    );
  });

  it('shows an acknowledgement from the API by its email', () => {
    const state = {
      ...openAlert,
      acknowledgedBy: 'lead@example.com',
      acknowledgedAt: Date.parse('2026-11-18T16:05:00Z'),
    };
    expect(blocksText(acknowledgedMessage(leadsNotification(), DEPARTMENTS, state))).toContain(
      'Acknowledged by lead@example.com',
    );
  });

  it('can rewrite a clicked message whose notification is no longer on record', () => {
    const original = alertMessage(leadsNotification(), DEPARTMENTS);
    const state = {
      ...openAlert,
      acknowledgedBy: 'U0SALESLEAD',
      acknowledgedAt: Date.parse('2026-11-18T16:05:00Z'),
    };
    const blocks = replaceButtons(original.blocks, state, {
      commitmentId: 'marketing-qualified-leads',
      period: '2026-11',
      episode: 1,
    });
    const message = { text: 'x', blocks };
    checkSlackLimits(message);
    expect(buttonsOf(message as { blocks: unknown[] })).toEqual([]);
    expect(blocksText(message)).toContain('Acknowledged by <@U0SALESLEAD>');
    expect(blocks.slice(0, 4)).toEqual(original.blocks.slice(0, 4));
  });
});

describe('an earlier message once the commitment breached', () => {
  it('says "breached since" in the commitment\'s zone and gives up its buttons', () => {
    const notification = leadsNotification({ timezone: 'America/New_York' });
    const closing = leadsNotification({ kind: 'breached', at: Date.parse('2026-12-01T13:00:00Z') });
    const message = closedAlertMessage(notification, DEPARTMENTS, closing);
    expect(blocksText(message)).toContain(':red_circle: Breached since Tue Dec 1, 2026, 08:00 EST');
    expect(message.text).toMatch(/\(breached since Tue Dec 1, 2026, 08:00 EST\)$/);
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});

describe('the notes of an alert', () => {
  it('shows them as sentences under the status, and nothing when there are none', () => {
    const notes = [
      'burning the error budget 20× as fast as it lasts over the last hour (20× over the last 5 minutes)',
      'at this rate the budget runs out in about 2 business days',
    ];
    const message = alertMessage(leadsNotification({ notes }), DEPARTMENTS);
    expect(blocksText(message)).toContain(
      'Burning the error budget 20× as fast as it lasts over the last hour (20× over the last 5 minutes). At this rate the budget runs out in about 2 business days.',
    );
    checkSlackLimits(message);
    const plain = alertMessage(leadsNotification(), DEPARTMENTS);
    expect(plain.blocks).toHaveLength(message.blocks.length - 1);
  });
});
