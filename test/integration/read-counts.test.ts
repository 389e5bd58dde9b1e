/**
 * Where the evaluator and the digest spend reads: the keys they ask DynamoDB for, captured on the
 * client, for reads they can do without (same results either way).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import { keys as itemKeys } from '../../shared/adapters/dynamodb/keys.js';
import { buildWeeklyDigest } from '../../shared/app/digest.js';
import { runEvaluation } from '../../shared/app/evaluator.js';
import { recordEvents } from '../../shared/app/record-events.js';
import { listStatus } from '../../shared/app/status.js';
import { SPARKLINE_WEEKS, trendAndSparkline, weeksEndingWith } from '../../shared/domain/digest/trend.js';
import { type AppContext, useApp } from './app-context.js';

const ZONE = 'America/New_York';

/** The sort keys of every item asked for by BatchGetItem through this client, as `pk|sk`. */
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
    { step: 'initialize', name: 'testBatchGetKeys' },
  );
  return keys;
}

const monthEnd = await useApp('2026-11-18T10:00:00-05:00');
const digestApp = await useApp('2026-10-01T09:00:00-04:00');
const unmeasuredApp = await useApp('2026-10-01T09:00:00-04:00');
// Created in October, so November and every later period is marked from its start.
const marked = await useApp('2026-10-20T10:00:00-04:00');
// The same, with its heads stripped of their marks as if written before they were kept.
const legacy = await useApp('2026-10-20T10:00:00-04:00');

const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis();

/** Every alert state in the app's table, as `pk|sk` → the status it last said. */
async function alertStatesIn(app: AppContext): Promise<Map<string, string>> {
  const doc = createDocumentClient(app.table.client);
  const out = await doc.send(
    new ScanCommand({
      TableName: app.table.tableName,
      FilterExpression: 'begins_with(sk, :al)',
      ExpressionAttributeValues: { ':al': 'AL#' },
    }),
  );
  return new Map((out.Items ?? []).map((item) => [`${item.pk}|${item.sk}`, String(item.lastStatus)]));
}

/** One evaluator run at `local` time, with the alert states it asked DynamoDB for. */
async function runAt(app: AppContext, local: string, captured: string[]) {
  captured.length = 0;
  app.clock.set(at(local));
  const summary = await runEvaluation({ ...app.deps, publisher: app.publisher });
  return { summary, alertReads: captured.filter((k) => k.includes('|AL#')) };
}

describe('the month-end run', () => {
  it('reads no alert state of a period it has just closed with no data, and settles the others', async () => {
    const deps = { ...monthEnd.deps, publisher: monthEnd.publisher };
    await runEvaluation(deps);
    const keys = captureBatchGetKeys(monthEnd.table.client);
    monthEnd.clock.set(DateTime.fromISO('2026-12-01T01:15', { zone: ZONE }).toMillis());
    const summary = await runEvaluation(deps);

    const noData = summary.closed.filter((c) => c.status === 'no_data');
    const judged = summary.closed.filter((c) => c.status !== 'no_data');
    expect(noData.length).toBeGreaterThan(0);
    expect(judged.length).toBeGreaterThan(0);
    for (const { commitmentId, period } of noData) {
      expect(keys).not.toContain(`C#${commitmentId}|AL#${period}`);
    }
    for (const { commitmentId, period } of judged) {
      expect(keys).toContain(`C#${commitmentId}|AL#${period}`);
    }
  });
});

describe('a run after the month-end run', () => {
  it("reads the closed periods' results in one consistent batch, and says their final word", async () => {
    const deps = { ...monthEnd.deps, publisher: monthEnd.publisher };
    const getItems: string[] = [];
    const consistentBatches: number[] = [];
    monthEnd.table.client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as {
          RequestItems?: Record<string, { ConsistentRead?: boolean }>;
          Key?: { sk?: unknown };
        };
        if (context.commandName === 'GetItemCommand') getItems.push(JSON.stringify(input.Key?.sk));
        if (context.commandName === 'BatchGetItemCommand') {
          consistentBatches.push(
            Object.values(input.RequestItems ?? {}).filter((t) => t.ConsistentRead).length,
          );
        }
        return next(args);
      },
      { step: 'initialize', name: 'testGetItems' },
    );
    // Business hours: the final words held back at night go out now.
    monthEnd.clock.set(DateTime.fromISO('2026-12-01T08:00', { zone: ZONE }).toMillis());
    const summary = await runEvaluation(deps);
    expect(summary.transitions.filter((t) => t.period === '2026-11').length).toBeGreaterThan(0);
    expect(getItems.filter((sk) => sk.includes('R#'))).toEqual([]);
    expect(consistentBatches.some((n) => n > 0)).toBe(true);
  });
});

