import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/slack/handler.js';
import { type AlertReaction, snoozeAlert } from '../../shared/app/alert-actions.js';
import type { StoreDeps } from '../../shared/app/deps.js';
import { runEvaluation } from '../../shared/app/evaluator.js';
import { recordEvents } from '../../shared/app/record-events.js';
import { getStatus } from '../../shared/app/status.js';
import { initialAlertState } from '../../shared/domain/alerts/alert-state.js';
import type { Clock } from '../../shared/domain/model.js';
import { LOCAL_ADMIN } from '../../shared/domain/permissions.js';
import { formatValue } from '../../shared/domain/readable-numbers.js';
import type { OutgoingNotification } from '../../shared/ports/alert-store.js';
import type { SlackMessage, SlackPoster } from '../../shared/ports/slack-poster.js';
import { localTimeWords } from '../../shared/presentation/local-time-words.js';
import { alertMessage } from '../../shared/slack/alert-message.js';
import {
  ACK_ACTION,
  DETAILS_ACTION,
  encodeAlertValue,
  SNOOZE_ACTION,
} from '../../shared/slack/interaction-ids.js';
import { annotationFor } from '../../shared/slack/message-annotations.js';
import { makeReactionListener } from '../../shared/slack/reaction-listener.js';
import { blocksText, checkSlackLimits } from '../unit/slack/check-slack-limits.js';
import { leadsNotification } from '../unit/slack/fixtures.js';
import {
  buttonClick,
  commandBody,
  interactionBody,
  slackEvent,
  TEST_SIGNING_SECRET,
} from '../unit/slack/slack-requests.js';
import { EXAMPLE_CONFIG, useApp } from './app-context.js';

const LEADS = 'marketing-qualified-leads';
const HOUR = 3_600_000;

/** The Slack handler over an app's stores, recording what it posts, tells and reacts. */
function slackFor(deps: StoreDeps, clock: Clock, options: { poster?: boolean; listen?: boolean } = {}) {
  const updates: Array<SlackMessage & { ts: string }> = [];
  const responses: Array<{ url: string; body: Record<string, unknown> }> = [];
  const reactions: Array<{ reaction: AlertReaction; kind: string }> = [];
  const errors: unknown[] = [];
  const poster: SlackPoster = {
    post: async () => {
      throw new Error('the slash-command handler does not post new messages');
    },
    update: async (message) => void updates.push(message),
  };
  const handler = makeHandler({
    stores: deps,
    signingSecret: async () => TEST_SIGNING_SECRET,
    clock,
    ...(options.poster === false ? {} : { poster }),
    onReaction: async (reaction, kind) => {
      reactions.push({ reaction, kind });
      // The real listener, updating the alert's other messages through the same recording poster.
      if (options.listen) await makeReactionListener({ poster, alerts: deps.alerts })(reaction, kind);
    },
    log: { error: (_m, e) => errors.push(e), warn: () => undefined },
    respond: async (url, body) => void responses.push({ url, body }),
  });
  const timestamp = () => Math.floor(clock.now() / 1000);
  return {
    updates,
    responses,
    reactions,
    errors,
    /** Runs `/sla <text>` and returns the reply, checked against Slack's limits. */
    async sla(text: string, fields: { user?: string; channel?: string; trigger?: string } = {}) {
      const body = commandBody({
        text,
        user_id: fields.user ?? 'U0SALESLEAD',
        channel_id: fields.channel ?? 'C0RANDOM',
        ...(fields.trigger ? { trigger_id: fields.trigger } : {}),
      });
      const result = await handler(slackEvent('/slack/commands', body, { timestamp: timestamp() }));
      expect(result.statusCode).toBe(200);
      const reply = JSON.parse(result.body ?? '');
      checkSlackLimits(reply);
      return { ...reply, all: `${reply.text}\n${blocksText(reply)}` } as {
        response_type: string;
        text: string;
        blocks: unknown[];
        all: string;
      };
    },
    async click(payload: unknown) {
      const result = await handler(
        slackEvent('/slack/interactions', interactionBody(payload), { timestamp: timestamp() }),
      );
      expect(result.statusCode).toBe(200);
      for (const update of updates) checkSlackLimits(update);
      for (const response of responses) checkSlackLimits(response.body);
    },
  };
}

