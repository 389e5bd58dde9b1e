/**
 * The example configuration after eleven simulated weeks, then the Monday digest of 16 November
 * 2026: leads were plentiful in September, short in October (a closed breach that owes 15 credits)
 * and lag further behind in November; Sales held up the leads for three days (an excusal); the
 * website was down for 90 minutes of business hours in November.
 */

import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/digest/handler.js';
import { createDynamoDigestDeliveryLog } from '../../shared/adapters/dynamodb/digest-delivery-log.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import { buildWeeklyDigest } from '../../shared/app/digest.js';
import type { Digest } from '../../shared/app/digest-rendering.js';
import { runEvaluation } from '../../shared/app/evaluator.js';
import { addExcusal } from '../../shared/app/excusals.js';
import { recordEvents } from '../../shared/app/record-events.js';
import { LOCAL_ADMIN } from '../../shared/domain/permissions.js';
import type { OutgoingNotification } from '../../shared/ports/alert-store.js';
import type { DigestDelivery, SlackMessage } from '../../shared/ports/slack-poster.js';
import { useApp } from './app-context.js';

const ZONE = 'America/New_York';
const LEADS = 'marketing-qualified-leads';
const FOLLOW_UP = 'sales-lead-follow-up';
const WEBSITE = 'website-availability';

const app = await useApp('2026-08-25T09:00:00-04:00');
const notifications: OutgoingNotification[] = [];
const evaluator = {
  ...app.deps,
  publisher: { publish: async (n: OutgoingNotification) => void notifications.push(n) },
};

const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
// 5 leads a business day in September, 3 in October, 2 in the first week of November, then none.
const leadsPerDay = (day: DateTime) => (day.month === 9 ? 5 : day.month === 10 ? 3 : day.day < 9 ? 2 : 0);

async function evaluateAt(at: DateTime) {
  app.clock.set(at.toMillis());
  await runEvaluation(evaluator);
}

async function simulate() {
  // Every business day from 1 September to 13 November: the day's leads at 11:00, an evaluation at
  // 17:00 on Fridays and every day of the last week, and one just after each month's end.
  for (let day = local('2026-09-01'); day < local('2026-11-14'); day = day.plus({ days: 1 })) {
    if (day.day === 1) await evaluateAt(day.set({ hour: 0, minute: 30 }));
    if (day.weekday > 5) continue;
    app.clock.set(day.set({ hour: 17 }).toMillis());
    const events = Array.from({ length: leadsPerDay(day) }, (_, i) => ({
      id: `lead-${day.toISODate()}-${i}`,
      at: day.set({ hour: 11 }).toISO(),
    }));
    if (events.length > 0) expect((await recordEvents(app.deps, LEADS, events)).accepted).toBe(events.length);
    if (day.weekday === 5 || day >= local('2026-11-09')) await evaluateAt(day.set({ hour: 17 }));
  }
}

let digest: Digest;

beforeAll(async () => {
  await simulate();
  app.clock.set(local('2026-11-13T17:30').toMillis());
  // Sales followed up two leads of November within a few business hours.
  const followed = [
    { id: 'f1', at: '2026-11-10T09:00:00-05:00', subject: 'lead-a', phase: 'start' },
    { id: 'f2', at: '2026-11-10T13:00:00-05:00', subject: 'lead-a', phase: 'stop' },
    { id: 'f3', at: '2026-11-12T10:00:00-05:00', subject: 'lead-b', phase: 'start' },
    { id: 'f4', at: '2026-11-12T11:30:00-05:00', subject: 'lead-b', phase: 'stop' },
  ];
  expect((await recordEvents(app.deps, FOLLOW_UP, followed)).accepted).toBe(4);
  // The website was down for an hour and a half on a Thursday morning.
  const outage = [
    { id: 'o1', at: '2026-11-05T10:00:00-05:00', incident: 'inc-1', phase: 'down' },
    { id: 'o2', at: '2026-11-05T11:30:00-05:00', incident: 'inc-1', phase: 'up' },
  ];
  expect((await recordEvents(app.deps, WEBSITE, outage)).accepted).toBe(2);
  await addExcusal(
    app.deps,
    LEADS,
    {
      from: '2026-11-09T08:00:00-05:00',
      to: '2026-11-11T18:00:00-05:00',
      causedBy: 'sales',
      reason: "Sales' CRM import was broken, so no lead could be handed over",
    },
    LOCAL_ADMIN,
  );
  await evaluateAt(local('2026-11-13T18:00'));

  app.clock.set(local('2026-11-16T08:00').toMillis()); // the digest's Monday
  digest = await buildWeeklyDigest(app.deps, {});
}, 240_000);

