/**
 * Fitting long content into Slack messages without breaking Slack's limits or a reader's line:
 * lines are packed into sections (never splitting a line), sections into messages (never
 * splitting a section), and a group that runs over into the next message repeats its heading.
 */
import { section, type TextBlock, type TextSection } from './blocks.js';
import { clip, MAX_BLOCKS, MAX_SECTION_TEXT } from './limits.js';

/**
 * A cap on the text of one message, in UTF-8 bytes. Slack documents only per-block limits, but it
 * refuses a message whose blocks hold about 13,000 characters in all (`msg_blocks_too_long`,
 * slackapi/bolt-js#2509), so the digest stays well below that.
 */
export const MESSAGE_BYTE_BUDGET = 10_000;

/**
 * Sections holding whole entries (`separator` between them), each within the section limit. The
 * title starts the first section. An entry longer than a section on its own is cut, not dropped.
 */
export function sectionsFromEntries(
  entries: readonly string[],
  title?: string,
  separator = '\n',
): TextSection[] {
  const max = MAX_SECTION_TEXT;
  const sections: TextSection[] = [];
  let text = title ?? '';
  let hasEntries = false;
  for (const raw of entries) {
    const entry = clip(raw, max);
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

/** UTF-8 length: what a byte-counting limit sees of accented names or the sparkline's bars. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

export function blockBytes(block: TextBlock): number {
  switch (block.type) {
    case 'header':
    case 'section':
      return utf8Length(block.text.text);
    case 'context':
      return block.elements.reduce((sum, e) => sum + utf8Length(e.text), 0);
    case 'divider':
      return 0;
  }
}

export interface BlockGroup {
  /** Names the group in a message's fallback text. */
  label: string;
  /** Blocks that open the group; `continued` when it resumes in a new message. */
  heading(continued: boolean): TextBlock[];
  /** Blocks that are never split across messages. */
  items: TextBlock[];
}

export interface PackedMessage {
  blocks: TextBlock[];
  labels: string[];
}

/** Packs groups, in order, into as few messages as the limits allow; a pack always starts a new message. */
export function packMessages(groups: readonly BlockGroup[], budget = MESSAGE_BYTE_BUDGET): PackedMessage[] {
  const messages: PackedMessage[] = [];
  let current: PackedMessage = { blocks: [], labels: [] };
  let bytes = 0;
  const flush = () => {
    if (current.blocks.length > 0) messages.push(current);
    current = { blocks: [], labels: [] };
    bytes = 0;
  };
  const size = (blocks: TextBlock[]) => blocks.reduce((sum, b) => sum + blockBytes(b), 0);
  const fits = (extra: TextBlock[]) =>
    current.blocks.length + extra.length <= MAX_BLOCKS && bytes + size(extra) <= budget;
  const add = (extra: TextBlock[]) => {
    current.blocks.push(...extra);
    bytes += size(extra);
  };

  for (const group of groups) {
    let started = false;
    let open = false; // whether the group's heading is in the current message
    const items = group.items.length > 0 ? group.items : [undefined];
    for (const item of items) {
      const body = item ? [item] : [];
      if (open && !fits(body)) {
        flush();
        open = false;
      }
      if (open) {
        add(body);
      } else {
        const opening = [...group.heading(started), ...body];
        if (current.blocks.length > 0 && !fits(opening)) flush();
        add(opening);
        current.labels.push(group.label);
        open = true;
      }
      started = true;
    }
  }
  flush();
  return messages;
}
