/**
 * An alert as a Slack message: what happened, the status line and figures, who it went to, and
 * the Acknowledge / Snooze buttons while there is something to act on. Also where an alert goes
 * (channels and direct messages) and how it reads once someone reacted.
 */
import type { AlertState, NotificationKind } from '../domain/alerts/alert-state.js';
import { parseSpan, spanWords } from '../domain/duration.js';
import type { NotifyTarget } from '../domain/model.js';
import type { OutgoingNotification } from '../ports/alert-store.js';
import { localTimeWords } from '../presentation/local-time-words.js';
import {
  actions,
  type Block,
  button,
  channelMention,
  context,
  escapeMrkdwn,
  fields,
  header,
  section,
  slackDate,
  who,
} from './blocks.js';
import {
  ACK_ACTION,
  type AlertButtonValue,
  encodeAlertValue,
  LEGACY_SNOOZE_FOR,
  SNOOZE_ACTION,
} from './interaction-ids.js';
import { lateSubjectBlocks } from './late-subject-blocks.js';
import { type Departments, figureFields, type StatusItem, statusText } from './status-blocks.js';

export interface SlackRecipient {
  /** A channel id, or a user id for a direct message. */
  channel: string;
  kind: 'channel' | 'dm';
  department: string;
  /** The notify targets that resolved here (`provider`, `consumer.lead`…). */
  targets: NotifyTarget[];
}

export interface SkippedTarget {
  target: NotifyTarget;
  reason: string;
}

/**
 * The Slack destinations of a step's targets: a department (or `provider` / `consumer`) means its
 * channel, `x.lead` a direct message to that department's lead. Each destination once; targets
 * without a Slack id are skipped with the reason, for the log and the message footer.
 */
export function recipientsOf(
  targets: NotifyTarget[],
  provider: string,
  consumer: string,
  departments: Departments,
): { recipients: SlackRecipient[]; skipped: SkippedTarget[] } {
  const recipients: SlackRecipient[] = [];
  const skipped: SkippedTarget[] = [];
  for (const target of targets) {
    const lead = target.endsWith('.lead');
    const base = lead ? target.slice(0, -'.lead'.length) : target;
    const id = base === 'provider' ? provider : base === 'consumer' ? consumer : base;
    const department = departments[id];
    if (!department) {
      skipped.push({ target, reason: `there is no department '${id}' in the configuration` });
      continue;
    }
    const channel = lead ? department.slack.lead : department.slack.channel;
    if (!channel) {
      skipped.push({
        target,
        reason: `${department.name} has no Slack ${lead ? 'lead' : 'channel'} in the configuration`,
      });
      continue;
    }
    const existing = recipients.find((r) => r.channel === channel);
    if (existing) existing.targets.push(target);
    else recipients.push({ channel, kind: lead ? 'dm' : 'channel', department: id, targets: [target] });
  }
  return { recipients, skipped };
}

const HEADLINE: Record<NotificationKind, (level: number) => string> = {
  at_risk: () => ':large_orange_circle: At risk',
  escalated: (level) => `:rotating_light: Escalated to level ${level}`,
  breached: () => ':red_circle: Breached',
  recovered: () => ':large_green_circle: Back on track',
  met: () => ':white_check_mark: Target met',
};

/** Kinds that leave an open alert someone should take on. */
const ACTIONABLE: ReadonlySet<NotificationKind> = new Set(['at_risk', 'escalated', 'breached']);

export const isActionable = (kind: NotificationKind) => ACTIONABLE.has(kind);

const itemOf = (n: OutgoingNotification): StatusItem => ({
  evaluation: n.evaluation,
  title: n.title,
  provider: n.provider,
  consumer: n.consumer,
});

const buttonValueOf = (n: OutgoingNotification): AlertButtonValue => ({
  commitmentId: n.commitmentId,
  period: n.period,
  episode: n.episode,
  dedupKey: n.dedupKey,
  snoozeFor: n.snoozeFor ?? LEGACY_SNOOZE_FOR,
});

/** The Snooze button says how long it snoozes, in the words of its own span: `Snooze 1 business day`. */
export function snoozeLabel(value: Pick<AlertButtonValue, 'snoozeFor'>): string {
  return `Snooze ${spanWords(parseSpan(value.snoozeFor ?? LEGACY_SNOOZE_FOR))}`;
}

export function alertButtons(value: AlertButtonValue, options: { snooze: boolean }): Block {
  const encoded = encodeAlertValue(value);
  const ack = button('Acknowledge', ACK_ACTION, encoded, 'primary');
  return options.snooze ? actions(ack, button(snoozeLabel(value), SNOOZE_ACTION, encoded)) : actions(ack);
}

function deliveryLine(n: OutgoingNotification, departments: Departments): string {
  const { recipients, skipped } = recipientsOf(n.notify, n.provider, n.consumer, departments);
  const to = recipients.map((r) => (r.kind === 'dm' ? who(r.channel) : channelMention(r.channel)));
  const parts = [
    to.length > 0 ? `Sent to ${to.join(', ')}` : 'Sent to nobody in Slack',
    ...(n.level > 0 ? [`escalation level ${n.level}`] : []),
    `\`${n.commitmentId}\` · ${n.period}`,
  ];
  const missed = skipped.map((s) => `${escapeMrkdwn(s.target)} (${escapeMrkdwn(s.reason)})`);
  if (missed.length > 0) parts.push(`not sent to ${missed.join(', ')}`);
  return parts.join(' · ');
}

