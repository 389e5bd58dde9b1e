import { describe, expect, it } from 'vitest';
import { createDynamoDigestDeliveryLog } from '../../shared/adapters/dynamodb/digest-delivery-log.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import { useTestTable } from './dynamodb-context.js';

const table = await useTestTable();
const log = createDynamoDigestDeliveryLog(createDocumentClient(table.client), table.tableName);
const LEASE = 10 * 60_000;
const t0 = Date.parse('2026-11-16T13:00:00Z');

describe('the digest delivery record in DynamoDB', () => {
  it('lets one run hold a week, resumes a released one with its progress, and never reopens a finished one', async () => {
    const first = await log.claim('2026-W46', t0, LEASE);
    expect(first).toEqual({ week: '2026-W46', repliesPosted: 0, emailed: false });
    expect(await log.claim('2026-W46', t0 + 60_000, LEASE)).toBeUndefined();

    await log.save({
      week: '2026-W46',
      channel: 'C0EXEC',
      summaryTs: '1.0001',
      repliesPosted: 2,
      chartFileId: 'F0CHART1',
      emailed: true,
    });
    await log.release('2026-W46');
    const resumed = await log.claim('2026-W46', t0 + 90_000, LEASE);
    expect(resumed).toEqual({
      week: '2026-W46',
      channel: 'C0EXEC',
      summaryTs: '1.0001',
      repliesPosted: 2,
      chartFileId: 'F0CHART1',
      emailed: true,
    });

    await log.save({
      ...(resumed as NonNullable<typeof resumed>),
      repliesPosted: 4,
      completedAt: t0 + 120_000,
    });
    await log.release('2026-W46');
    expect(await log.claim('2026-W46', t0 + 3600_000, LEASE)).toBeUndefined();
  });

  it('lets a run overtake a holder whose lease ran out (it died)', async () => {
    expect(await log.claim('2026-W47', t0, LEASE)).toBeDefined();
    expect(await log.claim('2026-W47', t0 + LEASE + 1, LEASE)).toBeDefined();
  });
});
