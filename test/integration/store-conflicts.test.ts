/**
 * Every store says "someone else wrote first" the same way: it returns `'conflict'`, and the use
 * case decides whether to read again and retry or to refuse. Checked against DynamoDB Local.
 */
import { describe, expect, it } from 'vitest';
import { createDynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { archiveCommitment } from '../../shared/app/commitments.js';
import { ConcurrentUpdateError } from '../../shared/app/errors.js';
import type { AlertState } from '../../shared/domain/alerts/alert-state.js';
import type { CommitmentRecord } from '../../shared/ports/commitment-store.js';
import { MutableClock } from '../support/mutable-clock.js';
import { useTestTable } from './dynamodb-context.js';

const table = await useTestTable();
const clock = new MutableClock('2026-11-02T09:00:00-05:00');
const deps = createDynamoStores(table.client, table.tableName, clock);

const commitment = (id: string): CommitmentRecord => ({
  id,
  state: 'active',
  versions: [],
  openOutages: {},
  createdAt: clock.now(),
  updatedAt: clock.now(),
  revision: 0,
});

describe('stores return conflict when the item moved on', () => {
  it('commitment store: a stale revision, or creating one that exists', async () => {
    const created = await deps.commitments.save(commitment('c-stale'), null);
    expect(created).toMatchObject({ id: 'c-stale', revision: 0 });
    expect(await deps.commitments.save(commitment('c-stale'), null)).toBe('conflict');
    const updated = await deps.commitments.save({ ...commitment('c-stale'), updatedAt: 1 }, 0);
    expect(updated).toMatchObject({ revision: 1 });
    expect(await deps.commitments.save({ ...commitment('c-stale'), updatedAt: 2 }, 0)).toBe('conflict');
    expect((await deps.commitments.get('c-stale'))?.updatedAt).toBe(1);
  });

  it('a use case turns a commitment conflict into ConcurrentUpdateError (409 at the edge)', async () => {
    await deps.commitments.save(commitment('c-race'), null);
    const stale = await deps.commitments.get('c-race');
    await deps.commitments.save({ ...commitment('c-race'), updatedAt: 5 }, 0);
    const racing = { ...deps, commitments: { ...deps.commitments, get: async () => stale } };
    await expect(archiveCommitment(racing, 'c-race')).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect((await deps.commitments.get('c-race'))?.state).toBe('active');
  });

  it('alert store: a stale revision, or creating one that exists', async () => {
    const state: AlertState = {
      commitmentId: 'c-alert',
      period: '2026-11',
      episode: 1,
      level: 1,
      lastStatus: 'at_risk',
      breachNotified: false,
      metNotified: false,
      revision: 0,
    };
    expect(await deps.alerts.commit(state, null, [], clock.now())).toBe('committed');
    expect(await deps.alerts.commit(state, null, [], clock.now())).toBe('conflict');
    expect(await deps.alerts.commit({ ...state, level: 2, revision: 1 }, 0, [], clock.now())).toBe(
      'committed',
    );
    expect(await deps.alerts.commit({ ...state, level: 3, revision: 1 }, 0, [], clock.now())).toBe(
      'conflict',
    );
    expect((await deps.alerts.get('c-alert', '2026-11'))?.level).toBe(2);
  });
});
