/**
 * Commitment statuses as Slack blocks: the status line a sales lead reads at a glance, a progress
 * bar, and the figures behind it. Pure: everything comes in as values.
 */
import type { AlertState } from '../domain/alerts/alert-state.js';
import type { Evaluation } from '../domain/evaluate.js';
import type { LateSubjects } from '../domain/late-subjects.js';
import type { Department, Status, TargetDerivation } from '../domain/model.js';
import { attainmentWords, budgetWithBurn } from '../domain/readable-budget.js';
import { formatValue } from '../domain/readable-numbers.js';
import { effectNote } from '../presentation/effect-words.js';
import {
  formatAmount,
  formatPercent,
  progressBar,
  STATUS_EMOJI,
  STATUS_LABEL,
  statusLine,
} from '../presentation/status-line.js';
import {
  type Block,
  button,
  context,
  escapeMrkdwn,
  fields,
  header,
  type SlackReply,
  section,
  slackDate,
  who,
} from './blocks.js';
import { DETAILS_ACTION } from './interaction-ids.js';
import { lateSubjectBlocks } from './late-subject-blocks.js';
import { MAX_BLOCKS } from './limits.js';

/** One commitment's current evaluation with what people call it (what `listStatus` returns). */
export interface StatusItem {
  evaluation: Evaluation;
  title: string;
  provider: string;
  consumer: string;
  /** The commitment's zone, in which its times are shown. */
  timezone?: string;
}

export type Departments = Record<string, Department>;

export const nameOf = (departments: Departments, id: string) => departments[id]?.name ?? id;

/** Worst first: what needs attention leads the list. */
const SEVERITY: Record<Status, number> = { breached: 0, at_risk: 1, on_track: 2, no_data: 3, met: 4 };

export function bySeverity(a: StatusItem, b: StatusItem): number {
  return (
    SEVERITY[a.evaluation.status] - SEVERITY[b.evaluation.status] ||
    a.evaluation.commitmentId.localeCompare(b.evaluation.commitmentId)
  );
}

/** `Qualified leads (Marketing → Sales) 62 / 100 leads · … · AT RISK`, in plain text. */
export function plainStatusLine(item: StatusItem, departments: Departments): string {
  return statusLine({
    evaluation: item.evaluation,
    title: item.title,
    providerName: nameOf(departments, item.provider),
    consumerName: nameOf(departments, item.consumer),
  });
}

/** `` `▓▓▓▓▓▓░░░░` 62% of target `` */
export function progressText(e: Evaluation): string {
  if (e.attainment === null) return `\`${progressBar(null)}\` no data yet`;
  const of = e.measure === 'total' ? 'of target' : 'of the objective';
  return `\`${progressBar(e.attainment)}\` ${attainmentWords(e)} ${of}`;
}

/** The status line with its emoji and, below it, the progress bar (mrkdwn). */
export function statusText(item: StatusItem, departments: Departments): string {
  const e = item.evaluation;
  return `${STATUS_EMOJI[e.status]} ${escapeMrkdwn(plainStatusLine(item, departments))}\n${progressText(e)}`;
}

/** The numbers behind the status line, as Block Kit fields. */
export function figureFields(e: Evaluation, derivation?: TargetDerivation): string[] {
  const unit = escapeMrkdwn(e.unit);
  const out: string[] = [];
  if (e.measure === 'total') {
    const value = (n: number) => formatValue(n, e.values);
    out.push(`*Actual*\n${value(e.actual)} ${unit}`);
    const derived = derivation ? `\n_${escapeMrkdwn(derivation.formula)}_` : '';
    out.push(`*Target*\n${formatAmount(e.target)} ${unit}${derived}${prorationText(e, unit)}`);
    if (!e.final) {
      out.push(`*Expected by now*\n${value(e.expected)} ${unit}`);
      out.push(`*Projected*\n${e.projected === null ? '—' : `${value(e.projected)} ${unit}`}`);
    }
  } else {
    out.push(`*Actual*\n${e.status === 'no_data' ? '—' : formatPercent(e.actual, e.target)}`);
    out.push(`*Objective*\n${formatPercent(e.target)}`);
    const budget = budgetWithBurn(e);
    if (budget) out.push(`*Error budget*\n${escapeMrkdwn(budget)}`);
  }
  out.push(`*Status*\n${STATUS_EMOJI[e.status]} ${STATUS_LABEL[e.status]}${e.final ? ' (final)' : ''}`);
  out.push(`*Period*\n${e.period} · ${formatPercent(Math.min(1, Math.max(0, e.elapsed)))} elapsed`);
  if (e.excused) {
    const by = e.excused.causedBy.map(escapeMrkdwn).join(', ');
    out.push(`*Excused*\n${formatPercent(e.excused.share)} of the period${by ? ` (caused by ${by})` : ''}`);
  }
  return out;
}

/** `_prorated from Nov 27 (100 leads for a whole period)_` under a first period's target. */
function prorationText(e: Evaluation, unit: string): string {
  const note = effectNote(e);
  if (!note) return '';
  const full = e.proration?.fullTarget;
  return `\n_${note}${full === undefined || e.notInEffectUntil ? '' : ` (${formatAmount(full)} ${unit} for a whole period)`}_`;
}

