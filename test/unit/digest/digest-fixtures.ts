/**
 * Inputs for the digest builder: departments, definitions and evaluations as the app layer would
 * gather them, built from a few numbers so that tests read as scenarios.
 */
import { DateTime } from 'luxon';
import { digestFormat } from '../../../shared/app/digest.js';
import { buildDigest, type Digest } from '../../../shared/app/digest-rendering.js';
import type { ClosedPeriodResult } from '../../../shared/domain/close.js';
import type { DigestCommitmentInput } from '../../../shared/domain/digest/digest-types.js';
import type { Evaluation } from '../../../shared/domain/evaluate.js';
import type { CommitmentDefinition, Department, Excusal, Status } from '../../../shared/domain/model.js';

export const ZONE = 'America/New_York';
export const ny = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toMillis();

export function department(id: string, name: string, lead?: string): Department {
  return {
    id,
    name,
    slack: { channel: `C0${id.toUpperCase()}`, ...(lead ? { lead } : {}), members: [] },
    emails: [],
  };
}

export function definition(
  id: string,
  provider: string,
  consumer: string,
  extra: Partial<CommitmentDefinition> = {},
): CommitmentDefinition {
  return {
    id,
    title: `Commitment ${id}`,
    provider,
    consumer,
    measure: 'total',
    unit: 'leads',
    period: 'month',
    timezone: ZONE,
    pacing: 'calendar',
    comparator: 'atLeast',
    target: 100,
    atRisk: { projectedBelow: 0.95, notBefore: 0.2 },
    escalation: [],
    credits: [{ below: 1, credit: 5 }],
    ...extra,
  };
}

/** An evaluation of a total in November 2026 with the given numbers. */
export function evaluation(
  id: string,
  status: Status,
  numbers: {
    actual?: number;
    target?: number;
    expected?: number;
    projected?: number | null;
    measure?: Evaluation['measure'];
    unit?: string;
  } = {},
): Evaluation {
  const target = numbers.target ?? 100;
  const actual = numbers.actual ?? 50;
  return {
    commitmentId: id,
    period: '2026-11',
    measure: numbers.measure ?? 'total',
    status,
    actual,
    target,
    expected: numbers.expected ?? 50,
    projected: numbers.projected === undefined ? actual * 2 : numbers.projected,
    attainment: status === 'no_data' ? null : target > 0 ? actual / target : null,
    elapsed: 0.5,
    unit: numbers.unit ?? 'leads',
    evaluatedAt: '2026-11-16T08:00:00-05:00',
  };
}

/**
 * Daily snapshots on the Fridays of the weeks ending with 2026-W46, one per value (null: none that
 * week); by default each value is a total's projection against a target of 100.
 */
export function fridaySnapshots(
  id: string,
  values: Array<number | null>,
  make: (value: number) => Evaluation = (projected) =>
    evaluation(id, 'on_track', { actual: projected / 2, projected }),
): Array<{ localDate: string; evaluation: Evaluation }> {
  const lastFriday = DateTime.fromISO('2026-11-13', { zone: 'UTC' });
  return values.flatMap((value, i) => {
    if (value === null) return [];
    const localDate = lastFriday.minus({ weeks: values.length - 1 - i }).toISODate() as string;
    return [{ localDate, evaluation: make(value) }];
  });
}

export function closedResult(
  id: string,
  period: string,
  attainment: number,
  credit: number,
): ClosedPeriodResult {
  const evaluationOf = evaluation(id, attainment >= 1 ? 'met' : 'breached', { actual: attainment * 100 });
  return {
    commitmentId: id,
    period,
    version: 1,
    status: attainment >= 1 ? 'met' : 'breached',
    actual: attainment * 100,
    target: 100,
    attainment,
    credit,
    closedAt: '2026-11-01T00:15:00-04:00',
    evaluation: { ...evaluationOf, period, final: true },
  };
}

export function input(
  def: CommitmentDefinition,
  ev: Evaluation,
  extra: Partial<DigestCommitmentInput> = {},
): DigestCommitmentInput {
  return {
    definition: def,
    evaluation: ev,
    createdAt: ny('2026-01-05T09:00'),
    snapshots: [],
    excusals: [],
    ...extra,
  };
}

export function excusal(from: string, to: string, causedBy: string, reason: string): Excusal {
  return { id: `${from}/${to}`, from: ny(from), to: ny(to), causedBy, reason };
}

/** Marketing reports to the executives, who receive the digest; each has a Slack channel. */
export const digestDepartments = {
  marketing: department('marketing', 'Marketing'),
  executives: department('executives', 'Executive team'),
};

/**
 * A week's digest sent on Monday 16 November 2026 at 08:00, of sixty commitments with long titles:
 * enough for its details to need several replies in the summary's thread.
 */
export function threadedDigest(week = '2026-W46'): Digest {
  const at = ny('2026-11-16T08:00');
  return buildDigest(
    {
      week,
      zone: ZONE,
      generatedAt: at,
      asOf: at,
      sendsAt: at,
      departments: digestDepartments,
      commitments: Array.from({ length: 60 }, (_, i) => {
        const d = definition(`c-${i}`, 'marketing', 'executives', {
          title: `${'Quite a long title '.repeat(8)}${i}`,
        });
        return input(d, evaluation(d.id, 'on_track'));
      }),
      ledger: [],
    },
    digestFormat,
  );
}
