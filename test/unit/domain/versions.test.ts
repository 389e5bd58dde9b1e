import { describe, expect, it } from 'vitest';
import { closePeriod } from '../../../shared/domain/close.js';
import type { CommitmentDefinition } from '../../../shared/domain/model.js';
import { periodFromKey } from '../../../shared/domain/periods.js';
import {
  type CommitmentVersion,
  effectiveFromFor,
  governingVersion,
} from '../../../shared/domain/versions.js';
import { leads, ny, ZONE } from './judging-fixtures.js';

function version(
  n: number,
  createdAt: string,
  immediate = false,
  target = 100 + 10 * (n - 1),
): CommitmentVersion {
  const created = ny(createdAt);
  const definition: CommitmentDefinition = { ...leads, target };
  return {
    version: n,
    createdAt: created,
    immediate,
    effectiveFrom: effectiveFromFor({
      kind: 'month',
      zone: ZONE,
      createdAt: created,
      immediate,
      isFirst: n === 1,
    }),
    definition,
  };
}

const month = (key: string) => periodFromKey(key, ZONE);

describe('effectiveFromFor', () => {
  it('a first version governs the whole period it was created in', () => {
    expect(
      effectiveFromFor({
        kind: 'month',
        zone: ZONE,
        createdAt: ny('2026-11-10T15:00'),
        immediate: false,
        isFirst: true,
      }),
    ).toBe(ny('2026-11-01T00:00'));
  });

  it('an amendment takes effect at the start of the next period', () => {
    const at = ny('2026-11-18T10:00');
    expect(
      effectiveFromFor({ kind: 'month', zone: ZONE, createdAt: at, immediate: false, isFirst: false }),
    ).toBe(ny('2026-12-01T00:00'));
    expect(
      effectiveFromFor({ kind: 'week', zone: ZONE, createdAt: at, immediate: false, isFirst: false }),
    ).toBe(ny('2026-11-23T00:00'));
    expect(
      effectiveFromFor({ kind: 'quarter', zone: ZONE, createdAt: at, immediate: false, isFirst: false }),
    ).toBe(ny('2027-01-01T00:00'));
  });

  it('an immediate amendment takes effect when it is made', () => {
    const at = ny('2026-11-18T10:00');
    expect(
      effectiveFromFor({ kind: 'month', zone: ZONE, createdAt: at, immediate: true, isFirst: false }),
    ).toBe(at);
  });
});

describe('governingVersion', () => {
  it('an amendment in mid-November governs from December', () => {
    const versions = [version(1, '2026-10-05T09:00'), version(2, '2026-11-15T09:00')];
    expect(governingVersion(versions, month('2026-11'))?.version).toBe(1);
    expect(governingVersion(versions, month('2026-12'))?.version).toBe(2);
    expect(governingVersion(versions, month('2027-03'))?.version).toBe(2);
  });

  it('an immediate amendment governs the current month', () => {
    const versions = [version(1, '2026-10-05T09:00'), version(2, '2026-11-15T09:00', true)];
    expect(governingVersion(versions, month('2026-10'))?.version).toBe(1);
    expect(governingVersion(versions, month('2026-11'))?.version).toBe(2);
  });

  it('a closed month keeps its version, even when an immediate amendment follows right after', () => {
    const versions = [version(1, '2026-10-05T09:00'), version(2, '2026-12-01T00:00', true)];
    expect(governingVersion(versions, month('2026-11'))?.version).toBe(1);
    expect(governingVersion(versions, month('2026-12'))?.version).toBe(2);
  });

  it('a later immediate amendment wins over an earlier one scheduled for next month', () => {
    const versions = [
      version(3, '2026-11-20T09:00', true),
      version(1, '2026-10-05T09:00'),
      version(2, '2026-11-10T09:00'),
    ];
    expect(governingVersion(versions, month('2026-11'))?.version).toBe(3);
    expect(governingVersion(versions, month('2026-12'))?.version).toBe(3);
  });

  it('no version governs a month before the commitment existed', () => {
    expect(governingVersion([version(1, '2026-10-05T09:00')], month('2026-09'))).toBeUndefined();
    expect(governingVersion([], month('2026-09'))).toBeUndefined();
  });

  it('closes November with the target November was promised, not the amended one', () => {
    const versions = [version(1, '2026-10-05T09:00', false, 100), version(2, '2026-11-15T09:00', false, 80)];
    const november = month('2026-11');
    const governing = governingVersion(versions, november);
    if (!governing) throw new Error('expected a governing version');
    const closed = closePeriod({
      definition: governing.definition,
      version: governing.version,
      period: november,
      aggregate: { measure: 'total', sum: 85, count: 85 },
      excusals: [],
      closedAt: ny('2026-12-01T00:15'),
    });
    expect(closed).toMatchObject({ version: 1, target: 100, status: 'breached', credit: 5 });
  });
});