const leadsAt = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, at: '2026-11-17T11:00:00-05:00' }));

describe('/sla over DynamoDB Local', async () => {
  const app = await useApp('2026-10-05T09:00:00-04:00');
  app.clock.set('2026-11-18T10:00:00-05:00');
  const slack = slackFor(app.deps, app.clock);
  await recordEvents(app.deps, LEADS, leadsAt(50, 'seed'));

  it('/sla status <commitment> shows the live numbers: actual, target, expected, projected, status', async () => {
    const e = await getStatus(app.deps, LEADS);
    expect(e.status).toBe('at_risk');
    const reply = await slack.sla(`status ${LEADS}`);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toBe(
      `Marketing delivers qualified leads to Sales (Marketing → Sales) 50 / 100 leads · expected ${formatValue(e.expected)} by now · projected ${formatValue(e.projected ?? 0)} · AT RISK`,
    );
    expect(reply.all).toContain('*Actual*\n50 leads');
    expect(reply.all).toContain('*Target*\n100 leads\n_10000 / 500 / 0.2 = 100_');
    expect(reply.all).toContain(`*Expected by now*\n${formatValue(e.expected)} leads`);
    expect(reply.all).toContain(`*Projected*\n${formatValue(e.projected ?? 0)} leads`);
    expect(reply.all).toContain('`▓▓▓▓▓░░░░░` 50% of target');
  });

  it('/sla status <commitment> public answers in the channel', async () => {
    expect((await slack.sla(`status ${LEADS} public`)).response_type).toBe('in_channel');
  });

  it("/sla lists the caller's departments' commitments, as provider and as consumer", async () => {
    const reply = await slack.sla('', { user: 'U0SALESLEAD' });
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.all).toContain('SLA status: Sales');
    const blocks = blocksText(reply);
    const delivers = blocks.indexOf('Sales delivers');
    const receives = blocks.indexOf('Sales receives');
    expect(delivers).toBeGreaterThan(-1);
    expect(blocks.indexOf('Sales contacts every qualified lead')).toBeGreaterThan(delivers);
    expect(blocks.indexOf('Sales contacts every qualified lead')).toBeLessThan(receives);
    expect(
      blocks.indexOf('Marketing delivers qualified leads to Sales (Marketing → Sales) 50 / 100'),
    ).toBeGreaterThan(receives);
    expect(reply.all).not.toContain('Website available');
  });

  it('/sla knows members, and departments by their channel', async () => {
    expect((await slack.sla('', { user: 'U0REP1' })).all).toContain('SLA status: Sales');
    const inItChannel = await slack.sla('', { user: 'U0SOMEONE', channel: 'C0IT' });
    expect(inItChannel.all).toContain('SLA status: IT');
    expect(inItChannel.all).toContain('Website available 99.5% in business hours');
  });

  it('/sla for someone in no department says how to be added, and that status still works', async () => {
    const reply = await slack.sla('', { user: 'U0NOBODY' });
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.all).toContain('U0NOBODY');
    expect(reply.all).toContain('slack.members');
    expect(reply.all).toContain('/sla status <commitment-id>');
    expect(reply.all).toContain('`marketing` (Marketing, <#C0MARKETING>)');
    const status = await slack.sla(`status ${LEADS}`, { user: 'U0NOBODY' });
    expect(status.all).toContain('50 / 100 leads');
  });

  it('/sla status <department> lists that department', async () => {
    const reply = await slack.sla('status marketing');
    expect(reply.all).toContain('SLA status: Marketing');
    expect(reply.all).toContain('Marketing delivers qualified leads');
  });

  it('/sla help lists every command', async () => {
    const reply = await slack.sla('help');
    for (const command of ['/sla status', '/sla log', '/sla ack', '/sla snooze', '/sla help']) {
      expect(reply.all).toContain(command);
    }
  });

  it('/sla log records once per Slack request, even when Slack sends it twice', async () => {
    const before = (await getStatus(app.deps, LEADS)).actual;
    const first = await slack.sla(`log ${LEADS} 3 webinar follow-ups`, { trigger: '4001.2002.abc' });
    expect(first.all).toContain(
      'Logged 3 leads for *Marketing delivers qualified leads to Sales* by <@U0SALESLEAD>',
    );
    expect(first.all).toContain('webinar follow-ups');
    expect(first.all).toContain(`${before + 3} / 100 leads`);
    const retry = await slack.sla(`log ${LEADS} 3 webinar follow-ups`, { trigger: '4001.2002.abc' });
    expect(retry.all).toContain('Already logged');
    expect((await getStatus(app.deps, LEADS)).actual).toBe(before + 3);
    const events = await app.deps.events.listEvents(LEADS, '2026-11');
    const logged = events.find((e) => e.eventId === 'slack-4001.2002.abc');
    expect(logged?.body).toMatchObject({ value: 3, note: 'webinar follow-ups', source: 'slack:U0SALESLEAD' });
    await slack.sla(`log ${LEADS}`, { trigger: '4001.2002.def' });
    expect((await getStatus(app.deps, LEADS)).actual).toBe(before + 4);
  });

  it('/sla log refuses a fraction of a whole-valued commitment, naming the field', async () => {
    const before = (await getStatus(app.deps, LEADS)).actual;
    const reply = await slack.sla(`log ${LEADS} 2.5`, { trigger: '4001.2002.half' });
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.all).toContain('Nothing was logged');
    expect(reply.all).toContain('value: must be a whole number of leads');
    expect(reply.all).toContain('values: decimal');
    expect((await getStatus(app.deps, LEADS)).actual).toBe(before);
  });

  it('/sla log on a timer or availability commitment says what to do instead', async () => {
    const reply = await slack.sla('log sales-lead-follow-up', { trigger: '4001.2003.x' });
    expect(reply.all).toContain('*duration* commitment');
    expect(reply.all).toContain('POST /v1/commitments/sales-lead-follow-up/events');
    expect(await app.deps.events.hasEvent('sales-lead-follow-up', 'slack-4001.2003.x')).toBe(false);
  });

  it('unknown commitments, subcommands and usage mistakes get a helpful ephemeral reply', async () => {
    const typo = await slack.sla('log marketing-qualifed-leads 2');
    expect(typo.response_type).toBe('ephemeral');
    expect(typo.all).toContain(
      "There is no active commitment `marketing-qualifed-leads`; did you mean 'marketing-qualified-leads'?",
    );
    expect((await slack.sla('status nothing-like-it')).all).toContain(
      'There is no active commitment `nothing-like-it`.',
    );
    expect((await slack.sla('stauts sales')).all).toContain("did you mean 'status'?");
    expect((await slack.sla('frobnicate')).all).toContain("I don't know `frobnicate`");
    expect((await slack.sla(`snooze ${LEADS}`)).all).toContain(
      'Usage: `/sla snooze <commitment-id> <duration>`',
    );
    // An id no commitment could have (too long for a key) is simply unknown, not an error of ours.
    expect((await slack.sla(`status ${'a'.repeat(2100)}`)).all).toContain('There is no active commitment');
    expect((await slack.sla(`snooze ${LEADS} 100000000d`)).all).toMatch(/too long to be a duration/);
    expect(slack.errors).toEqual([]);
  });

  it('a bare commitment or department id is read as /sla status', async () => {
    expect((await slack.sla(LEADS)).all).toContain('*Projected*');
    expect((await slack.sla('it public')).response_type).toBe('in_channel');
  });

  it('/sla ack and /sla snooze without an open alert say there is nothing to act on', async () => {
    expect((await slack.sla(`ack ${LEADS}`)).all).toContain('There is no open alert on that commitment');
    expect(slack.reactions).toEqual([]);
  });

  it('/sla snooze and /sla ack act on the open alert and tell the reaction listener', async () => {
    await runEvaluation({ ...app.deps, publisher: { publish: async () => undefined } });
    expect((await app.deps.alerts.get(LEADS, '2026-11'))?.level).toBe(1);

    const bad = await slack.sla(`snooze ${LEADS} 3 months`);
    expect(bad.all).toContain('Usage');
    expect((await slack.sla(`snooze ${LEADS} 3mo`)).all).toContain("'3mo' is not a duration");
    expect((await slack.sla(`snooze ${LEADS} 45d`)).all).toContain('Snooze for at most 30 days');

    const snoozed = await slack.sla(`snooze ${LEADS} 4h`, { user: 'U0MKTLEAD' });
    expect(snoozed.all).toContain('Snoozed the alert');
    // Until when, as the commitment's people read it: New York time with its abbreviation.
    expect(snoozed.all).toContain(`until ${localTimeWords(app.clock.now() + 4 * HOUR, 'America/New_York')}.`);
    expect(snoozed.all).toMatch(/until \w{3} \w{3} \d{1,2}, 2026, \d{2}:\d{2} EST\./);
    const afterSnooze = await app.deps.alerts.get(LEADS, '2026-11');
    expect(afterSnooze).toMatchObject({ snoozedBy: 'U0MKTLEAD', snoozedUntil: app.clock.now() + 4 * HOUR });

    const acked = await slack.sla(`ack ${LEADS} calling the agency`, { user: 'U0MKTLEAD' });
    expect(acked.all).toContain('You acknowledged the alert');
    expect(await app.deps.alerts.get(LEADS, '2026-11')).toMatchObject({
      acknowledgedBy: 'U0MKTLEAD',
      acknowledgedAt: app.clock.now(),
      note: 'calling the agency',
    });
    expect(slack.reactions.map((r) => [r.kind, r.reaction.commitmentId, r.reaction.period])).toEqual([
      ['snoozed', LEADS, '2026-11'],
      ['acknowledged', LEADS, '2026-11'],
    ]);
    expect((await slack.sla(`status ${LEADS}`)).all).toContain('acknowledged by <@U0MKTLEAD>');
  });
});