describe('the Monday digest after a simulated autumn', () => {
  it('reports the week that just ended, with the state as of Monday 08:00', () => {
    expect(digest.week).toBe('2026-W46');
    expect([digest.weekFrom, digest.weekTo]).toEqual(['2026-11-09', '2026-11-15']);
    expect(digest.asOf).toBe('2026-11-16T13:00:00Z');
    expect(notifications.length).toBeGreaterThan(0); // the evaluator ran and alerted along the way
  });

  it('names every commitment with its state, and counts them in the headline', () => {
    const lines = digest.providers.flatMap((p) => p.commitments.map((c) => [p.name, c.id, c.status]));
    expect(lines).toEqual([
      ['IT', WEBSITE, 'breached'],
      ['Marketing', LEADS, 'at_risk'],
      ['Sales', FOLLOW_UP, 'on_track'],
    ]);
    expect(digest.headline).toEqual({ met: 0, on_track: 1, at_risk: 1, breached: 1, no_data: 0, total: 3 });
    for (const id of [WEBSITE, LEADS, FOLLOW_UP]) expect(digest.text).toContain(`[${id}]`);
    expect(digest.text).toContain('3 commitments: 1 BREACHED, 1 AT RISK, 1 ON TRACK, 0 MET, 0 NO DATA.');
  });

  it('shows the lagging leads at risk among the top risks, with Marketing as owner', () => {
    expect(digest.topRisks.map((r) => [r.commitmentId, r.status, r.owner.name, r.owner.lead])).toEqual([
      [WEBSITE, 'breached', 'IT', 'U0ITLEAD'],
      [LEADS, 'at_risk', 'Marketing', 'U0MKTLEAD'],
    ]);
    expect(digest.topRisks[1]?.gapText).toMatch(/^\d+(\.\d)? leads short by projection$/);
    const leads = digest.providers.find((p) => p.department === 'marketing')?.commitments[0];
    // Plenty in September, short in October, lagging in November: worse every week of the run.
    expect(leads?.trend).toBe('down');
    const bars = [...(leads?.sparkline ?? '')].map((c) => '▁▂▃▄▅▆▇█'.indexOf(c));
    expect(bars).toHaveLength(6);
    expect(bars[0]).toBeGreaterThan(bars[5] as number);
    expect(leads?.lastClosed).toMatchObject({ period: '2026-10', status: 'breached', credit: 15 });
    expect(JSON.stringify(digest.messages[0]?.blocks)).toContain('<@U0MKTLEAD>');
  });

  it('shows the credits owed for October and the quarter, and the excusal caused by Sales', () => {
    expect(digest.credits.periodKey).toBe('2026-10');
    expect(digest.credits.period.map((d) => [d.department, d.credits])).toEqual([['marketing', 15]]);
    expect(digest.credits.quarter.map((d) => [d.department, d.credits])).toEqual([['marketing', 15]]);
    expect(digest.excused).toEqual([
      expect.objectContaining({
        commitmentId: LEADS,
        period: '2026-11',
        causedBy: 'sales',
        causedByName: 'Sales',
        reason: "Sales' CRM import was broken, so no lead could be handed over",
        targetBefore: 100,
      }),
    ]);
    // Three business days of twenty in November (Thanksgiving is closed).
    expect(digest.excused[0]?.share).toBeCloseTo(3 / 20, 6);
    expect(digest.excused[0]?.targetAfter).toBeCloseTo(85, 6);
    expect(digest.text).toContain('Marketing: 15 credits (marketing-qualified-leads 2026-10: 15)');
    expect(digest.text).toContain('caused by Sales');
  });

  it('lists the quarterly review of the leads commitment as due', () => {
    expect(digest.dueForReview).toEqual([
      {
        commitmentId: LEADS,
        title: 'Marketing delivers qualified leads to Sales',
        cadence: 'quarter',
        dueOn: '2026-11-25',
        daysLeft: 9,
      },
    ]);
  });

  it('shows an older week as it stood when its digest was due, on the Monday at 08:00', async () => {
    const w41 = await buildWeeklyDigest(app.deps, { week: '2026-W41' });
    expect(w41.asOf).toBe('2026-10-12T12:00:00Z');
    expect(w41.asOfNow).toBe(false);
    const leads = w41.providers.flatMap((p) => p.commitments).find((c) => c.id === LEADS);
    expect(leads).toMatchObject({ period: '2026-10', lastClosed: { period: '2026-09', status: 'met' } });
    expect(w41.credits.periodKey).toBe('2026-09');
  });

  it('refuses a week that is not an ISO week or has not started', async () => {
    await expect(buildWeeklyDigest(app.deps, { week: '2026-11' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(buildWeeklyDigest(app.deps, { week: '2026-W53x' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(buildWeeklyDigest(app.deps, { week: '2026-W49' })).rejects.toThrow('has not started yet');
  });

  it('the scheduled function posts to the executives channel and its thread, and publishes the email', async () => {
    const posted: SlackMessage[] = [];
    const emails: DigestDelivery[] = [];
    const handler = makeHandler({
      ...app.deps,
      poster: {
        post: async (m) => {
          posted.push(m);
          return { channel: m.channel, ts: `1763298000.00010${posted.length}` };
        },
        update: async () => {},
      },
      publisher: { publish: async (d) => void emails.push(d) },
      log: { info: () => {} },
    });
    const summary = await handler({});
    expect(summary).toMatchObject({
      week: '2026-W46',
      headline: { at_risk: 1, breached: 1, total: 3 },
      delivery: {
        outcome: 'delivered',
        emailed: true,
        slack: { channel: 'C0EXEC', ts: '1763298000.000101' },
      },
    });
    expect(posted.map((m) => [m.channel, m.threadTs ?? null])).toEqual([
      ['C0EXEC', null],
      ['C0EXEC', '1763298000.000101'],
    ]);
    // A payload naming a week sends that one again, by hand.
    expect(await handler({ week: '2026-W45' })).toMatchObject({ week: '2026-W45' });
    expect(emails.map((e) => e.week)).toEqual(['2026-W46', '2026-W45']);
    expect(emails.slice(0, 1)).toEqual([
      {
        week: '2026-W46',
        subject: 'SLA digest 2026-W46: 1 breached, 1 at risk, 1 met or on track of 3',
        text: digest.text,
      },
    ]);
  });

  it('a schedule tick sends only when digest.schedule is due, and a week once whatever the ticks and retries', async () => {
    const posted: SlackMessage[] = [];
    const emails: DigestDelivery[] = [];
    const handler = makeHandler({
      ...app.deps,
      deliveries: createDynamoDigestDeliveryLog(createDocumentClient(app.table.client), app.table.tableName),
      poster: {
        post: async (m) => {
          posted.push(m);
          return { channel: m.channel, ts: `1763298100.00010${posted.length}` };
        },
        update: async () => {},
      },
      publisher: { publish: async (d) => void emails.push(d) },
      log: { info: () => {} },
    });
    const tick = (iso: string) => ({ source: 'schedule', scheduledTime: iso });
    // mon 08:00 in New York is 13:00 UTC in November; the ticks around it have nothing to do.
    expect(await handler(tick('2026-11-16T12:55:00Z'))).toEqual({
      skipped: 'not_due',
      tick: '2026-11-16T12:55:00.000Z',
    });
    expect(await handler(tick('2026-11-16T13:05:00Z'))).toMatchObject({ skipped: 'not_due' });
    expect(posted).toEqual([]);

    expect(await handler(tick('2026-11-16T13:00:00Z'))).toMatchObject({
      week: '2026-W46',
      delivery: { outcome: 'delivered', emailed: true },
    });
    // The same tick retried by Lambda finds the week delivered.
    expect(await handler(tick('2026-11-16T13:00:00Z'))).toMatchObject({
      week: '2026-W46',
      delivery: { outcome: 'already_delivered' },
    });
    expect(emails.map((e) => e.week)).toEqual(['2026-W46']);
    expect(posted).toHaveLength(2);
  });
});
