import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { useApp } from './app-context.js';
import { closeUpToNow } from './close-helper.js';

const app = await useApp('2026-11-01T00:30:00-04:00');
app.clock.set('2026-11-18T10:00:00-05:00');
const ID = 'marketing-qualified-leads';
const LEADS = `/v1/commitments/${ID}`;

/** Every write this app's DynamoDB client sends: its operation and, for a transaction, its items. */
interface Write {
  operation: string;
  items: unknown[];
}
const writes: Write[] = [];
/** When set, the next transaction at this position of a request fails before it is sent (a crash). */
let crashAtTransaction: number | undefined;
app.table.client.middlewareStack.add(
  (next, context) => async (args) => {
    const operation = (context.commandName ?? '').replace(/Command$/, '');
    if (['PutItem', 'UpdateItem', 'BatchWriteItem', 'TransactWriteItems'].includes(operation)) {
      const items = (args.input as { TransactItems?: unknown[] }).TransactItems ?? [];
      writes.push({ operation, items });
      const transactions = writes.filter((w) => w.operation === 'TransactWriteItems').length;
      if (operation === 'TransactWriteItems' && transactions === crashAtTransaction) {
        crashAtTransaction = undefined;
        throw new Error('the process stopped here');
      }
    }
    return next(args);
  },
  { step: 'initialize', name: 'testWriteLog' },
);

/** The writes one call makes. */
async function writesOf(call: () => Promise<unknown>): Promise<Write[]> {
  writes.length = 0;
  await call();
  return [...writes];
}

/** Whether a transaction item puts an audit entry (marshalled or not, its key names it). */
const isAuditPut = (item: unknown) => JSON.stringify(item).includes('"AUDIT#');

const events = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}` }));
const post = (body: unknown) => app.call('POST', `${LEADS}/events`, { body });

/** The stored items that are entries of the trail (or copies of one), keyed by entry id. */
async function storedEntries(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await app.table.doc.send(
      new ScanCommand({
        TableName: app.table.tableName,
        FilterExpression: 'attribute_exists(#action)',
        ExpressionAttributeNames: { '#action': 'action' },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) counts.set(item.id, (counts.get(item.id) ?? 0) + 1);
    start = page.LastEvaluatedKey;
  } while (start);
  return counts;
}

type RecordedEntry = { id: string; detail: Record<string, unknown> };

async function recordedEntries(): Promise<RecordedEntry[]> {
  const { body } = await app.call('GET', `/v1/audit?commitment=${ID}&limit=200`);
  return body.entries.filter((e: { action: string }) => e.action === 'events.recorded');
}

/** The `events.recorded` entries written by `call` (the clock stands still, so not the first listed). */
async function entriesOf(call: () => Promise<unknown>): Promise<RecordedEntry[]> {
  const before = new Set((await recordedEntries()).map((e) => e.id));
  await call();
  return (await recordedEntries()).filter((e) => !before.has(e.id));
}

describe("an events request's audit entry rides in the transaction that records its events", () => {
  it('writes a small request in one transaction: its events, the aggregate and the entry', async () => {
    let sent: Write[] = [];
    const recorded = await entriesOf(async () => {
      sent = await writesOf(() => post({ events: events('small', 3) }));
    });
    expect(sent.map((w) => w.operation)).toEqual(['TransactWriteItems']);
    expect(sent[0]?.items).toHaveLength(5);
    expect(sent[0]?.items.filter(isAuditPut)).toHaveLength(1);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.detail).toMatchObject({ accepted: 3, duplicates: 0, rejected: 0 });
  });

  it('writes a batch of 100 in two transactions, the entry in the last, none over 100 items', async () => {
    let sent: Write[] = [];
    const recorded = await entriesOf(async () => {
      sent = await writesOf(() => post({ events: events('hundred', 100) }));
    });
    expect(sent.map((w) => w.operation)).toEqual(['TransactWriteItems', 'TransactWriteItems']);
    expect(sent.map((w) => w.items.filter(isAuditPut).length)).toEqual([0, 1]);
    expect(Math.max(...sent.map((w) => w.items.length))).toBeLessThanOrEqual(100);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.detail).toMatchObject({ accepted: 100, duplicates: 0 });
  });

  it('moves an event out of a full last transaction (99 events and the aggregate) to make room', async () => {
    let sent: Write[] = [];
    const recorded = await entriesOf(async () => {
      sent = await writesOf(() => post({ events: events('full', 99) }));
    });
    expect(sent.map((w) => w.items.length)).toEqual([99, 3]);
    expect(sent.map((w) => w.items.filter(isAuditPut).length)).toEqual([0, 1]);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.detail).toMatchObject({ accepted: 99, duplicates: 0, rejected: 0 });
    const retried = await entriesOf(async () => {
      const again = await post({ events: events('full', 99) });
      expect(again.body).toMatchObject({ accepted: 0, duplicates: 99 });
    });
    expect(retried).toEqual([]);
  });

  it('writes the entry once when a crash stopped the request before its last transaction', async () => {
    const status = async () => (await app.call('GET', `${LEADS}/status`)).body.actual as number;
    const before = await status();
    writes.length = 0;
    crashAtTransaction = 2;
    const crashed = await entriesOf(async () => {
      expect((await post({ events: events('crash', 150) })).status).toBe(500);
    });
    expect(crashed).toEqual([]);
    const recorded = await entriesOf(async () => {
      const retried = await post({ events: events('crash', 150) });
      expect(retried.body).toMatchObject({ accepted: 51, duplicates: 99 });
      const again = await post({ events: events('crash', 150) });
      expect(again.body).toMatchObject({ accepted: 0, duplicates: 150 });
    });
    expect(await status()).toBe(before + 150);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.detail).toMatchObject({ accepted: 51, duplicates: 99 });
  });

  it('keeps the first entry when a retry records an event the first attempt refused', async () => {
    const early = { id: 'early-bird', at: '2026-11-18T10:20:00-05:00' };
    const request = { events: [{ id: 'on-time' }, early] };
    const first = await post(request);
    expect(first.body).toMatchObject({ accepted: 1, rejected: [{ id: 'early-bird' }] });
    app.clock.set('2026-11-18T10:20:00-05:00');
    // The same request: its entry is there already, yet its new event must still be counted.
    const added = await entriesOf(async () => {
      const retried = await post(request);
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ accepted: 1, duplicates: 1, rejected: [] });
    });
    expect(added).toEqual([]);
    expect((await app.call('GET', `${LEADS}/events?period=2026-11`)).body.events).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'early-bird' })]),
    );
  });
});

describe('one stored item per audit entry', () => {
  it('keeps each entry once in the table, closes included, and lists it both ways', async () => {
    app.clock.set('2026-12-01T09:00:00-05:00');
    const closed = await closeUpToNow(app.deps, ID);
    expect(closed.map((r) => r.period)).toContain('2026-11');
    const stored = await storedEntries();
    const closes = [...stored.keys()].filter((id) => id.startsWith('period.closed:'));
    expect(closes.length).toBeGreaterThan(0);
    expect([...stored.values()].every((count) => count === 1)).toBe(true);
    const byCommitment = await app.call('GET', `/v1/audit?commitment=${ID}&limit=200`);
    const byTime = await app.call('GET', '/v1/audit?limit=200');
    const ours = byTime.body.entries.filter((e: { commitmentId?: string }) => e.commitmentId === ID);
    expect(byCommitment.body.entries.map((e: { id: string }) => e.id)).toEqual(
      ours.map((e: { id: string }) => e.id),
    );
    expect(byCommitment.body.entries.map((e: { action: string }) => e.action)).toContain('period.closed');
  });
});
