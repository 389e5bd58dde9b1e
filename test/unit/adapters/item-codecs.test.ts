/**
 * Each item type is described once by its codec: what a store writes with `toItem` reads back the
 * same with `fromItem`, keyed where keys.ts says, with the table's own attributes left out.
 */
import { describe, expect, it } from 'vitest';
import { type ItemCodec, valueAttributes } from '../../../shared/adapters/dynamodb/item-codec.js';
import {
  alertCodec,
  claimCodec,
  commitmentCodec,
  configCodec,
  eventCodec,
  ledgerCodec,
  outageCodec,
  resultCodec,
  snapshotCodec,
  timerCodec,
  versionCodec,
} from '../../../shared/adapters/dynamodb/item-codecs.js';
import { keys } from '../../../shared/adapters/dynamodb/keys.js';
import type { ClosedPeriodResult } from '../../../shared/domain/close.js';
import type { Evaluation } from '../../../shared/domain/evaluate.js';
import type { OutgoingNotification } from '../../../shared/ports/alert-store.js';
import type { CommitmentRecord, StoredConfig } from '../../../shared/ports/commitment-store.js';

const AT = Date.parse('2026-11-02T14:00:00.000Z');
const evaluation = {
  commitmentId: 'c1',
  period: '2026-11',
  status: 'on_track',
  evaluatedAt: '2026-11-02T14:00:00Z',
} as unknown as Evaluation;
const version = {
  version: 1,
  effectiveFrom: AT,
  createdAt: AT,
  immediate: false,
  definition: { id: 'c1' },
} as never;

const inPeriod = { commitmentId: 'c1', periodKey: '2026-11' };

/** Through the document client and back: what a marshal/unmarshal round trip keeps (no undefined). */
const stored = (item: Record<string, unknown>) => JSON.parse(JSON.stringify(item));

function roundTrip<T>(codec: ItemCodec<T>, value: T) {
  const item = stored(codec.toItem(value));
  expect(item.type).toBe(codec.type);
  expect(codec.fromItem(item)).toEqual(value);
  return item;
}

