/**
 * The Block Kit this app builds, typed with Slack's own `@slack/types` and built so that it already
 * fits Slack's limits. Text that came from people (titles, notes) is escaped before it goes into
 * mrkdwn. Alerts, replies, status lists and the digest all build their blocks here.
 */
import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  MrkdwnElement,
  SectionBlock,
} from '@slack/types';
import type { Instant } from '../domain/model.js';
import { localTimeWords } from '../presentation/local-time-words.js';
import {
  MAX_BUTTON_TEXT,
  MAX_BUTTON_VALUE,
  MAX_CONTEXT_ELEMENTS,
  MAX_CONTEXT_TEXT,
  MAX_FIELD_TEXT,
  MAX_FIELDS,
  MAX_HEADER_TEXT,
  MAX_SECTION_TEXT,
  TRUNCATION_NOTE,
  truncate,
} from './limits.js';

/** A section as this app builds it: text or fields, and at most a button beside them. */
export type Section = Omit<SectionBlock, 'accessory'> & { accessory?: Button };

/** A section that holds text, as `section` builds it. */
export type TextSection = Omit<Section, 'text'> & { text: MrkdwnElement };

/** A context of text elements, as `context` builds it (Slack's type also allows images). */
export type TextContext = Omit<ContextBlock, 'elements'> & { elements: MrkdwnElement[] };

/** A row of buttons, as `actions` builds it (Slack's type also allows menus and pickers). */
export type ButtonRow = Omit<ActionsBlock, 'elements'> & { elements: Button[] };

/** The blocks this app sends. */
export type Block = HeaderBlock | Section | TextContext | ButtonRow | DividerBlock;

/** The blocks that text alone makes: what the digest is built of. */
export type TextBlock = HeaderBlock | TextSection | TextContext | DividerBlock;

/** What a slash command or an interaction answers with. */
export interface SlackReply {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
  blocks: Block[];
}

/** Slack's three control characters in mrkdwn; anything else is shown as typed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack escapes these in slash-command text; people meant the characters. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** `<@U…>` for a Slack user id; anything else (an email from the API) as plain text. */
export function who(by: string): string {
  return SLACK_USER_ID.test(by) ? `<@${by}>` : escapeMrkdwn(by);
}

export const channelMention = (channel: string) => `<#${channel}>`;

/**
 * A time for a Slack message. Given the commitment's zone, the wall clock there with the zone's
 * abbreviation, so everyone reads the same time as the rest of the system shows; without one,
 * Slack's date token in each reader's own zone (with a UTC fallback for old clients).
 */
export function slackDate(at: Instant, zone?: string): string {
  if (zone !== undefined) return localTimeWords(at, zone);
  const fallback = `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(at / 1000)}^{date_short_pretty} at {time}|${fallback}>`;
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, MAX_HEADER_TEXT), emoji: true } };
}

export function section(text: string, accessory?: Button): TextSection {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(text, MAX_SECTION_TEXT, TRUNCATION_NOTE) },
    ...(accessory ? { accessory } : {}),
  };
}

export function fields(texts: string[]): Section {
  return {
    type: 'section',
    fields: texts
      .slice(0, MAX_FIELDS)
      .map((text) => ({ type: 'mrkdwn', text: truncate(text, MAX_FIELD_TEXT) })),
  };
}

export function context(...texts: string[]): TextContext {
  return {
    type: 'context',
    elements: texts
      .slice(0, MAX_CONTEXT_ELEMENTS)
      .map((text) => ({ type: 'mrkdwn', text: truncate(text, MAX_CONTEXT_TEXT) })),
  };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  if (value.length > MAX_BUTTON_VALUE) throw new RangeError(`button value of ${value.length} characters`);
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(text, MAX_BUTTON_TEXT), emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

export function actions(...buttons: Button[]): ButtonRow {
  return { type: 'actions', elements: buttons };
}

export const divider = (): DividerBlock => ({ type: 'divider' });

export function ephemeral(text: string, blocks?: Block[]): SlackReply {
  return { response_type: 'ephemeral', text, blocks: blocks ?? [section(text)] };
}
