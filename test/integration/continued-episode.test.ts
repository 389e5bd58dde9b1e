import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { makeNotifyHandler } from '../../functions/notify-slack/handler.js';
import { acknowledgeAlert } from '../../shared/app/alert-actions.js';
import { runEvaluation } from '../../shared/app/evaluator.js';
import { recordEvents } from '../../shared/app/record-events.js';
import { LOCAL_ADMIN } from '../../shared/domain/permissions.js';
import type { OutgoingNotification } from '../../shared/ports/alert-store.js';
import { createSlackWebClient, createWebApiPoster } from '../../shared/slack/web-api-poster.js';
import { useApp } from './app-context.js';
import { snsEvent, startFakeSlack } from './fake-slack.js';

/**
 * An alert that recovers past the margin and is at risk again the same afternoon continues its
 * episode: the acknowledgement holds, and Marketing's earlier Slack message is brought back instead
 * of a new one being posted.
 */
const app = await useApp('2026-11-01T00:30:00-04:00');
const LEADS = 'marketing-qualified-leads';
const NY = 'America/New_York';
const published: OutgoingNotification[] = [];
const deps = {
  ...app.deps,
  publisher: { publish: async (n: OutgoingNotification) => void published.push(n) },
};
const slack = await startFakeSlack();
const notify = makeNotifyHandler({
  poster: createWebApiPoster(createSlackWebClient('xoxb-test-token', { slackApiUrl: slack.url })),
  clock: app.clock,
  loadDepartments: async () => (await app.deps.commitments.getConfig())?.departments ?? {},
  alerts: app.deps.alerts,
  log: { error: (message, detail) => console.error(message, detail), warn: () => undefined },
});
const local = (iso: string) => DateTime.fromISO(iso, { zone: NY }).toMillis();

async function evaluateAt(...times: string[]) {
  for (const time of times) {
    app.clock.set(local(time));
    const before = published.length;
    await runEvaluation(deps, local(time));
    for (const n of published.slice(before)) await notify(snsEvent(n));
  }
}

async function leads(count: number, at: string, prefix: string) {
  app.clock.set(local(at));
  const events = Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    at: new Date(local(at)).toISOString(),
  }));
  expect((await recordEvents(app.deps, LEADS, events)).accepted).toBe(count);
}

describe('an alert at risk again within a business day of recovering', () => {
  it('continues its episode: same acknowledgement, and the earlier Slack message is updated', async () => {
    await leads(40, '2026-11-17T11:00', 'early');
    await evaluateAt('2026-11-18T10:00');
    expect(published.map((n) => n.kind)).toEqual(['at_risk']);
    const firstPost = slack.calls.find((c) => c.method === 'chat.postMessage');
    expect(firstPost?.params.channel).toBe('C0MARKETING');
    app.clock.set(local('2026-11-18T10:30'));
    await acknowledgeAlert(app.deps, LEADS, { by: 'U0MKTLEAD', note: 'campaign at noon' }, LOCAL_ADMIN);

    // 61 leads at 12:15 project 98.2: past the recovery line (98).
    await leads(21, '2026-11-18T12:00', 'noon');
    await evaluateAt('2026-11-18T12:15');
    expect(published.map((n) => n.kind)).toEqual(['at_risk', 'recovered']);

    // By 16:30, with no new leads, 61 project under 95 again: four business hours after the recovery.
    const callsBefore = slack.calls.length;
    await evaluateAt('2026-11-18T16:15', '2026-11-18T16:30', '2026-11-18T16:45');
    const again = published.slice(2);
    expect(again.map((n) => [n.kind, n.episode, n.continued])).toEqual([['at_risk', 1, 1]]);
    expect(again[0]?.dedupKey).toBe(`${LEADS}#2026-11#1.1#1#at_risk`);
    const alert = await app.deps.alerts.get(LEADS, '2026-11');
    expect(alert).toMatchObject({
      level: 1,
      episode: 1,
      acknowledgedBy: 'U0MKTLEAD',
      note: 'campaign at noon',
    });
    // No new message: the at-risk message in Marketing's channel comes back with its buttons.
    const calls = slack.calls.slice(callsBefore);
    expect(calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    const claims = await app.deps.alerts.listClaims(LEADS, '2026-11');
    const firstTs = claims.find((c) => c.notification.dedupKey === published[0]?.dedupKey)?.annotations[
      'slack:C0MARKETING'
    ];
    expect(firstTs).toBeDefined();
    expect(calls.map((c) => [c.method, c.params.channel, c.params.ts])).toEqual([
      ['chat.update', 'C0MARKETING', firstTs],
    ]);
    expect(calls[0]?.params.text).toMatch(/^At risk: /);
  });
});
