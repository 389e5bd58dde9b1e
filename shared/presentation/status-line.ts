import type { Evaluation } from '../domain/evaluate.js';
import type { Status } from '../domain/model.js';
import { effectNote } from './effect-words.js';

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

/** A count or amount for people: whole numbers stay whole, others get one decimal. */
export function formatAmount(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded)
    ? rounded.toLocaleString('en-US')
    : rounded.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** A share (0..1) as a percentage with the precision an objective like 99.5% needs. */
export function formatPercent(share: number): string {
  const pct = share * 100;
  const digits =
    Math.abs(pct - Math.round(pct)) < 0.05 ? 0 : Math.abs(pct * 10 - Math.round(pct * 10)) < 0.05 ? 1 : 2;
  return `${pct.toFixed(digits)}%`;
}

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
    const parts = [`${formatAmount(e.actual)} / ${formatAmount(e.target)} ${e.unit}`];
    if (!e.final) parts.push(`expected ${formatAmount(e.expected)} by now`);
    if (!e.final && e.projected !== null) parts.push(`projected ${formatAmount(e.projected)}`);
    return parts.join(' · ');
  }
  const parts = [`${formatPercent(e.actual)} (objective ${formatPercent(e.target)})`];
  if (e.budget) {
    const used = e.budget.allowed > 0 ? e.budget.used / e.budget.allowed : e.budget.used > 0 ? 1 : 0;
    parts.push(`error budget ${formatPercent(Math.max(0, used))} used`);
  }
  return parts.join(' · ');
}

export function statusLine(input: StatusLineInput): string {
  const { evaluation: e } = input;
  return `${input.title} (${input.providerName} → ${input.consumerName}) ${statusFigures(e)} · ${STATUS_LABEL[e.status]}`;
}
