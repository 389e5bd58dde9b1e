import { describe, expect, it } from 'vitest';
import { makeNotifyHandler } from '../../functions/notify-slack/handler.js';
import { acknowledgeAlert } from '../../shared/app/alert-actions.js';
import { runEvaluation } from '../../shared/app/evaluator.js';
import { initialAlertState } from '../../shared/domain/alerts/alert-state.js';
import { LOCAL_ADMIN } from '../../shared/domain/permissions.js';
import type { OutgoingNotification } from '../../shared/ports/alert-store.js';
import { makeReactionListener, SlackUpdateError } from '../../shared/slack/reaction-listener.js';
import { createSlackWebClient, createWebApiPoster } from '../../shared/slack/web-api-poster.js';
import { blocksText, checkSlackLimits } from '../unit/slack/check-slack-limits.js';
import { leadsNotification } from '../unit/slack/fixtures.js';
import { useApp } from './app-context.js';
import { type ApiCall, snsEvent, startFakeSlack } from './fake-slack.js';

const LEADS = 'marketing-qualified-leads';
const TOKEN = 'xoxb-test-token';

describe('the Slack notifier, with the real Slack client against a local Slack API', async () => {
  const app = await useApp('2026-10-05T09:00:00-04:00');
  app.clock.set('2026-11-18T10:00:00-05:00');
  const slack = await startFakeSlack();
  const poster = createWebApiPoster(createSlackWebClient(TOKEN, { slackApiUrl: slack.url }));
  const logged: Array<{ message: string; detail: unknown }> = [];
  const log = {
    error: (message: string, detail: unknown) => void logged.push({ message, detail }),
    warn: (message: string, detail?: unknown) => void logged.push({ message, detail }),
  };
  const loadDepartments = async () => (await app.deps.commitments.getConfig())?.departments ?? {};
  const notify = makeNotifyHandler({
    poster,
    clock: app.clock,
    loadDepartments,
    alerts: app.deps.alerts,
    log,
  });
  const published: OutgoingNotification[] = [];
  const publisher = { publish: async (n: OutgoingNotification) => void published.push(n) };
  const posts = () => slack.calls.filter((c) => c.method === 'chat.postMessage');

  /** A claimed notification of another commitment, as the evaluator would have left it. */
  async function claimed(id: string, notify: string[]): Promise<OutgoingNotification> {
    const n = leadsNotification({
      commitmentId: id,
      dedupKey: `${id}#2026-11#1#1#at_risk`,
      notify,
      title: `Leads for ${id}`,
    });
    const state = {
      ...initialAlertState(id, '2026-11'),
      episode: 1,
      level: 1,
      lastStatus: 'at_risk' as const,
    };
    expect(await app.deps.alerts.commit(state, null, [n], app.clock.now())).toBe('committed');
    return n;
  }

  it('posts an at-risk alert to the provider channel with the status, figures and both buttons', async () => {
    await runEvaluation({ ...app.deps, publisher });
    const alert = published.find((n) => n.commitmentId === LEADS && n.kind === 'at_risk');
    if (!alert) throw new Error('no at-risk alert');
    await notify(snsEvent(alert));
    expect(posts()).toHaveLength(1);
    const call = posts()[0] as ApiCall;
    expect(call.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call.params.channel).toBe('C0MARKETING');
    expect(call.params.text).toBe(alert.text);
    const blocks = JSON.parse(call.params.blocks ?? '[]');
    checkSlackLimits({ text: call.params.text, blocks });
    expect(blocks[0]).toMatchObject({
      type: 'header',
      text: { text: ':large_orange_circle: At risk: Marketing delivers qualified leads to Sales' },
    });
    expect(blocksText({ blocks })).toContain('0 / 100 leads');
    const buttons = blocks.find((b: { type: string }) => b.type === 'actions').elements;
    expect(buttons.map((b: { text: { text: string } }) => b.text.text)).toEqual([
      'Acknowledge',
      // The leads commitment has a business calendar: the button snoozes one business day of it.
      'Snooze 1 business day',
    ]);
    const claim = (await app.deps.alerts.listClaims(LEADS, '2026-11')).find(
      (c) => c.notification.dedupKey === alert.dedupKey,
    );
    expect(claim?.annotations).toEqual({ 'slack:C0MARKETING': '1795017900.000001' });
  });

  it('posts the same SNS message only once, however often SNS delivers it', async () => {
    const alert = published.find((n) => n.kind === 'at_risk') as OutgoingNotification;
    await notify(snsEvent(alert));
    await notify(snsEvent(alert));
    expect(posts()).toHaveLength(1);
  });

  it('escalates to the lead by DM and to the consumer channel, recording where each message landed', async () => {
    app.clock.set('2026-11-19T10:00:00-05:00');
    await runEvaluation({ ...app.deps, publisher });
    const escalated = published.find((n) => n.kind === 'escalated');
    if (!escalated) throw new Error('no escalation');
    expect(escalated.notify).toEqual(['provider.lead', 'consumer']);
    await notify(snsEvent(escalated));
    expect(
      posts()
        .slice(1)
        .map((c) => c.params.channel),
    ).toEqual(['U0MKTLEAD', 'C0SALES']);
    const claim = (await app.deps.alerts.listClaims(LEADS, '2026-11')).find(
      (c) => c.notification.dedupKey === escalated.dedupKey,
    );
    expect(claim?.annotations).toEqual({
      'slack:U0MKTLEAD': 'D0MKTLEAD/1795017900.000002',
      'slack:C0SALES': '1795017900.000003',
    });
  });

  it('waits out a 429 with Retry-After: 1 and then posts', async () => {
    const n = await claimed('leads-rate-limited', ['consumer']);
    const before = posts().length;
    slack.script.push({
      status: 429,
      headers: { 'retry-after': '1' },
      body: { ok: false, error: 'ratelimited' },
    });
    const started = Date.now();
    await notify(snsEvent(n));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(
      posts()
        .slice(before)
        .map((c) => c.params.channel),
    ).toEqual(['C0SALES', 'C0SALES']);
    const claim = (await app.deps.alerts.listClaims('leads-rate-limited', '2026-11'))[0];
    expect(Object.keys(claim?.annotations ?? {})).toEqual(['slack:C0SALES']);
  });

  it('throws when Slack keeps failing (so SNS retries), and a redelivery posts only what is missing', async () => {
    const n = await claimed('leads-slack-down', ['provider.lead', 'consumer']);
    const before = posts().length;
    slack.script.push('default', { status: 500 }, { status: 500 }, { status: 500 });
    await expect(notify(snsEvent(n))).rejects.toThrow();
    // One try and two bounded retries for the channel that failed, after the DM went through.
    expect(
      posts()
        .slice(before)
        .map((c) => c.params.channel),
    ).toEqual(['U0MKTLEAD', 'C0SALES', 'C0SALES', 'C0SALES']);
    expect(logged.some((l) => l.message === 'posting an alert to Slack failed')).toBe(true);
    let claim = (await app.deps.alerts.listClaims('leads-slack-down', '2026-11'))[0];
    expect(Object.keys(claim?.annotations ?? {})).toEqual(['slack:U0MKTLEAD']);

    await notify(snsEvent(n));
    expect(
      posts()
        .slice(before + 4)
        .map((c) => c.params.channel),
    ).toEqual(['C0SALES']);
    claim = (await app.deps.alerts.listClaims('leads-slack-down', '2026-11'))[0];
    expect(Object.keys(claim?.annotations ?? {}).sort()).toEqual(['slack:C0SALES', 'slack:U0MKTLEAD']);
  });

  it('refuses a malformed SNS message loudly instead of dropping it', async () => {
    const event = snsEvent(leadsNotification());
    (event.Records[0] as { Sns: { Message: string } }).Sns.Message = '{"kind":"at_risk"}';
    await expect(notify(event)).rejects.toThrow(/not a notification/);
  });

  it('after an acknowledgement, updates every message of the alert with chat.update', async () => {
    const listener = makeReactionListener({ poster, alerts: app.deps.alerts, loadDepartments });
    const reaction = await acknowledgeAlert(app.deps, LEADS, { by: 'U0SALESLEAD' }, LOCAL_ADMIN);
    const before = slack.calls.length;
    await listener(reaction, 'acknowledged');
    const updates = slack.calls.slice(before).filter((c) => c.method === 'chat.update');
    expect(updates.map((u) => [u.params.channel, u.params.ts]).sort()).toEqual([
      ['C0MARKETING', '1795017900.000001'],
      ['C0SALES', '1795017900.000003'],
      ['D0MKTLEAD', '1795017900.000002'],
    ]);
    for (const update of updates) {
      const blocks = JSON.parse(update.params.blocks ?? '[]');
      checkSlackLimits({ text: update.params.text, blocks });
      expect(blocksText({ blocks })).toContain('Acknowledged by <@U0SALESLEAD>');
      expect(blocks.some((b: { type: string }) => b.type === 'actions')).toBe(false);
    }
  });

  it('reports messages it could not update: thrown without a log, logged with one', async () => {
    const reaction = await acknowledgeAlert(app.deps, LEADS, { by: 'U0MKTLEAD' }, LOCAL_ADMIN);
    const failing = Array.from({ length: 9 }, () => ({ status: 500 }) as const);
    slack.script.push(...failing);
    const strict = makeReactionListener({ poster, alerts: app.deps.alerts });
    await expect(strict(reaction, 'acknowledged')).rejects.toThrow(SlackUpdateError);
    slack.script.length = 0;
    slack.script.push(...failing);
    const errors: unknown[] = [];
    const lenient = makeReactionListener({
      poster,
      alerts: app.deps.alerts,
      log: { error: (_m, e) => void errors.push(e), warn: () => undefined },
    });
    await lenient(reaction, 'acknowledged');
    expect(errors[0]).toBeInstanceOf(SlackUpdateError);
    slack.script.length = 0;
  });

  it("when the leads recover, posts the news and takes the buttons off that alert's earlier messages", async () => {
    // Marketing catches up: 70 more leads put the month back on pace.
    await app.call('POST', '/v1/commitments/marketing-qualified-leads/events', {
      body: { events: Array.from({ length: 70 }, (_, i) => ({ id: `catch-up-${i}` })) },
    });
    app.clock.set('2026-11-19T10:30:00-05:00');
    await runEvaluation({ ...app.deps, publisher });
    const recovered = published.find((n) => n.commitmentId === LEADS && n.kind === 'recovered');
    if (!recovered) throw new Error('no recovery');
    const before = slack.calls.length;
    await notify(snsEvent(recovered));
    const calls = slack.calls.slice(before);
    // Everyone the alert reached hears it: the provider's channel, its lead, the consumer.
    expect(
      calls
        .filter((c) => c.method === 'chat.postMessage')
        .map((c) => c.params.channel)
        .sort(),
    ).toEqual(['C0MARKETING', 'C0SALES', 'U0MKTLEAD']);
    const updates = calls.filter((c) => c.method === 'chat.update');
    expect(updates.map((u) => [u.params.channel, u.params.ts]).sort()).toEqual([
      ['C0MARKETING', '1795017900.000001'],
      ['C0SALES', '1795017900.000003'],
      ['D0MKTLEAD', '1795017900.000002'],
    ]);
    for (const update of updates) {
      const blocks = JSON.parse(update.params.blocks ?? '[]');
      checkSlackLimits({ text: update.params.text, blocks });
      expect(blocksText({ blocks })).toContain('Recovered');
      expect(blocks.some((b: { type: string }) => b.type === 'actions')).toBe(false);
    }
  });

  it('posts once when SNS delivers the same message twice at the same moment', async () => {
    const n = await claimed('racing-commitment', ['provider']);
    const before = posts().length;
    const outcomes = await Promise.allSettled([notify(snsEvent(n)), notify(snsEvent(n))]);
    expect(posts().length - before).toBe(1);
    // The loser either saw the finished post or was told to come back (SNS retries it).
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(String(outcome.reason)).toMatch(/Another delivery/);
    }
    await notify(snsEvent(n));
    expect(posts().length - before).toBe(1);
  });
});
