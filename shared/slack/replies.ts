/**
 * The short ephemeral answers of `/sla`: help, usage mistakes, unknown users and ids, and the
 * friendly "something went wrong". Every one says what to type next.
 */
import type { Department, Measure } from '../domain/model.js';
import { didYouMean } from '../domain/validation-error.js';
import { type Block, context, ephemeral, escapeMrkdwn, header, type SlackReply, section } from './blocks.js';
import { SUBCOMMANDS, type Subcommand, USAGE } from './commands.js';

const code = (text: string) => `\`${escapeMrkdwn(text.replace(/`/g, "'"))}\``;

/** `; did you mean 'x'?` when a candidate is close, else nothing. */
export const suggestion = (word: string, candidates: Iterable<string>) => didYouMean(word, candidates);

export function helpReply(): SlackReply {
  const lines = [USAGE.mine, ...SUBCOMMANDS.map((s) => USAGE[s])];
  const blocks: Block[] = [
    header('SLA tracker: /sla'),
    section(lines.map((l) => `• ${l}`).join('\n')),
    context(
      'Replies are only visible to you; add `public` to `/sla` or `/sla status <id>` to show them to the channel. Alerts carry Acknowledge and Snooze buttons.',
    ),
  ];
  return { response_type: 'ephemeral', text: `/sla commands:\n${lines.join('\n')}`, blocks };
}

export function usageReply(subcommand: Subcommand, problem: string): SlackReply {
  return ephemeral(`:warning: ${problem}.\nUsage: ${USAGE[subcommand]}`);
}

export function unknownSubcommandReply(word: string, candidates: Iterable<string>): SlackReply {
  const hint = suggestion(word, [...SUBCOMMANDS, ...candidates]);
  return ephemeral(
    `:thinking_face: I don't know ${code(word)}${hint || '.'} Type \`/sla help\` for the commands, or \`/sla status <commitment-id>\`.`,
  );
}

export function notFoundReply(id: string, candidates: Iterable<string>, what = 'commitment'): SlackReply {
  const hint = suggestion(id, candidates);
  return ephemeral(
    `:mag: There is no active ${what} ${code(id)}${hint || '.'} \`/sla\` lists your department's commitments.`,
  );
}

export function noConfigReply(): SlackReply {
  return ephemeral(
    ':construction: No commitments are configured yet. An admin applies them with `sla apply -f commitments.yaml`.',
  );
}

/** A user in no department: how to be added, and what works meanwhile. */
export function unknownUserReply(userId: string, departments: Record<string, Department>): SlackReply {
  const known = Object.values(departments)
    .map((d) => `\`${d.id}\` (${escapeMrkdwn(d.name)}${d.slack.channel ? `, <#${d.slack.channel}>` : ''})`)
    .join(', ');
  const text = [
    `:wave: You (<@${userId}>) are not in any department of the SLA tracker yet, and this channel is not a department's channel.`,
    `To be added, ask an admin to put your Slack user id \`${userId}\` under \`slack.lead\` or \`slack.members\` of your department in the commitments file and apply it (\`sla apply -f commitments.yaml\`).`,
    known ? `Departments: ${known}.` : '',
    'Meanwhile `/sla status <commitment-id>` or `/sla status <department-id>` works for anyone.',
  ]
    .filter(Boolean)
    .join('\n');
  return ephemeral(text);
}

/** `/sla log` on a measure that is not a plain count: what to do instead. */
export function notLoggableReply(id: string, measure: Exclude<Measure, 'total'>): SlackReply {
  const how: Record<typeof measure, string> = {
    ratio: `each outcome is an event with \`"outcome": "good"\` or \`"bad"\``,
    duration: `each subject (a lead, a ticket) needs \`start\` and \`stop\` events with a \`"subject"\``,
    availability: `outages are \`"phase": "down"\` / \`"up"\` events with an \`"incident"\` id`,
  };
  return ephemeral(
    `:information_source: ${code(id)} is a *${measure}* commitment, so \`/sla log\` cannot count it by hand: ${how[measure]}. Send them from your system to \`POST /v1/commitments/${id}/events\`. \`/sla log\` works for totals (counts and amounts).`,
  );
}

export function somethingWentWrongReply(): SlackReply {
  return ephemeral(
    ':warning: Something went wrong on our side; it has been logged. Please try again in a minute.',
  );
}
