import { describe, expect, it } from 'vitest';
import { digestFormat } from '../../../shared/app/digest.js';
import { overviewAltText } from '../../../shared/app/digest-overview.js';
import { buildDigest } from '../../../shared/app/digest-rendering.js';
import type { Status } from '../../../shared/domain/model.js';
import {
  definition,
  digestDepartments,
  evaluation,
  input,
  ny,
  threadedDigest,
  ZONE,
} from './digest-fixtures.js';

function digestOf(statuses: Status[]) {
  const at = ny('2026-11-16T08:00');
  return buildDigest(
    {
      week: '2026-W46',
      zone: ZONE,
      generatedAt: at,
      asOf: at,
      sendsAt: at,
      departments: digestDepartments,
      commitments: statuses.map((status, i) => {
        const d = definition(`c-${i}`, 'marketing', 'executives', { title: `Commitment ${i}` });
        return input(d, evaluation(d.id, status, { expected: 40 + i }));
      }),
      ledger: [],
    },
    digestFormat,
  );
}

describe("the overview image's alt text", () => {
  it('says the counts, and names up to three commitments in trouble with how many more', () => {
    const digest = digestOf(['breached', 'at_risk', 'on_track', 'breached', 'at_risk', 'no_data', 'met']);
    expect(overviewAltText(digest)).toBe(
      "Bar chart of 7 commitments' attainment in week 2026-W46 against the pace expected by now: " +
        '2 breached, 2 at risk, 2 met or on track, 1 without data. ' +
        'In trouble: Commitment 0 (breached); Commitment 3 (breached); Commitment 1 (at risk) and 1 more.',
    );
  });

  it('says only the counts when nothing is in trouble', () => {
    expect(overviewAltText(threadedDigest())).toBe(
      "Bar chart of 60 commitments' attainment in week 2026-W46 against the pace expected by now: " +
        '0 breached, 0 at risk, 60 met or on track.',
    );
  });

  it('carries the expected value each bar is read against on every digest line', () => {
    const lines = digestOf(['on_track', 'at_risk']).providers.flatMap((p) => p.commitments);
    expect(lines.map((l) => [l.id, l.expected, l.target]).sort()).toEqual([
      ['c-0', 40, 100],
      ['c-1', 41, 100],
    ]);
  });
});
