import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildWeeklyDigest } from '../../shared/app/digest.js';
import { decideOnExcusal } from '../../shared/app/excusal-decisions.js';
import { addExcusal } from '../../shared/app/excusals.js';
import { recordEvents } from '../../shared/app/record-events.js';
import { slackActor } from '../../shared/domain/permissions.js';
import { useApp } from './app-context.js';

/**
 * The weekly digest lists the excusals that wait for the department they blame, from the
 * aggregates it reads anyway: live, those the status judged from; for a past week, one batch.
 */
const ZONE = 'America/New_York';
const LEADS = 'marketing-qualified-leads';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();

/** `pk|sk` of every item asked for by BatchGetItem through this client. */
function captureBatchGetKeys(client: DynamoDBClient): string[] {
  const keys: string[] = [];
  const text = (value: unknown) =>
    typeof value === 'object' && value !== null && 'S' in value
      ? String((value as { S: string }).S)
      : String(value);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'BatchGetItemCommand') {
        const input = args.input as {
          RequestItems?: Record<string, { Keys?: Array<Record<string, unknown>> }>;
        };
        for (const table of Object.values(input.RequestItems ?? {})) {
          for (const key of table.Keys ?? []) keys.push(`${text(key.pk)}|${text(key.sk)}`);
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'pendingExcusalKeys' },
  );
  return keys;
}

describe('excusals awaiting a decision in the weekly digest, over DynamoDB Local', async () => {
  const app = await useApp('2026-10-05T09:00:00-04:00');
  const keys = captureBatchGetKeys(app.table.client);
  const claim = (from: string, to: string, reason: string) =>
    addExcusal(app.deps, LEADS, { from, to, causedBy: 'sales', reason }, slackActor('U0MKTLEAD'));

  app.clock.set(local('2026-11-10T09:00'));
  const events = Array.from({ length: 20 }, (_, i) => ({ id: `lead-${i}`, at: '2026-11-09T11:00:00-05:00' }));
  await recordEvents(app.deps, LEADS, events);
  // Approved on the spot by Sales: it counts, so the leads' status is excused and nothing waits.
  const settled = await claim('2026-11-02T00:00:00-05:00', '2026-11-03T00:00:00-05:00', 'CRM down all day');
  await decideOnExcusal(app.deps, LEADS, settled.excusal.id, 'approve', slackActor('U0REP1'));
  // Claimed on Friday morning and not answered.
  app.clock.set(local('2026-11-13T10:00'));
  const waiting = await claim('2026-11-09T00:00:00-05:00', '2026-11-11T00:00:00-05:00', 'CRM import broke');

  it('lists the unanswered claim with who asked, the window, whom it blames and its age, reading each aggregate once', async () => {
    app.clock.set(local('2026-11-16T08:00'));
    keys.length = 0;
    const digest = await buildWeeklyDigest(app.deps, { sending: true });
    expect(digest.pendingExcusals).toEqual([
      {
        commitmentId: LEADS,
        title: expect.any(String),
        excusalId: waiting.excusal.id,
        requestedBy: 'U0MKTLEAD',
        from: '2026-11-09T05:00:00Z',
        to: '2026-11-11T05:00:00Z',
        timezone: ZONE,
        causedBy: 'sales',
        causedByName: 'Sales',
        reason: 'CRM import broke',
        requestedAt: '2026-11-13T15:00:00Z',
        ageDays: 2,
      },
    ]);
    expect(digest.excused.map((x) => x.commitmentId)).toEqual([LEADS]);
    expect(JSON.stringify(digest.messages[0]?.blocks)).toContain(
      'asked by <@U0MKTLEAD> 2 days ago, blames Sales',
    );
    // The excused commitment's aggregate is the one the status judged from, not read a second time.
    const aggregates = keys.filter((k) => k.includes('|A#'));
    expect(aggregates).toContain(`C#${LEADS}|A#2026-11`);
    expect(new Set(aggregates).size).toBe(aggregates.length);
  });

  it('a past week still shows it as waiting when it was decided only after that week went out', async () => {
    app.clock.set(local('2026-11-17T09:00'));
    await decideOnExcusal(app.deps, LEADS, waiting.excusal.id, 'reject', slackActor('U0SALESLEAD'));
    app.clock.set(local('2026-11-18T09:00'));
    const past = await buildWeeklyDigest(app.deps, { week: '2026-W46' });
    expect(past.pendingExcusals.map((p) => [p.excusalId, p.ageDays])).toEqual([[waiting.excusal.id, 2]]);
    // This week's digest, not sent yet, shows the live state: nothing waits any more.
    const current = await buildWeeklyDigest(app.deps, { week: '2026-W47' });
    expect(current.asOfNow).toBe(true);
    expect(current.pendingExcusals).toEqual([]);
  });
});