describe('the live digest', () => {
  // Six weeks before Monday 16 November: each week's Friday and Sunday.
  const sundays = ['2026-10-11', '2026-10-18', '2026-10-25', '2026-11-01', '2026-11-08', '2026-11-15'];
  const fridayOf = (sunday: string) => DateTime.fromISO(sunday).minus({ days: 2 }).toISODate() as string;
  const UNDECIDED = 'website-availability';

  it("reads a week's Friday snapshot only where its Sunday one does not decide the week", async () => {
    const { deps, clock } = digestApp;
    clock.set(DateTime.fromISO('2026-10-01T10:00', { zone: ZONE }).toMillis());
    // A monitor reports the website up, so its availability is measured and its snapshots can score.
    const heartbeat = { id: 'hb', at: '2026-10-01T09:30:00-04:00', incident: 'monitor', phase: 'up' };
    expect((await recordEvents(deps, UNDECIDED, [heartbeat])).accepted).toBe(1);
    const current = (await listStatus(deps)).map((s) => s.evaluation);
    for (const localDate of sundays.flatMap((s) => [s, fridayOf(s)])) {
      const isSunday = sundays.includes(localDate);
      await deps.results.putSnapshots(
        current.map((evaluation, i) => ({
          localDate,
          evaluation: {
            ...evaluation,
            // Settled and scored, except the Sundays of one commitment, which say nothing.
            status: isSunday && evaluation.commitmentId === UNDECIDED ? 'no_data' : 'on_track',
            attainment: isSunday ? 0.9 + i / 100 : 0.5,
            elapsed: 0.5,
            evaluatedAt: DateTime.fromISO(`${localDate}T17:00`, { zone: ZONE }).toISO() as string,
          },
        })),
      );
    }
    const keys = captureBatchGetKeys(digestApp.table.client);
    clock.set(DateTime.fromISO('2026-11-16T08:00', { zone: ZONE }).toMillis());
    const digest = await buildWeeklyDigest(deps, { sending: true });

    const fridayKeys = keys.filter((k) => sundays.some((s) => k.endsWith(`|SN#${fridayOf(s)}`)));
    expect(fridayKeys.sort()).toEqual(sundays.map((s) => `C#${UNDECIDED}|SN#${fridayOf(s)}`).sort());
    for (const s of sundays) expect(keys).toContain(`C#marketing-qualified-leads|SN#${s}`);
    // The undecided commitment is scored from its Fridays: six equal weeks, a flat sparkline.
    const website = digest.providers.flatMap((p) => p.commitments).find((c) => c.id === UNDECIDED);
    expect([...new Set(website?.sparkline ?? '')]).toHaveLength(1);
    expect(website?.sparkline).toHaveLength(6);
  });
});

describe('the live digest of an availability commitment nothing has measured yet', () => {
  const WEBSITE = 'website-availability';
  const weeks = weeksEndingWith('2026-W46', SPARKLINE_WEEKS);
  const snapshotKeys = (keys: string[], id: string) => keys.filter((k) => k.startsWith(`C#${id}|SN#`));
  let keys: string[] = [];

  it('reads none of its snapshots, which cannot score, and shows the same trend and sparkline', async () => {
    const { deps, clock } = unmeasuredApp;
    // Snapshots as the evaluator leaves them: each commitment judged at each Friday's and Sunday's end.
    for (const { to } of weeks) {
      for (const localDate of [DateTime.fromISO(to).minus({ days: 2 }).toISODate() as string, to]) {
        clock.set(DateTime.fromISO(`${localDate}T23:45`, { zone: ZONE }).toMillis());
        const evaluations = (await listStatus(deps)).map((s) => s.evaluation);
        await deps.results.putSnapshots(evaluations.map((evaluation) => ({ localDate, evaluation })));
      }
    }
    keys = captureBatchGetKeys(unmeasuredApp.table.client);
    clock.set(DateTime.fromISO('2026-11-16T08:00', { zone: ZONE }).toMillis());
    const digest = await buildWeeklyDigest(deps, { sending: true });

    expect(snapshotKeys(keys, WEBSITE)).toEqual([]);
    for (const { to } of weeks) {
      expect(keys).toContain(`C#marketing-qualified-leads|SN#${to}`);
      expect(keys).toContain(`C#sales-lead-follow-up|SN#${to}`);
    }
    // What every snapshot it has would have shown.
    const stored = await deps.results.listSnapshots(WEBSITE);
    expect(stored).toHaveLength(2 * SPARKLINE_WEEKS);
    const record = await deps.commitments.get(WEBSITE);
    const definition = record?.versions.at(-1)?.definition;
    if (!definition) throw new Error('website-availability has no definition');
    const entry = digest.providers.flatMap((p) => p.commitments).find((c) => c.id === WEBSITE);
    expect(entry).toMatchObject(trendAndSparkline(stored, weeks, definition));
  });

  it('reads them again once a monitor has reported', async () => {
    const { deps } = unmeasuredApp;
    const heartbeat = { id: 'hb', at: '2026-11-16T07:00:00-05:00', incident: 'monitor', phase: 'up' };
    expect((await recordEvents(deps, WEBSITE, [heartbeat])).accepted).toBe(1);
    keys.length = 0;
    await buildWeeklyDigest(deps, { sending: true });
    // Its Sundays say nothing (nobody measured it then), so their Fridays are read too.
    expect(snapshotKeys(keys, WEBSITE)).toHaveLength(2 * SPARKLINE_WEEKS);
  });
});

