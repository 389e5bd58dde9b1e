/**
 * Slack's Block Kit limits (https://docs.slack.dev/reference/block-kit) and the one place that
 * shortens text to fit them. Slack refuses a whole message when one field is too long, so every
 * builder truncates, and `clampMessage` is the last guard before a message leaves.
 */

export const MAX_BLOCKS = 50;
export const MAX_SECTION_TEXT = 3000;
export const MAX_FIELD_TEXT = 2000;
export const MAX_FIELDS = 10;
export const MAX_HEADER_TEXT = 150;
export const MAX_BUTTON_TEXT = 75;
export const MAX_BUTTON_VALUE = 2000;
export const MAX_CONTEXT_ELEMENTS = 10;
export const MAX_CONTEXT_TEXT = 2000;
/** The fallback `text` may be longer; kept short because it is what notifications show. */
export const MAX_FALLBACK_TEXT = 3000;

/** Appended where a section had to be cut, so nobody mistakes a cut text for the whole story. */
export const TRUNCATION_NOTE = '… _(cut to fit Slack)_';

const MAX_TOKEN_LENGTH = 120;

/**
 * `text` shortened to at most `max` UTF-16 units (Slack counts that way or finer), ending in
 * `marker`. It never splits a surrogate pair or a `<@U…>` / `<#C…>` / `<!date…>` token, which
 * Slack would otherwise render as garbage.
 */
export function truncate(text: string, max: number, marker = '…'): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - marker.length);
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  // A token is short; a `<` further back is literal text (headers are plain text), not a token.
  const open = text.lastIndexOf('<', cut - 1);
  if (open !== -1 && cut - open <= MAX_TOKEN_LENGTH) {
    const close = text.indexOf('>', open);
    if (close === -1 || close >= cut) cut = open;
  }
  return text.slice(0, cut).trimEnd() + marker;
}

/**
 * `text` cut to at most `max` characters exactly where the limit falls, marked with `…`. The digest
 * cuts people's words this way before it escapes them, so there is no mrkdwn token in them yet to
 * keep whole; its messages have always been cut like this, and `truncate` would end some of them
 * a character or a token earlier.
 */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

function clampTextObject(text: unknown, max: number, marker?: string): unknown {
  if (!isObject(text) || typeof text.text !== 'string') return text;
  return { ...text, text: truncate(text.text, max, marker) };
}

function clampElement(element: unknown): unknown {
  if (!isObject(element) || element.type !== 'button') return element;
  return { ...element, text: clampTextObject(element.text, MAX_BUTTON_TEXT) };
}

function clampBlock(block: unknown): unknown {
  if (!isObject(block)) return block;
  switch (block.type) {
    case 'header':
      return { ...block, text: clampTextObject(block.text, MAX_HEADER_TEXT) };
    case 'section':
      return {
        ...block,
        ...(block.text ? { text: clampTextObject(block.text, MAX_SECTION_TEXT, TRUNCATION_NOTE) } : {}),
        ...(Array.isArray(block.fields)
          ? { fields: block.fields.slice(0, MAX_FIELDS).map((f) => clampTextObject(f, MAX_FIELD_TEXT)) }
          : {}),
        ...(block.accessory ? { accessory: clampElement(block.accessory) } : {}),
      };
    case 'context':
      return {
        ...block,
        elements: (Array.isArray(block.elements) ? block.elements : [])
          .slice(0, MAX_CONTEXT_ELEMENTS)
          .map((e) => clampTextObject(e, MAX_CONTEXT_TEXT)),
      };
    case 'actions':
      return { ...block, elements: (Array.isArray(block.elements) ? block.elements : []).map(clampElement) };
    default:
      return block;
  }
}

/**
 * The message with every text within its limit and at most 50 blocks; when blocks had to go, the
 * last one kept says how many. Builders already aim to fit: this guarantees it.
 */
export function clampMessage<M extends { text: string; blocks?: unknown[] }>(message: M): M {
  const blocks = message.blocks?.map(clampBlock);
  const text = truncate(message.text, MAX_FALLBACK_TEXT);
  if (!blocks || blocks.length <= MAX_BLOCKS) return { ...message, text, ...(blocks ? { blocks } : {}) };
  const kept = blocks.slice(0, MAX_BLOCKS - 1);
  const dropped = blocks.length - kept.length;
  kept.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `…${dropped} more block${dropped === 1 ? '' : 's'} left out (Slack shows at most ${MAX_BLOCKS}).`,
      },
    ],
  });
  return { ...message, text, blocks: kept };
}
