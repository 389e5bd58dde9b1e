import { describe, expect, it } from 'vitest';
import { digestFormat } from '../../../shared/app/digest.js';
import { MAX_OVERVIEW_ROWS, overviewAltText, overviewLines } from '../../../shared/app/digest-overview.js';
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
      'Bar chart of attainment in week 2026-W46 against the pace expected by now, a bar for each of the 7 commitments. ' +
        '2 breached, 2 at risk, 2 met or on track, 1 without data. ' +
        'In trouble: Commitment 0 (breached); Commitment 3 (breached); Commitment 1 (at risk) and 1 more.',
    );
  });

  it('says only the counts when nothing is in trouble', () => {
    expect(overviewAltText(digestOf(['on_track', 'met']))).toBe(
      'Bar chart of attainment in week 2026-W46 against the pace expected by now, a bar for each of the 2 commitments. ' +
        '0 breached, 0 at risk, 2 met or on track.',
    );
  });

  it(`shows at most ${MAX_OVERVIEW_ROWS} bars, those most at risk, and says so`, () => {
    const many = digestOf([
      ...Array.from({ length: 40 }, () => 'on_track' as const),
      'breached',
      'no_data',
      'at_risk',
    ]);
    const { shown, total } = overviewLines(many);
    expect([shown.length, total]).toEqual([MAX_OVERVIEW_ROWS, 43]);
    expect(shown.slice(0, 3).map((c) => c.status)).toEqual(['breached', 'at_risk', 'no_data']);
    expect(overviewAltText(many)).toMatch(
      /^Bar chart of attainment in week 2026-W46 against the pace expected by now, a bar for each of the 30 of 43 commitments most at risk\. 1 breached, 1 at risk, 40 met or on track, 1 without data\./,
    );
    expect(overviewLines(threadedDigest()).shown).toHaveLength(MAX_OVERVIEW_ROWS);
  });

  it('carries the expected value each bar is read against on every digest line', () => {
    const lines = digestOf(['on_track', 'at_risk']).providers.flatMap((p) => p.commitments);
    expect(lines.map((l) => [l.id, l.expected, l.target]).sort()).toEqual([
      ['c-0', 40, 100],
      ['c-1', 41, 100],
    ]);
  });
});