describe('alert states the head marks', () => {
  const captured = captureBatchGetKeys(marked.table.client);

  it('are read in a routine run where they exist, and only there; the open alerts go on', async () => {
    await runAt(marked, '2026-11-18T10:00', captured);
    const before = await alertStatesIn(marked);
    expect(before.size).toBeGreaterThan(0);
    const { summary, alertReads } = await runAt(marked, '2026-11-19T10:00', captured);
    expect(alertReads.sort()).toEqual([...before.keys()].sort());
    // Read, each alert goes on from where it stood: nothing is opened twice, no write conflicts.
    expect(summary.transitions.filter((t) => t.from === 'no_data')).toEqual([]);
    expect(summary.conflicts).toBe(0);
  });

  it('at the month end, are read only for periods that have one, and the close settles the open ones', async () => {
    const before = await alertStatesIn(marked);
    const { summary, alertReads } = await runAt(marked, '2026-12-01T08:00', captured);
    expect(alertReads.filter((k) => !before.has(k))).toEqual([]);
    const settled = summary.transitions.filter((t) => t.period === '2026-11');
    expect(settled.length).toBeGreaterThan(0);
    for (const { commitmentId, from } of settled) {
      const key = `C#${commitmentId}|AL#2026-11`;
      expect(alertReads).toContain(key);
      expect(from).toBe(before.get(key));
    }
    expect(summary.conflicts).toBe(0);
  });
});

describe('alert states of heads written before the marks were kept', () => {
  const captured = captureBatchGetKeys(legacy.table.client);
  const doc = createDocumentClient(legacy.table.client);

  it('are read for every period until a close starts the marks, and the alerts go on', async () => {
    await runAt(legacy, '2026-11-18T10:00', captured);
    const active = await legacy.deps.commitments.list('active');
    for (const { id } of active) {
      await doc.send(
        new UpdateCommand({
          TableName: legacy.table.tableName,
          Key: itemKeys.commitmentHead(id),
          UpdateExpression: 'REMOVE alertPeriods, alertPeriodsSince',
        }),
      );
    }
    const before = await alertStatesIn(legacy);

    // Unmarked: every current period's alert state is asked for, and the open ones go on.
    const routine = await runAt(legacy, '2026-11-19T10:00', captured);
    for (const key of [...before.keys()].filter((k) => k.endsWith('AL#2026-11'))) {
      expect(routine.alertReads).toContain(key);
    }
    expect(routine.alertReads.filter((k) => k.endsWith('AL#2026-11')).length).toBeGreaterThan(
      [...before.keys()].filter((k) => k.endsWith('AL#2026-11')).length,
    );
    expect(routine.summary.transitions.filter((t) => t.from === 'no_data')).toEqual([]);
    expect(routine.summary.conflicts).toBe(0);

    // The month-end close settles November from where it stood and starts the marks; December began
    // before them, so its alert states are still all read.
    const monthEndRun = await runAt(legacy, '2026-12-01T08:00', captured);
    const settled = monthEndRun.summary.transitions.filter((t) => t.period === '2026-11');
    expect(settled.length).toBeGreaterThan(0);
    for (const { commitmentId, from } of settled)
      expect(from).toBe(before.get(`C#${commitmentId}|AL#2026-11`));
    const monthly = active.filter((r) => r.versions.at(-1)?.definition.period === 'month');
    for (const { id } of monthly) expect(monthEndRun.alertReads).toContain(`C#${id}|AL#2026-12`);
    for (const { id } of monthly) {
      expect((await legacy.deps.commitments.get(id))?.alertPeriodsSince).toBe(at('2026-12-01T08:00'));
    }

    // January starts after the marks did: only its alert states that exist are read.
    const existing = await alertStatesIn(legacy);
    const january = await runAt(legacy, '2027-01-04T10:00', captured);
    expect(january.alertReads.filter((k) => k.endsWith('AL#2027-01') && !existing.has(k))).toEqual([]);
    expect(january.summary.conflicts).toBe(0);
  });
});
