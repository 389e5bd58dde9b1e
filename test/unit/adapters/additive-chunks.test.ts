import { describe, expect, it } from 'vitest';
import { chunksOf, ITEMS_PER_TRANSACTION } from '../../../shared/adapters/dynamodb/additive-events.js';
import { bucketHours } from '../../../shared/adapters/dynamodb/outcome-buckets.js';
import type { AdditiveEvent } from '../../../shared/ports/event-store.js';

const HOUR = 3600_000;
const START = Date.parse('2026-11-18T00:00:00Z');

/** `count` events; with `hours`, each counts its outcome in one of that many UTC hours, in turn. */
function events(count: number, hours = 0): AdditiveEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    event: {
      commitmentId: 'c',
      eventId: `e${i}`,
      periodKey: '2026-11',
      at: START,
      recordedAt: START,
      body: {},
    },
    increments: { good: 1, total: 1 },
    ...(hours > 0 ? { minute: START + (i % hours) * HOUR } : {}),
  }));
}

/** The items each chunk's transaction writes: events, the aggregate and one bucket per hour. */
const itemsOf = (chunks: AdditiveEvent[][]) => chunks.map((c) => c.length + 1 + bucketHours(c).size);

describe('chunks of an additive batch', () => {
  it('fills a transaction with 99 events and the aggregate when nothing else rides along', () => {
    expect(chunksOf(events(99)).map((c) => c.length)).toEqual([99]);
  });

  it('keeps room for the audit entry in the last transaction, moving one event out of a full one', () => {
    expect(chunksOf(events(98), 1).map((c) => c.length)).toEqual([98]);
    expect(chunksOf(events(99), 1).map((c) => c.length)).toEqual([98, 1]);
    expect(chunksOf(events(198), 1).map((c) => c.length)).toEqual([99, 98, 1]);
    // Outcome buckets count too: 98 events of one hour, their bucket and the aggregate fill it.
    expect(chunksOf(events(97, 1), 1).map((c) => c.length)).toEqual([97]);
    expect(chunksOf(events(98, 1), 1).map((c) => c.length)).toEqual([97, 1]);
  });

  it('never writes more than 100 items, the reserved one included, and keeps every event once', () => {
    for (const count of [1, 50, 97, 98, 99, 100, 101, 197, 198, 199, 500]) {
      for (const hours of [0, 1, 2, 7]) {
        const batch = events(count, hours);
        const chunks = chunksOf(batch, 1);
        const items = itemsOf(chunks);
        items[items.length - 1] = (items[items.length - 1] as number) + 1;
        expect(Math.max(...items)).toBeLessThanOrEqual(ITEMS_PER_TRANSACTION);
        expect(chunks.flat().map((e) => e.event.eventId)).toEqual(batch.map((e) => e.event.eventId));
      }
    }
  });
});
