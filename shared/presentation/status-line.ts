import type { Evaluation } from '../domain/evaluate.js';
import type { Status } from '../domain/model.js';
import { budgetWords } from '../domain/readable-budget.js';
import { formatAmount, formatPercent, formatValue } from '../domain/readable-numbers.js';
import { effectNote } from './effect-words.js';

export { formatAmount, formatPercent } from '../domain/readable-numbers.js';

/**
 * How a status reads for people, the same in Slack, the CLI, notifications and the digest:
 * `Qualified leads (Marketing → Sales) 62 / 100 leads · expected 70 by today · projected 89 · AT RISK`.
 */

export const STATUS_LABEL: Record<Status, string> = {
  on_track: 'ON TRACK',
  at_risk: 'AT RISK',
  breached: 'BREACHED',
  met: 'MET',
  no_data: 'NO DATA',
};

export const STATUS_EMOJI: Record<Status, string> = {
  on_track: ':large_green_circle:',
  at_risk: ':large_orange_circle:',
  breached: ':red_circle:',
  met: ':white_check_mark:',
  no_data: ':white_circle:',
};

const isShareMeasure = (e: Pick<Evaluation, 'measure'>) => e.measure !== 'total';

/** `▓▓▓▓▓▓░░░░` for a share of the target reached (capped at full). */
export function progressBar(share: number | null, width = 10): string {
  const filled = share === null ? 0 : Math.max(0, Math.min(width, Math.round(share * width)));
  return '▓'.repeat(filled) + '░'.repeat(width - filled);
}

export interface StatusLineInput {
  evaluation: Evaluation;
  title: string;
  providerName: string;
  consumerName: string;
}

/** The numbers part: `62 / 100 leads · expected 70 by today · projected 89`. */
export function statusFigures(e: Evaluation): string {
  const note = effectNote(e);
  if (e.notInEffectUntil !== undefined && note) return `not in effect yet (${note})`;
  const figures = figuresOnly(e);
  return note ? `${figures} · ${note}` : figures;
}

function figuresOnly(e: Evaluation): string {
  if (e.status === 'no_data') return 'nothing to judge yet';
  if (!isShareMeasure(e)) {
    const value = (n: number) => formatValue(n, e.values);
    const parts = [`${value(e.actual)} / ${formatAmount(e.target)} ${e.unit}`];
    if (!e.final) parts.push(`expected ${value(e.expected)} by now`);
    if (!e.final && e.projected !== null) parts.push(`projected ${value(e.projected)}`);
    return parts.join(' · ');
  }
  const parts = [`${formatPercent(e.actual, e.target)} (objective ${formatPercent(e.target)})`];
  const budget = budgetWords(e);
  if (budget) parts.push(`error budget: ${budget}`);
  return parts.join(' · ');
}

export function statusLine(input: StatusLineInput): string {
  const { evaluation: e } = input;
  return `${input.title} (${input.providerName} → ${input.consumerName}) ${statusFigures(e)} · ${STATUS_LABEL[e.status]}`;
}
