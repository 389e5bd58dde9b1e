/**
 * The `/sla` command language, parsed from the text Slack sends. Pure: what to do with a command
 * is `command-runner.ts`'s job. Usage mistakes become an `invalid` command that says what to type.
 */
import { unescapeSlack } from './blocks.js';

export const SUBCOMMANDS = ['status', 'log', 'ack', 'snooze', 'excuse', 'approve', 'reject', 'help'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

export type SlaCommand =
  | { kind: 'mine'; public: boolean }
  | { kind: 'status'; target: string; public: boolean }
  | { kind: 'help' }
  | { kind: 'log'; commitmentId: string; amount: number; note?: string }
  | { kind: 'ack'; commitmentId: string; note?: string }
  | { kind: 'snooze'; commitmentId: string; duration: string }
  | { kind: 'excuse'; commitmentId: string; from: string; to: string; causedBy: string; reason: string }
  /** `/sla excuse <commitment>` alone: the same claim, filled in a Slack form. */
  | { kind: 'excuseForm'; commitmentId: string }
  | { kind: 'decideExcusal'; commitmentId: string; excusalId: string; decision: 'approve' | 'reject' }
  /** A first word that is no subcommand: maybe a commitment or department id typed without `status`. */
  | { kind: 'unknown'; word: string; rest: string[] }
  | { kind: 'invalid'; subcommand: Subcommand; problem: string };

export const USAGE: Record<Subcommand | 'mine', string> = {
  mine: '`/sla` — the commitments of your department(s)',
  status: '`/sla status <commitment-id | department-id> [public]` — one commitment or one department',
  log: '`/sla log <commitment-id> [amount] [note]` — record work by hand (amount defaults to 1)',
  ack: '`/sla ack <commitment-id> [note]` — take on the open alert: escalation stops',
  snooze:
    '`/sla snooze <commitment-id> <duration>` — hold escalation, e.g. `4h`, `1bd` (one business day of its calendar) or `1d` (24 hours)',
  excuse:
    '`/sla excuse <commitment-id>` — record that another department caused a shortfall, in a form (from, to, caused by, reason); or all in one line: `/sla excuse <commitment-id> <from> <to> <caused-by> <reason>`, from and to as dates (`2026-11-09`, whole local days) or date-times',
  approve:
    '`/sla approve <commitment-id> <excusal-id>` — accept an excusal that blames your department: it then lowers the target or pauses timers',
  reject: '`/sla reject <commitment-id> <excusal-id>` — turn down an excusal that blames your department',
  help: '`/sla help` — this list',
};

const HELP_WORDS = new Set(['help', '?', '-h', '--help', 'h']);
const PUBLIC = 'public';
const NUMBER = /^\+?(\d+(\.\d+)?|\.\d+)$/;
const LOOKS_NUMERIC = /^[-+]?[\d.,]+$/;

/** Words, and the text after the first `count` words as typed (for notes). */
function split(text: string): { words: string[]; after: (count: number) => string } {
  const words: string[] = [];
  const ends: number[] = [];
  for (const match of text.matchAll(/\S+/gu)) {
    words.push(match[0]);
    ends.push((match.index ?? 0) + match[0].length);
  }
  return {
    words,
    after: (count) => (count === 0 ? text : text.slice(ends[count - 1] ?? text.length)).trim(),
  };
}

const id = (word: string) => word.toLowerCase();
const noteOf = (text: string) => (text === '' ? undefined : text);

export function parseCommand(rawText: string): SlaCommand {
  const text = unescapeSlack(rawText).trim();
  const { words, after } = split(text);
  const [first, second, third] = words;
  if (first === undefined) return { kind: 'mine', public: false };
  const sub = first.toLowerCase();
  if (sub === PUBLIC && words.length === 1) return { kind: 'mine', public: true };
  if (HELP_WORDS.has(sub)) return { kind: 'help' };

  switch (sub) {
    case 'status': {
      if (second === undefined) return invalid('status', 'name a commitment or a department');
      const isPublic = third?.toLowerCase() === PUBLIC;
      if (words.length > (isPublic ? 3 : 2)) {
        return invalid('status', `one id at a time; add \`${PUBLIC}\` to show it to the channel`);
      }
      return { kind: 'status', target: id(second), public: isPublic };
    }
    case 'log': {
      if (second === undefined) return invalid('log', 'name the commitment to log work for');
      if (third !== undefined && NUMBER.test(third)) {
        const amount = Number(third.replace(/^\+/, ''));
        if (amount <= 0) return invalid('log', 'the amount must be more than 0');
        return { kind: 'log', commitmentId: id(second), amount, ...optionalNote(after(3)) };
      }
      if (third !== undefined && LOOKS_NUMERIC.test(third)) {
        return invalid(
          'log',
          `\`${third}\` is not an amount: write a positive number like \`3\` or \`2.5\` (corrections go through the API with \`"correction": true\`)`,
        );
      }
      return { kind: 'log', commitmentId: id(second), amount: 1, ...optionalNote(after(2)) };
    }
    case 'ack':
    case 'acknowledge': {
      if (second === undefined) return invalid('ack', 'name the commitment whose alert you take on');
      return { kind: 'ack', commitmentId: id(second), ...optionalNote(after(2)) };
    }
    case 'snooze': {
      if (second === undefined || third === undefined) {
        return invalid('snooze', 'name the commitment and how long, e.g. `4h` or `1bd` (one business day)');
      }
      if (words.length > 3) return invalid('snooze', 'write the duration as one word, e.g. `1bd4h`');
      return { kind: 'snooze', commitmentId: id(second), duration: third };
    }
    case 'excuse': {
      const [, commitment, from, to, causedBy] = words;
      if (commitment === undefined) return invalid('excuse', 'name the commitment');
      if (from === undefined) return { kind: 'excuseForm', commitmentId: id(commitment) };
      if (to === undefined || causedBy === undefined) {
        return invalid('excuse', 'name the commitment, from, to, the department that caused it and why');
      }
      const reason = after(5);
      if (reason === '') return invalid('excuse', 'say why, in a few words, after the department');
      return { kind: 'excuse', commitmentId: id(commitment), from, to, causedBy: id(causedBy), reason };
    }
    case 'approve':
    case 'reject': {
      if (second === undefined || third === undefined || words.length > 3) {
        return invalid(sub, 'name the commitment and the excusal id (the request message shows it)');
      }
      return { kind: 'decideExcusal', commitmentId: id(second), excusalId: third, decision: sub };
    }
    default:
      return { kind: 'unknown', word: first, rest: words.slice(1) };
  }
}

function optionalNote(text: string): { note?: string } {
  const note = noteOf(text);
  return note === undefined ? {} : { note };
}

function invalid(subcommand: Subcommand, problem: string): SlaCommand {
  return { kind: 'invalid', subcommand, problem };
}
