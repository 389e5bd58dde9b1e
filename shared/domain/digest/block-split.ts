/**
 * Fitting long content into Slack messages without breaking Slack's limits or a reader's line:
 * lines are packed into sections (never splitting a line), sections into messages (never
 * splitting a section), and a group that runs over into the next message repeats its heading.
 */
import { SLACK_LIMITS, type SlackBlock, truncate } from './block-kit-types.js';

/**
 * A soft cap on the text of one message. Slack documents no total beyond the per-block limits,
 * but very long posts are refused (`msg_too_long`) and are tiring to read; a dozen thousand
 * characters is a few screens.
 */
export const MESSAGE_CHAR_BUDGET = 12_000;

export type SectionBlock = Extract<SlackBlock, { type: 'section' }>;

export const section = (text: string): SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, SLACK_LIMITS.sectionText) },
});

export const header = (text: string): SlackBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: truncate(text, SLACK_LIMITS.headerText), emoji: true },
});

export const context = (text: string): SlackBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncate(text, SLACK_LIMITS.contextText) }],
});

/**
 * Sections holding whole entries (`separator` between them), each within the section limit. The
 * title starts the first section. An entry longer than a section on its own is cut, not dropped.
 */
export function sectionsFromEntries(
  entries: readonly string[],
  title?: string,
  separator = '\n',
): SectionBlock[] {
  const max = SLACK_LIMITS.sectionText;
  const sections: SectionBlock[] = [];
  let text = title ?? '';
  let hasEntries = false;
  for (const raw of entries) {
    const entry = truncate(raw, max);
    const joined = text === '' ? entry : `${text}${hasEntries ? separator : '\n'}${entry}`;
    if (joined.length <= max) {
      text = joined;
    } else {
      sections.push(section(text));
      text = entry;
    }
    hasEntries = true;
  }
  if (text !== '') sections.push(section(text));
  return sections;
}

export function blockChars(block: SlackBlock): number {
  switch (block.type) {
    case 'header':
    case 'section':
      return block.text.text.length;
    case 'context':
      return block.elements.reduce((sum, e) => sum + e.text.length, 0);
    case 'divider':
      return 0;
  }
}

export interface BlockGroup {
  /** Names the group in a message's fallback text. */
  label: string;
  /** Blocks that open the group; `continued` when it resumes in a new message. */
  heading(continued: boolean): SlackBlock[];
  /** Blocks that are never split across messages. */
  items: SlackBlock[];
}

export interface PackedMessage {
  blocks: SlackBlock[];
  labels: string[];
}

/** Packs groups, in order, into as few messages as the limits allow; the first block of a pack starts a message. */
export function packMessages(groups: readonly BlockGroup[], budget = MESSAGE_CHAR_BUDGET): PackedMessage[] {
  const messages: PackedMessage[] = [];
  let current: PackedMessage = { blocks: [], labels: [] };
  let chars = 0;
  const flush = () => {
    if (current.blocks.length > 0) messages.push(current);
    current = { blocks: [], labels: [] };
    chars = 0;
  };
  const fits = (extra: SlackBlock[]) =>
    current.blocks.length + extra.length <= SLACK_LIMITS.blocksPerMessage &&
    chars + extra.reduce((sum, b) => sum + blockChars(b), 0) <= budget;
  const add = (extra: SlackBlock[]) => {
    current.blocks.push(...extra);
    chars += extra.reduce((sum, b) => sum + blockChars(b), 0);
  };

  for (const group of groups) {
    let started = false;
    let open = false; // the group's heading is in the current message
    const items = group.items.length > 0 ? group.items : [undefined];
    for (const item of items) {
      const body = item ? [item] : [];
      let extra = open ? body : [...group.heading(started), ...body];
      if (current.blocks.length > 0 && !fits(extra)) {
        flush();
        extra = [...group.heading(started), ...body];
      }
      add(extra);
      if (!open) current.labels.push(group.label);
      open = true;
      started = true;
    }
  }
  flush();
  return messages;
}
