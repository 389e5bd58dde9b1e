/**
 * The digest as Slack messages. The first is the summary an executive reads in a minute
 * (headline, top risks, credits, excused shortfalls, excusals awaiting a decision, reviews due); every commitment follows, grouped by
 * provider, in replies in its thread. Long lists run on into more replies; nothing is dropped.
 */

import type { DigestFormat } from '../domain/digest/digest-format.js';
import type {
  DepartmentCredits,
  DigestCommitment,
  DigestContent,
  TopRisk,
} from '../domain/digest/digest-types.js';
import * as words from '../presentation/digest/digest-words.js';
import { type BlockGroup, packMessages, sectionsFromEntries } from './block-packing.js';
import { context, escapeMrkdwn, header, type TextBlock, who } from './blocks.js';
import { clip } from './limits.js';

export interface DigestMessage {
  /** `summary` is the first message (and any continuation of its lists); `details` are the provider groups. */
  part: 'summary' | 'details';
  blocks: TextBlock[];
  /** Plain-text fallback for notifications and clients that cannot show blocks. */
  text: string;
}

/** How many entries of each list the first message shows; the rest follow in the thread. */
export const SUMMARY_LIST_LIMIT = 8;
/** Titles are cut in the summary so that it stays a one-screen read. */
const SUMMARY_TITLE_CHARS = 90;
const DETAIL_TITLE_CHARS = 200;

const SLACK_USER = /^[UW][A-Z0-9]+$/;

const esc = (text: string, max: number) => escapeMrkdwn(clip(text, max));

export function renderDigestSlack(content: DigestContent, f: DigestFormat): DigestMessage[] {
  const lists = summaryLists(content, f);
  const summary = packMessages([
    {
      label: 'summary',
      heading: (continued) => [
        header(`Weekly SLA digest · ${content.week}${continued ? ' (continued)' : ''}`),
      ],
      items: [
        context(`${words.weekRange(content)} · state ${words.stateWords(content)}`),
        ...sectionsFromEntries([headlineLine(content, f)]),
        ...lists.flatMap((list) => sectionsFromEntries(list.shown, `*${list.title}*`)),
        context(
          content.providers.length > 0
            ? 'Every commitment, by provider, is in the thread.'
            : 'There are no active commitments.',
        ),
      ],
    },
  ]);
  const overflow = packMessages(
    lists
      .filter((list) => list.rest.length > 0)
      .map((list) => ({
        label: list.title,
        heading: (continued) => [
          header(continued ? `${list.title} (continued)` : `${list.title}: ${list.rest.length} more`),
        ],
        items: sectionsFromEntries(list.rest),
      })),
  );
  const details = packMessages(content.providers.map((p) => providerGroup(p, f)));
  const detailText = (labels: string[], i: number) =>
    `Weekly SLA digest ${content.week}, details ${i + 1} of ${details.length}: ${labels.join(', ')}`;
  return [
    ...summary.map((m) => ({
      part: 'summary' as const,
      blocks: m.blocks,
      text: `Weekly SLA digest ${content.week}: ${words.headlineWords(content.headline, f)}`,
    })),
    ...overflow.map((m) => ({
      part: 'summary' as const,
      blocks: m.blocks,
      text: `Weekly SLA digest ${content.week}: ${m.labels.join(', ').toLowerCase()}`,
    })),
    ...details.map((m, i) => ({ part: 'details' as const, blocks: m.blocks, text: detailText(m.labels, i) })),
  ];
}

function headlineLine(content: DigestContent, f: DigestFormat): string {
  const { headline } = content;
  const order = ['breached', 'at_risk', 'on_track', 'met', 'no_data'] as const;
  const counts = order.map((s) => `${f.emoji[s]} *${headline[s]}* ${f.label[s].toLowerCase()}`);
  return `${counts.join('   ')}   ·   ${headline.total} commitment${headline.total === 1 ? '' : 's'}`;
}

interface SummaryList {
  title: string;
  shown: string[];
  rest: string[];
}

