/**
 * Top risks and excused shortfalls: the two lists an executive acts on.
 */

import type { Evaluation } from '../evaluate.js';
import { excusedShares, isInForce } from '../excusals.js';
import type { Department, Status } from '../model.js';
import { paceMeter } from '../pacing.js';
import { periodFromKey } from '../periods.js';
import { budgetWords } from '../readable-budget.js';
import { countWords, formatValue } from '../readable-numbers.js';
import type { DigestFormat } from './digest-format.js';
import type { DigestCommitmentInput, ExcusedShortfall, TopRisk } from './digest-types.js';
import { healthScore } from './trend.js';

/** How many risks the summary names; every commitment is still listed by provider. */
export const TOP_RISKS = 5;

/** Worst first: the order commitments are listed in within a provider, too. */
export const STATUS_ORDER: Record<Status, number> = {
  breached: 0,
  at_risk: 1,
  no_data: 2,
  on_track: 3,
  met: 4,
};

const nameOf = (departments: Record<string, Department>, id: string) => departments[id]?.name ?? id;

/** Shortfall as a share of the target (0 when none) and in words. */
export function gapOf(input: DigestCommitmentInput, f: DigestFormat): { gap: number; gapText: string } {
  const { evaluation: e, definition } = input;
  const score = healthScore(e, definition);
  const gap = score === null ? 1 : Math.max(0, 1 - score);
  return { gap, gapText: gapText(e, definition.comparator, f) };
}

function gapText(e: Evaluation, comparator: 'atLeast' | 'atMost', f: DigestFormat): string {
  if (e.status === 'no_data') return 'nothing to judge';
  if (e.measure === 'total') {
    const projected = !e.final && e.projected !== null;
    const value = projected ? (e.projected as number) : e.actual;
    const by = projected ? ' by projection' : '';
    if (comparator === 'atMost') {
      return value > e.target
        ? `${countWords(value - e.target, e.unit, formatValue(value - e.target, e.values))} over the limit${by}`
        : `within the limit of ${f.amount(e.target)} ${e.unit}${by}`;
    }
    return value < e.target
      ? `${countWords(e.target - value, e.unit, formatValue(e.target - value, e.values))} short${by}`
      : `on target${by}`;
  }
  const parts = [`${f.percent(e.actual, e.target)} against ${f.percent(e.target)}`];
  const budget = budgetWords(e);
  if (budget) parts.push(`error budget: ${budget}`);
  return parts.join(', ');
}

export function topRisks(
  inputs: readonly DigestCommitmentInput[],
  departments: Record<string, Department>,
  f: DigestFormat,
): TopRisk[] {
  return inputs
    .filter((i) => i.evaluation.status === 'breached' || i.evaluation.status === 'at_risk')
    .map((i) => ({ input: i, ...gapOf(i, f) }))
    .sort(
      (a, b) =>
        STATUS_ORDER[a.input.evaluation.status] - STATUS_ORDER[b.input.evaluation.status] ||
        b.gap - a.gap ||
        a.input.definition.title.localeCompare(b.input.definition.title),
    )
    .slice(0, TOP_RISKS)
    .map(({ input, gap, gapText }) => {
      const provider = input.definition.provider;
      const lead = departments[provider]?.slack.lead;
      return {
        commitmentId: input.definition.id,
        title: input.definition.title,
        owner: { department: provider, name: nameOf(departments, provider), ...(lead ? { lead } : {}) },
        status: input.evaluation.status,
        gap,
        gapText,
      };
    });
}

/**
 * One line per commitment and department that caused an excusal in the evaluated period. The
 * share is measured with the commitment's own pacing, per department (overlaps counted once).
 */
export function excusedShortfalls(
  inputs: readonly DigestCommitmentInput[],
  departments: Record<string, Department>,
): ExcusedShortfall[] {
  const lines: ExcusedShortfall[] = [];
  for (const input of inputs) {
    const { evaluation: e, definition } = input;
    if (!e.excused) continue;
    const period = periodFromKey(e.period, definition.timezone);
    const meter = paceMeter(definition, period);
    const single = e.excused.causedBy.length === 1;
    for (const causedBy of e.excused.causedBy) {
      const mine = input.excusals.filter((x) => x.causedBy === causedBy && isInForce(x));
      const share =
        mine.length > 0 ? excusedShares(meter, period, mine, period.end).whole : single ? e.excused.share : 0;
      const reasons = [...new Set(mine.map((x) => x.reason.trim()).filter((r) => r.length > 0))];
      const line: ExcusedShortfall = {
        commitmentId: definition.id,
        title: definition.title,
        period: e.period,
        causedBy,
        causedByName: nameOf(departments, causedBy),
        share,
        unit: e.unit,
      };
      if (reasons.length > 0) line.reason = reasons.join('; ');
      if (single && e.excused.originalTarget !== undefined) {
        line.targetBefore = e.excused.originalTarget;
        line.targetAfter = e.target;
      }
      lines.push(line);
    }
  }
  return lines.sort((a, b) => b.share - a.share || a.commitmentId.localeCompare(b.commitmentId));
}