function baseBlocks(n: OutgoingNotification, departments: Departments): Block[] {
  return [
    header(`${HEADLINE[n.kind](n.level)}: ${n.title}`),
    section(statusText(itemOf(n), departments)),
    ...(n.notes?.length ? [section(notesText(n.notes))] : []),
    fields(figureFields(n.evaluation)),
    ...lateSubjectBlocks(n.lateSubjects, n.timezone),
    context(deliveryLine(n, departments)),
  ];
}

/** The alert's notes as sentences: `Burning the error budget 15× … At this rate the budget runs out …`. */
function notesText(notes: string[]): string {
  return notes.map((note) => `${escapeMrkdwn(note.charAt(0).toUpperCase() + note.slice(1))}.`).join(' ');
}
/**
 * The notification's first line: its status. The lines after it name late subjects, which the
 * blocks show escaped; a notification preview needs only the status.
 */
const headline = (n: OutgoingNotification) => n.text.split('\n')[0] ?? n.text;

/** The message an alert is posted with. */
export function alertMessage(
  notification: OutgoingNotification,
  departments: Departments,
): { text: string; blocks: Block[] } {
  const blocks = baseBlocks(notification, departments);
  if (isActionable(notification.kind))
    blocks.push(alertButtons(buttonValueOf(notification), { snooze: true }));
  return { text: headline(notification), blocks };
}

/**
 * What replaces the buttons once someone reacted: who acknowledged (no buttons left), or who
 * snoozed until when (Acknowledge stays, since a snooze only postpones).
 */
export function reactionBlocks(state: AlertState, value: AlertButtonValue, zone?: string): Block[] {
  if (state.acknowledgedBy !== undefined && state.acknowledgedAt !== undefined) {
    const note = state.note ? `: “${escapeMrkdwn(state.note)}”` : '';
    return [
      context(
        `:white_check_mark: Acknowledged by ${who(state.acknowledgedBy)} ${slackDate(state.acknowledgedAt, zone)}${note}`,
      ),
    ];
  }
  if (state.snoozedBy !== undefined && state.snoozedUntil !== undefined) {
    return [
      context(`:zzz: Snoozed by ${who(state.snoozedBy)} until ${slackDate(state.snoozedUntil, zone)}`),
      alertButtons(value, { snooze: false }),
    ];
  }
  return [alertButtons(value, { snooze: true })];
}

/** The alert message after an acknowledgement or a snooze (for `chat.update`). */
export function acknowledgedMessage(
  notification: OutgoingNotification,
  departments: Departments,
  state: AlertState,
): { text: string; blocks: Block[] } {
  const blocks = [
    ...baseBlocks(notification, departments),
    ...reactionBlocks(state, buttonValueOf(notification), notification.timezone),
  ];
  return { text: `${headline(notification)} (${reactionWords(state, notification.timezone)})`, blocks };
}

/**
 * The clicked message's own blocks with its buttons replaced, for when the notification it was
 * posted from is no longer on record (claims expire after a year).
 */
export function replaceButtons(
  blocks: unknown[],
  state: AlertState,
  value: AlertButtonValue,
  zone?: string,
): unknown[] {
  return [
    ...blocks.filter((b) => (b as { type?: unknown }).type !== 'actions'),
    ...reactionBlocks(state, value, zone),
  ];
}

/**
 * An alert message once the news overtook it: the alert is over (recovered, or the target met), or
 * the commitment breached. Its buttons give way to the news, so nobody acknowledges an alert that no
 * longer exists, or an at-risk warning instead of the breach (the breach message has its own).
 */
export function closedAlertMessage(
  notification: OutgoingNotification,
  departments: Departments,
  closing: OutgoingNotification,
): { text: string; blocks: Block[] } {
  const zone = closing.timezone ?? notification.timezone;
  const news = NEWS[closing.kind === 'met' || closing.kind === 'breached' ? closing.kind : 'recovered'];
  const since =
    closing.kind === 'breached'
      ? `breached since ${localTimeWords(closing.at, zone)}`
      : `${news.word.toLowerCase()} since`;
  return {
    text: `${headline(notification)} (${since})`,
    blocks: [
      ...baseBlocks(notification, departments),
      context(`${news.emoji} ${news.word} ${slackDate(closing.at, zone)}${news.after}`),
    ],
  };
}

const NEWS = {
  recovered: { word: 'Recovered', emoji: ':white_check_mark:', after: ': no action needed any more' },
  met: { word: 'Target met', emoji: ':white_check_mark:', after: ': no action needed any more' },
  breached: { word: 'Breached since', emoji: ':red_circle:', after: ': see the breach message to act on it' },
} as const;

export function reactionWords(state: AlertState, zone?: string): string {
  if (state.acknowledgedBy !== undefined) return `acknowledged by ${who(state.acknowledgedBy)}`;
  if (state.snoozedBy !== undefined && state.snoozedUntil !== undefined) {
    return `snoozed by ${who(state.snoozedBy)} until ${slackDate(state.snoozedUntil, zone)}`;
  }
  return 'open';
}