function summaryLists(content: DigestContent, f: DigestFormat): SummaryList[] {
  const split = (title: string, entries: string[], none: string): SummaryList => {
    if (entries.length === 0) return { title, shown: [`_${none}_`], rest: [] };
    const shown = entries.slice(0, SUMMARY_LIST_LIMIT);
    const rest = entries.slice(SUMMARY_LIST_LIMIT);
    if (rest.length > 0) shown.push(`_…and ${rest.length} more in the thread._`);
    return { title, shown, rest };
  };
  const { credits } = content;
  return [
    split(
      'Top risks',
      content.topRisks.map((r) => riskLine(r, f)),
      'Nothing is at risk or breached.',
    ),
    split(
      `Service credits for periods closed in ${words.periodWords(credits.periodKey)}`,
      credits.period.map((c) => creditLine(c, credits.unit)),
      'None.',
    ),
    split(
      `Service credits in ${credits.quarterKey} so far`,
      credits.quarter.map((c) => creditLine(c, credits.unit)),
      'None.',
    ),
    split(
      'Excused shortfalls',
      content.excused.map(
        (x) =>
          `• ${esc(x.title, SUMMARY_TITLE_CHARS)}: ${escapeMrkdwn(words.excusedWords(x, f))}` +
          (x.reason ? ` _(${esc(x.reason, 200)})_` : ''),
      ),
      'None.',
    ),
    split(
      'Excusals awaiting a decision',
      content.pendingExcusals.map(
        (p) =>
          // Names are escaped here; the claimant becomes a mention Slack resolves to a name.
          `• ${esc(p.title, SUMMARY_TITLE_CHARS)} \`${p.commitmentId}\`: ${words.pendingExcusalWords({ ...p, causedByName: escapeMrkdwn(p.causedByName) }, who)}` +
          ` _(${esc(p.reason, 200)})_`,
      ),
      'None.',
    ),
    split(
      'Due for review',
      content.dueForReview.map((r) => `• ${esc(r.title, SUMMARY_TITLE_CHARS)}: ${words.reviewWords(r)}`),
      'None in the next two weeks.',
    ),
  ];
}

function riskLine(risk: TopRisk, f: DigestFormat): string {
  const lead = risk.owner.lead && SLACK_USER.test(risk.owner.lead) ? ` (<@${risk.owner.lead}>)` : '';
  return (
    `${f.emoji[risk.status]} *${esc(risk.title, SUMMARY_TITLE_CHARS)}* · ${f.label[risk.status]}\n` +
    `      Owner: ${escapeMrkdwn(risk.owner.name)}${lead} · ${escapeMrkdwn(risk.gapText)}`
  );
}

function creditLine(owed: DepartmentCredits, unit?: string): string {
  return `• ${escapeMrkdwn(owed.name)}: *${escapeMrkdwn(words.creditWords(owed.credits, unit))}*`;
}

function commitmentEntry(c: DigestCommitment, f: DigestFormat): string {
  const last = words.lastClosedWords(c, f);
  return [
    `${f.emoji[c.status]} *${esc(c.title, DETAIL_TITLE_CHARS)}* → ${escapeMrkdwn(c.consumerName)}  \`${c.id}\``,
    `${escapeMrkdwn(c.figures)} · *${f.label[c.status]}*`,
    escapeMrkdwn(words.progressWords(c, f)) + (last ? ` · ${escapeMrkdwn(last)}` : ''),
  ].join('\n');
}

function providerGroup(provider: DigestContent['providers'][number], f: DigestFormat): BlockGroup {
  const count = `${provider.commitments.length} commitment${provider.commitments.length === 1 ? '' : 's'}`;
  return {
    label: provider.name,
    heading: (continued): TextBlock[] => [
      header(continued ? `${provider.name} (continued)` : `${provider.name} · ${count}`),
    ],
    items: sectionsFromEntries(
      provider.commitments.map((c) => commitmentEntry(c, f)),
      undefined,
      '\n\n',
    ),
  };
}