describe('alert buttons over DynamoDB Local', async () => {
  const app = await useApp('2026-10-05T09:00:00-04:00');
  app.clock.set('2026-11-18T10:00:00-05:00');
  const published: OutgoingNotification[] = [];
  await runEvaluation({ ...app.deps, publisher: { publish: async (n) => void published.push(n) } });
  const alert = published.find((n) => n.commitmentId === LEADS);
  if (!alert) throw new Error('the evaluator opened no alert on the leads commitment');
  const departments = (await app.deps.commitments.getConfig())?.departments ?? {};
  const posted = alertMessage(alert, departments);
  const value = encodeAlertValue({
    commitmentId: LEADS,
    period: alert.period,
    episode: alert.episode,
    dedupKey: alert.dedupKey,
  });
  const click = (actionId: string, userId: string, extra: { value?: string } = {}) =>
    buttonClick({
      actionId,
      value: extra.value ?? value,
      userId,
      channel: 'C0MARKETING',
      ts: '1795017900.000100',
      blocks: posted.blocks,
    });

  it('Snooze 1 day snoozes the alert and updates the message in place, keeping Acknowledge', async () => {
    const slack = slackFor(app.deps, app.clock);
    await slack.click(click(SNOOZE_ACTION, 'U0MKTLEAD'));
    expect(await app.deps.alerts.get(LEADS, alert.period)).toMatchObject({
      snoozedBy: 'U0MKTLEAD',
      snoozedUntil: app.clock.now() + 24 * HOUR,
    });
    expect(slack.updates).toHaveLength(1);
    const update = slack.updates[0];
    expect(update).toMatchObject({ channel: 'C0MARKETING', ts: '1795017900.000100' });
    expect(blocksText(update ?? {})).toContain(':zzz: Snoozed by <@U0MKTLEAD> until');
    expect(JSON.stringify(update?.blocks)).toContain(ACK_ACTION);
    expect(JSON.stringify(update?.blocks)).not.toContain(SNOOZE_ACTION);
    expect(slack.reactions.map((r) => r.kind)).toEqual(['snoozed']);
  });

  it('Acknowledge records who took it on and replaces the buttons', async () => {
    const slack = slackFor(app.deps, app.clock);
    await slack.click(click(ACK_ACTION, 'U0MKTLEAD'));
    expect(await app.deps.alerts.get(LEADS, alert.period)).toMatchObject({
      acknowledgedBy: 'U0MKTLEAD',
      acknowledgedAt: app.clock.now(),
    });
    const update = slack.updates[0];
    expect(update).toMatchObject({ channel: 'C0MARKETING', ts: '1795017900.000100' });
    expect(blocksText(update ?? {})).toContain(':white_check_mark: Acknowledged by <@U0MKTLEAD>');
    expect(blocksText(update ?? {})).toContain(
      'Marketing delivers qualified leads to Sales (Marketing → Sales)',
    );
    expect(JSON.stringify(update?.blocks)).not.toContain('"type":"actions"');
    expect(slack.reactions.map((r) => r.kind)).toEqual(['acknowledged']);
    expect(slack.reactions[0]?.reaction.claims.map((c) => c.notification.dedupKey)).toContain(alert.dedupKey);
  });

  it('without a poster, the clicked message is replaced through response_url', async () => {
    app.clock.advance(HOUR);
    const slack = slackFor(app.deps, app.clock, { poster: false });
    // An admin of the example file may take on any alert.
    await slack.click(click(ACK_ACTION, 'U0OPSADMIN'));
    expect(slack.responses).toHaveLength(1);
    expect(slack.responses[0]?.url).toBe('https://hooks.slack.com/actions/T0TEAM/1/xyz');
    expect(slack.responses[0]?.body).toMatchObject({ replace_original: true });
    expect(blocksText(slack.responses[0]?.body ?? {})).toContain('Acknowledged by <@U0OPSADMIN>');
    expect((await app.deps.alerts.get(LEADS, alert.period))?.acknowledgedBy).toBe('U0OPSADMIN');
  });

  it('Details answers privately with the full status', async () => {
    const slack = slackFor(app.deps, app.clock);
    await slack.click(click(DETAILS_ACTION, 'U0REP1', { value: LEADS }));
    expect(slack.responses[0]?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(blocksText(slack.responses[0]?.body ?? {})).toContain('*Expected by now*');
    expect(slack.updates).toEqual([]);
  });

  it('a button of an ended period or without an open alert explains, and changes nothing', async () => {
    const slack = slackFor(app.deps, app.clock);
    const before = await app.deps.alerts.get(LEADS, alert.period);
    const old = encodeAlertValue({ commitmentId: LEADS, period: '2026-10', episode: 1 });
    await slack.click(click(ACK_ACTION, 'U0REP1', { value: old }));
    expect(blocksText(slack.responses[0]?.body ?? {})).toContain('period 2026-10, which has ended');
    const calm = encodeAlertValue({ commitmentId: 'website-availability', period: '2026-11', episode: 1 });
    await slack.click(click(ACK_ACTION, 'U0REP1', { value: calm }));
    expect(blocksText(slack.responses[1]?.body ?? {})).toContain(
      'This alert is over, so nothing was changed.',
    );
    // A button that names neither its episode nor its notification cannot be told from a newer alert.
    const unnamed = JSON.stringify({ c: LEADS, p: alert.period });
    await slack.click(click(ACK_ACTION, 'U0REP1', { value: unnamed }));
    expect(blocksText(slack.responses[2]?.body ?? {})).toContain('older message I cannot read');
    expect(await app.deps.alerts.get(LEADS, alert.period)).toEqual(before);
    expect(slack.updates).toEqual([]);
    expect(slack.reactions).toEqual([]);
    expect(slack.errors).toEqual([]);
  });
});

describe('a button of an earlier alert in the same period', async () => {
  const app = await useApp('2026-10-05T09:00:00-04:00');
  app.clock.set('2026-11-18T10:00:00-05:00');
  const departments = (await app.deps.commitments.getConfig())?.departments ?? {};
  const episodeOf = (episode: number) =>
    leadsNotification({ episode, dedupKey: `${LEADS}#2026-11#${episode}#1#at_risk` });
  // Episode 1 opened and was posted; it recovered; episode 3 is open now, posted as another message.
  const first = episodeOf(1);
  const third = episodeOf(3);
  const open = { ...initialAlertState(LEADS, '2026-11'), lastStatus: 'at_risk' as const, level: 1 };
  const now = app.clock.now();
  expect(await app.deps.alerts.commit({ ...open, episode: 1, revision: 1 }, null, [first], now)).toBe(
    'committed',
  );
  expect(await app.deps.alerts.commit({ ...open, episode: 3, revision: 2 }, 1, [third], now)).toBe(
    'committed',
  );
  const ts = { 1: '1795017900.000001', 3: '1795017900.000003' } as const;
  await app.deps.alerts.annotateClaim(
    first.dedupKey,
    annotationFor('C0MARKETING', { channel: 'C0MARKETING', ts: ts[1] }),
  );
  await app.deps.alerts.annotateClaim(
    third.dedupKey,
    annotationFor('C0MARKETING', { channel: 'C0MARKETING', ts: ts[3] }),
  );
  const click = (actionId: string, n: OutgoingNotification, value?: string) =>
    buttonClick({
      actionId,
      value:
        value ??
        encodeAlertValue({ commitmentId: LEADS, period: n.period, episode: n.episode, dedupKey: n.dedupKey }),
      userId: 'U0MKTLEAD',
      channel: 'C0MARKETING',
      ts: ts[n.episode as 1 | 3],
      blocks: alertMessage(n, departments).blocks,
    });

  it('Acknowledge and Snooze on it change nothing and say that alert is over', async () => {
    const before = await app.deps.alerts.get(LEADS, '2026-11');
    const slack = slackFor(app.deps, app.clock, { listen: true });
    await slack.click(click(ACK_ACTION, first));
    await slack.click(click(SNOOZE_ACTION, first));
    // A button posted before buttons carried the episode: its notification's claim tells it.
    await slack.click(
      click(ACK_ACTION, first, JSON.stringify({ c: LEADS, p: '2026-11', k: first.dedupKey })),
    );
    expect(slack.responses).toHaveLength(3);
    for (const response of slack.responses) {
      expect(response.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(blocksText(response.body)).toContain('This alert is over, so nothing was changed.');
      expect(blocksText(response.body)).toContain(`A newer alert on \`${LEADS}\` is open`);
    }
    expect(await app.deps.alerts.get(LEADS, '2026-11')).toEqual(before);
    expect(slack.updates).toEqual([]);
    expect(slack.reactions).toEqual([]);
    expect(slack.errors).toEqual([]);
  });

  it("Acknowledge on the open alert's message takes it on and rewrites only that episode's messages", async () => {
    const slack = slackFor(app.deps, app.clock, { listen: true });
    await slack.click(click(ACK_ACTION, third));
    expect(await app.deps.alerts.get(LEADS, '2026-11')).toMatchObject({
      episode: 3,
      acknowledgedBy: 'U0MKTLEAD',
    });
    expect(slack.reactions.map((r) => r.kind)).toEqual(['acknowledged']);
    // The clicked message in place, then the listener's pass over the episode's messages.
    expect(slack.updates.map((u) => [u.channel, u.ts])).toEqual([
      ['C0MARKETING', ts[3]],
      ['C0MARKETING', ts[3]],
    ]);
    for (const update of slack.updates) expect(blocksText(update)).toContain('Acknowledged by <@U0MKTLEAD>');
    expect(slack.errors).toEqual([]);
  });
});

describe('/sla for a department with 60 commitments', async () => {
  const head = EXAMPLE_CONFIG.slice(0, EXAMPLE_CONFIG.indexOf('commitments:'));
  const commitments = Array.from(
    { length: 60 },
    (_, i) =>
      `  - { id: leads-${String(i).padStart(2, '0')}, title: Leads from channel ${i}, provider: marketing, consumer: sales, measure: total, unit: leads, period: month, target: ${10 + i} }`,
  ).join('\n');
  const app = await useApp('2026-10-05T09:00:00-04:00', `${head}commitments:\n${commitments}\n`);
  app.clock.set('2026-11-18T10:00:00-05:00');

  it('stays within Slack limits and says how many were left out', async () => {
    const slack = slackFor(app.deps, app.clock);
    const reply = await slack.sla('', { user: 'U0MKTLEAD' });
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
    const shown = (reply.blocks as Array<{ accessory?: unknown }>).filter((b) => b.accessory).length;
    expect(shown).toBeGreaterThan(40);
    expect(reply.all).toContain(`…and ${60 - shown} more commitments not shown`);
    expect(reply.all).toContain('60 commitments');
  });
});

describe('snoozing for business days over DynamoDB Local', async () => {
  // A Friday afternoon: one business day later is Monday afternoon, not Saturday.
  const app = await useApp('2026-10-05T09:00:00-04:00');
  app.clock.set('2026-11-20T15:00:00-05:00');
  const published: OutgoingNotification[] = [];
  await runEvaluation({ ...app.deps, publisher: { publish: async (n) => void published.push(n) } });
  const alert = published.find((n) => n.commitmentId === LEADS);
  if (!alert) throw new Error('the evaluator opened no alert on the leads commitment');
  const departments = (await app.deps.commitments.getConfig())?.departments ?? {};
  const posted = alertMessage(alert, departments);
  const nyTime = (iso: string) => Date.parse(iso);

  it('the button of a commitment with a calendar says "Snooze 1 business day" and snoozes until Monday', async () => {
    const snooze = JSON.stringify(posted.blocks).includes('Snooze 1 business day');
    expect(snooze).toBe(true);
    const button = (posted.blocks.find((b) => b.type === 'actions') as { elements: Array<{ value: string }> })
      .elements[1];
    const slack = slackFor(app.deps, app.clock);
    await slack.click(
      buttonClick({
        actionId: SNOOZE_ACTION,
        value: button?.value ?? '',
        userId: 'U0MKTLEAD',
        channel: 'C0MARKETING',
        ts: '1795017900.000100',
        blocks: posted.blocks,
      }),
    );
    expect(await app.deps.alerts.get(LEADS, alert.period)).toMatchObject({
      snoozedBy: 'U0MKTLEAD',
      snoozedUntil: nyTime('2026-11-23T15:00:00-05:00'),
    });
    expect(slack.errors).toEqual([]);
  });

  it('/sla snooze takes the units escalation takes: 2bd skips the weekend and Thanksgiving', async () => {
    const slack = slackFor(app.deps, app.clock);
    const reply = await slack.sla(`snooze ${LEADS} 2bd`, { user: 'U0MKTLEAD' });
    expect(reply.all).toContain('for 2 business days, until');
    // Monday, then Tuesday; Thanksgiving (Thursday) is a holiday of the calendar but not yet reached.
    expect(await app.deps.alerts.get(LEADS, alert.period)).toMatchObject({
      snoozedBy: 'U0MKTLEAD',
      snoozedUntil: nyTime('2026-11-24T15:00:00-05:00'),
    });
    const four = await slack.sla(`snooze ${LEADS} 4bd`, { user: 'U0MKTLEAD' });
    expect(four.all).toContain('for 4 business days, until');
    expect((await app.deps.alerts.get(LEADS, alert.period))?.snoozedUntil).toBe(
      nyTime('2026-11-27T15:00:00-05:00'),
    );
    // 1d stays 24 hours of the clock, as it always was for a snooze.
    await slack.sla(`snooze ${LEADS} 1d`, { user: 'U0MKTLEAD' });
    expect((await app.deps.alerts.get(LEADS, alert.period))?.snoozedUntil).toBe(app.clock.now() + 24 * HOUR);
    expect((await slack.sla(`snooze ${LEADS} 1bd1d`, { user: 'U0MKTLEAD' })).all).toContain(
      'mixes business days with days or weeks',
    );
    expect((await slack.sla(`snooze ${LEADS} 40bd`, { user: 'U0MKTLEAD' })).all).toContain(
      'Snooze for at most 30 days',
    );
    expect(slack.errors).toEqual([]);
  });

  it('the API takes for as well as until, one of them', async () => {
    // Business days on the calendar, then hours of the clock, as a snooze of 4h alone counts them.
    const reaction = await snoozeAlert(app.deps, LEADS, { by: 'ops@example.com', for: '1bd4h' }, LOCAL_ADMIN);
    expect(reaction.state.snoozedUntil).toBe(nyTime('2026-11-23T19:00:00-05:00'));
    await expect(snoozeAlert(app.deps, LEADS, { by: 'ops@example.com' }, LOCAL_ADMIN)).rejects.toMatchObject({
      issues: [{ path: 'until', message: expect.stringContaining('or for (a duration such as 4h or 1bd)') }],
    });
    await expect(
      snoozeAlert(
        app.deps,
        LEADS,
        { by: 'ops@example.com', for: '1bd', until: '2026-11-24T09:00:00-05:00' },
        LOCAL_ADMIN,
      ),
    ).rejects.toMatchObject({ issues: [{ path: 'for', message: expect.stringContaining('not both') }] });
    await expect(
      snoozeAlert(app.deps, LEADS, { by: 'ops@example.com', for: '0bd' }, LOCAL_ADMIN),
    ).rejects.toMatchObject({
      issues: [{ path: 'for', message: 'must be longer than nothing, got 0bd' }],
    });
  });
});

describe('/sla status of a duration commitment names its late leads', async () => {
  const app = await useApp('2026-11-01T00:30:00-04:00');
  app.clock.set('2026-11-20T12:00:00-05:00');
  const slack = slackFor(app.deps, app.clock);
  // Seven leads that arrived on Friday Nov 13 at 09:00…15:00 (due Tuesday 13:00…Wednesday 09:00,
  // 29 to 23 business hours late now), one whose id is Slack markup, and one due this afternoon.
  const late = Array.from({ length: 7 }, (_, i) => ({
    id: `late-${i}`,
    subject: `lead-${4711 + i}`,
    phase: 'start',
    at: `2026-11-13T${String(9 + i).padStart(2, '0')}:00:00-05:00`,
  }));
  await recordEvents(app.deps, 'sales-lead-follow-up', [
    ...late,
    { id: 'odd', subject: '<!channel>', phase: 'start', at: '2026-11-17T08:00:00-05:00' },
    { id: 'soon', subject: 'lead-9000', phase: 'start', at: '2026-11-18T11:00:00-05:00' },
  ]);

  it('lists the five most overdue with business lateness, "and N more", and those due soon, escaped', async () => {
    const reply = await slack.sla('status sales-lead-follow-up');
    expect(reply.all).toContain(
      [
        '*Late (8), most overdue first:*',
        '• lead-4711 — 29 business hours late',
        '• lead-4712 — 28 business hours late',
        '• lead-4713 — 27 business hours late',
        '• lead-4714 — 26 business hours late',
        '• lead-4715 — 25 business hours late',
        '• and 3 more',
        '*Due within the next 4 business hours (1):*',
        '• lead-9000 — due Fri Nov 20, 2026, 15:00 EST (in 3 business hours)',
      ].join('\n'),
    );
    expect(reply.all).not.toContain('<!channel>');
  });

  it('shows the markup id escaped once it is among the five', async () => {
    // The leads of 13:00–15:00 are contacted; <!channel> (due Thursday 12:00) moves up to the five.
    await recordEvents(app.deps, 'sales-lead-follow-up', [
      { id: 's4', subject: 'lead-4715', phase: 'stop' },
      { id: 's5', subject: 'lead-4716', phase: 'stop' },
      { id: 's6', subject: 'lead-4717', phase: 'stop' },
    ]);
    const reply = await slack.sla('status sales-lead-follow-up');
    expect(reply.all).toContain('• &lt;!channel&gt; — 10 business hours late');
    expect(reply.all).toContain('*Late (5), most overdue first:*');
    expect(reply.all).not.toContain('and 0 more');
  });

  it('adds nothing to the status of a total commitment', async () => {
    const reply = await slack.sla('status marketing-qualified-leads');
    expect(reply.all).not.toContain('Late (');
  });
});