describe('item codecs round-trip', () => {
  it('event: keyed by commitment and id, listed by period and time, expiring after retention', () => {
    const item = roundTrip(eventCodec, {
      ...inPeriod,
      eventId: 'e1',
      at: AT,
      recordedAt: AT,
      body: { value: 3 },
    });
    expect(item).toMatchObject({
      ...keys.event('c1', 'e1'),
      ...keys.eventListEntry('c1', '2026-11', '2026-11-02T14:00:00.000Z', 'e1'),
    });
    expect(item.expiresAt).toBeGreaterThan(AT / 1000);
  });

  it('timer: in the due index only while it runs', () => {
    const running = {
      ...inPeriod,
      subject: 's1',
      startedAt: AT,
      pauses: [{ from: AT, to: AT + 1 }],
      dueAt: AT + 3_600_000,
      revision: 2,
    };
    expect(roundTrip(timerCodec, running)).toMatchObject({
      ...keys.subject('c1', 's1'),
      ...keys.dueTimerEntry('2026-11-02T15:00:00.000Z', 'c1', 's1'),
    });
    const stopped = roundTrip(timerCodec, { ...running, stoppedAt: AT + 5, within: true });
    expect(stopped.gsi1pk).toBeUndefined();
    const retired = roundTrip(timerCodec, { ...running, retired: true });
    expect(retired.gsi1pk).toBeUndefined();
  });

  it('outage and alert state', () => {
    roundTrip(outageCodec, { commitmentId: 'c1', incident: 'i1', down: AT, up: AT + 60_000, revision: 1 });
    const item = roundTrip(alertCodec, {
      commitmentId: 'c1',
      period: '2026-11',
      episode: 1,
      level: 2,
      openedAt: AT,
      lastStatus: 'at_risk',
      acknowledgedBy: 'U1',
      breachNotified: false,
      metNotified: false,
      revision: 3,
    });
    expect(item).toMatchObject(keys.alert('c1', '2026-11'));
  });

  it('notification claim: its lease as two attributes, annotations prefixed, pending ones indexed', () => {
    const notification = {
      dedupKey: 'c1#2026-11#1#1#at_risk',
      commitmentId: 'c1',
      period: '2026-11',
    } as OutgoingNotification;
    const claim = {
      notification,
      state: 'pending' as const,
      claimedAt: AT,
      lease: { holder: 'run-1', until: AT + 30_000 },
      annotations: { slack: 'C1/123.45' },
    };
    const item = roundTrip(claimCodec, claim);
    expect(item).toMatchObject({
      ...keys.notification(notification.dedupKey),
      ...keys.pendingNotificationEntry('2026-11-02T14:00:00.000Z', notification.dedupKey),
      leaseHolder: 'run-1',
      leaseUntil: AT + 30_000,
      'a:slack': 'C1/123.45',
    });
    roundTrip(claimCodec, {
      notification,
      state: 'published',
      claimedAt: AT,
      publishedAt: AT + 1,
      annotations: {},
    });
  });

  it('result, ledger entry and snapshot', () => {
    const result = {
      ...{ commitmentId: 'c1', period: '2026-10', version: 1, status: 'met' },
      ...{ actual: 120, target: 100 },
      attainment: 1.2,
      credit: 0,
      closedAt: '2026-11-01T05:00:00Z',
      evaluation,
    } as unknown as ClosedPeriodResult;
    expect(roundTrip(resultCodec, result)).toMatchObject(keys.result('c1', '2026-10'));
    const entry = {
      department: 'sales',
      commitmentId: 'c1',
      periodKey: '2026-10',
      credit: 50,
      attainment: 0.8,
      recordedAt: AT,
    };
    expect(roundTrip(ledgerCodec, entry)).toMatchObject(keys.ledger('sales', '2026-10', 'c1'));
    const snapshot = roundTrip(snapshotCodec, { localDate: '2026-11-02', evaluation });
    expect(snapshot).toMatchObject(keys.snapshot('c1', '2026-11-02'));
    expect(snapshot.expiresAt).toBeGreaterThan(AT / 1000);
  });

  it('reads results written with a zone offset in the one UTC form', () => {
    const item = stored(
      resultCodec.toItem({
        commitmentId: 'c1',
        period: '2026-10',
        closedAt: '2026-11-01T00:00:00.000-05:00',
        evaluation: { ...evaluation, evaluatedAt: '2026-11-02T09:00:00.000-05:00' },
      } as unknown as ClosedPeriodResult),
    );
    const read = resultCodec.fromItem(item);
    expect(read.closedAt).toBe('2026-11-01T05:00:00Z');
    expect(read.evaluation.evaluatedAt).toBe('2026-11-02T14:00:00Z');
  });

  it('config and commitment version', () => {
    const config = {
      timezone: 'America/New_York',
      appliedAt: AT,
      departments: [],
    } as unknown as StoredConfig;
    expect(roundTrip(configCodec, config)).toMatchObject(keys.config());
    expect(roundTrip(versionCodec, { commitmentId: 'c1', ...(version as object) } as never)).toMatchObject(
      keys.version('c1', 1),
    );
  });

  it('commitment head: its definition side round-trips; the bookkeeping is not written by a save', () => {
    const record: CommitmentRecord = {
      id: 'c1',
      state: 'archived',
      versions: [version],
      openOutages: {},
      createdAt: AT,
      updatedAt: AT + 1,
      archivedAt: AT + 1,
      activeSince: AT,
      revision: 4,
    };
    const item = roundTrip(commitmentCodec, record);
    expect(item).toMatchObject({
      ...keys.commitmentHead('c1'),
      ...keys.commitmentListEntry('archived', 'c1'),
    });
    const withBookkeeping = {
      ...record,
      closedThrough: '2026-10',
      openOutages: { i1: AT },
      firstEventAt: AT,
    };
    const written = stored(commitmentCodec.toItem(withBookkeeping));
    expect(written).not.toHaveProperty('closedThrough');
    expect(written).not.toHaveProperty('openOutages');
    expect(written).not.toHaveProperty('firstEventAt');
  });

  it('the head keeps only the newest twelve versions', () => {
    const versions = Array.from({ length: 14 }, (_, i) => ({ ...(version as object), version: i + 1 }));
    const item = commitmentCodec.toItem({
      id: 'c1',
      state: 'active',
      versions: versions as never,
      openOutages: {},
      createdAt: AT,
      updatedAt: AT,
      revision: 0,
    });
    expect((item.versions as Array<{ version: number }>).map((v) => v.version)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 3),
    );
  });

  it("leaves out the table's own attributes, and only those", () => {
    expect(
      valueAttributes({ pk: 'p', sk: 's', gsi1pk: 'g', gsi1sk: 'h', type: 't', expiresAt: 1, id: 'x' }),
    ).toEqual({ expiresAt: 1, id: 'x' });
  });
});