export function alertSummary(state: AlertState | undefined, zone?: string): string | undefined {
  if (!state || state.level === 0) return undefined;
  const parts = [`:bell: Open alert, escalation level ${state.level}`];
  if (state.acknowledgedBy && state.acknowledgedAt !== undefined) {
    parts.push(`acknowledged by ${who(state.acknowledgedBy)} ${slackDate(state.acknowledgedAt, zone)}`);
  }
  if (state.snoozedBy && state.snoozedUntil !== undefined) {
    parts.push(`snoozed by ${who(state.snoozedBy)} until ${slackDate(state.snoozedUntil, zone)}`);
  }
  return parts.join(' · ');
}

export interface StatusGroup {
  title: string;
  items: StatusItem[];
  /** Said when the group has no items. */
  empty: string;
}

export interface StatusListInput {
  heading: string;
  intro?: string;
  groups: StatusGroup[];
  departments: Departments;
  public?: boolean;
}

const detailsButton = (id: string) => button('Details', DETAILS_ACTION, id);

/**
 * A department's commitments, one section each with a Details button. Slack shows at most 50
 * blocks, so a long list keeps its worst items and says how many it left out.
 */
export function statusListMessage(input: StatusListInput): SlackReply {
  const fixed: Block[] = [header(input.heading)];
  if (input.intro) fixed.push(context(input.intro));
  const total = input.groups.reduce((n, g) => n + g.items.length, 0);
  const groupBlocks = input.groups.length;
  let budget = MAX_BLOCKS - fixed.length - groupBlocks;
  const needsNote = total > budget;
  if (needsNote) budget -= 1;

  const blocks = [...fixed];
  let shown = 0;
  for (const group of input.groups) {
    const items = [...group.items].sort(bySeverity);
    const room = Math.max(0, Math.min(items.length, budget));
    budget -= room;
    shown += room;
    if (items.length === 0) {
      blocks.push(section(`*${escapeMrkdwn(group.title)}*\n_${escapeMrkdwn(group.empty)}_`));
      continue;
    }
    if (room === 0) continue;
    blocks.push(section(`*${escapeMrkdwn(group.title)}*`));
    for (const item of items.slice(0, room)) {
      blocks.push(section(statusText(item, input.departments), detailsButton(item.evaluation.commitmentId)));
    }
  }
  if (needsNote) {
    const left = total - shown;
    blocks.push(
      context(
        `…and ${left} more commitment${left === 1 ? '' : 's'} not shown (Slack shows at most ${MAX_BLOCKS} blocks). Use \`/sla status <commitment-id>\` for any one of them.`,
      ),
    );
  }
  const lines = input.groups.flatMap((g) =>
    [...g.items].sort(bySeverity).map((item) => `• ${plainStatusLine(item, input.departments)}`),
  );
  const text = [`${input.heading}: ${countsText(input.groups.flatMap((g) => g.items))}`, ...lines].join('\n');
  return { response_type: input.public ? 'in_channel' : 'ephemeral', text, blocks };
}

/** `3 commitments: 1 at risk, 2 on track` */
export function countsText(items: StatusItem[]): string {
  if (items.length === 0) return 'no commitments';
  const counts = new Map<Status, number>();
  for (const item of items) counts.set(item.evaluation.status, (counts.get(item.evaluation.status) ?? 0) + 1);
  const parts = [...counts.entries()]
    .sort(([a], [b]) => SEVERITY[a] - SEVERITY[b])
    .map(([status, n]) => `${n} ${STATUS_LABEL[status].toLowerCase()}`);
  return `${items.length} commitment${items.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

export interface StatusDetailInput {
  item: StatusItem;
  departments: Departments;
  derivation?: TargetDerivation;
  alert?: AlertState;
  /** duration: the late and due-soon subjects, named under the figures. */
  lateSubjects?: LateSubjects;
  /** How many of the period's events a person typed in (Slack, the CLI, the API), not a source. */
  handEntered?: number;
  public?: boolean;
}

/** `62 leads · 3 entered by hand`: how much of the number people typed in themselves. */
export function handEnteredText(e: StatusItem['evaluation'], handEntered: number): string {
  const typed = `${handEntered === 0 ? 'none' : formatAmount(handEntered)} entered by hand`;
  return e.measure === 'total'
    ? `${formatAmount(e.actual)} ${e.unit} · ${typed}`
    : `Events this period: ${typed}`;
}

/** One commitment in full: status line, bar, figures, alert state, and how to act on it. */
export function statusDetailMessage(input: StatusDetailInput): SlackReply {
  const { item, departments } = input;
  const e = item.evaluation;
  const id = e.commitmentId;
  const blocks: Block[] = [
    header(item.title),
    section(statusText(item, departments)),
    fields(figureFields(e, input.derivation)),
    ...lateSubjectBlocks(input.lateSubjects, item.timezone),
  ];
  if (input.handEntered !== undefined)
    blocks.push(context(escapeMrkdwn(handEnteredText(e, input.handEntered))));
  const alert = alertSummary(input.alert, item.timezone);
  if (alert) blocks.push(context(alert));
  const evaluatedAt = Date.parse(e.evaluatedAt);
  const actions =
    e.measure === 'total'
      ? `\`/sla log ${id} [amount] [note]\` records work`
      : `\`/sla ack ${id}\` acknowledges an alert`;
  blocks.push(
    context(
      `\`${id}\` · ${escapeMrkdwn(nameOf(departments, item.provider))} → ${escapeMrkdwn(nameOf(departments, item.consumer))} · evaluated ${Number.isNaN(evaluatedAt) ? e.evaluatedAt : slackDate(evaluatedAt, item.timezone)} · ${actions}`,
    ),
  );
  return {
    response_type: input.public ? 'in_channel' : 'ephemeral',
    text: plainStatusLine(item, departments),
    blocks,
  };
}
