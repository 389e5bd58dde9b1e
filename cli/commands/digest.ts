import { flag, positionals, stringOption } from '../args.js';
import { type Command, printJson } from '../command.js';
import { UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';

export const digestCommand: Command = {
  name: 'digest',
  summary: 'print the weekly digest',
  help: `Usage: sla digest [--week 2026-W48] [--json]

The executives' weekly digest: which commitments are met, at risk or breached, the trend, who
owes service credits, which agreements are due for review. A week already sent shows the
state when it was sent (by the digest schedule, Monday 08:00 by default), whenever you ask; a week
not sent yet shows the state as of now and says so.

Options:
  --week KEY   an ISO week such as 2026-W48 (default: the week that ended last)
  --json       print the digest as JSON`,
  options: { week: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, { io, api }) {
    positionals(args, 'digest', [], 0);
    const week = stringOption(args, 'week');
    if (week !== undefined && !/^\d{4}-W\d{2}$/.test(week)) {
      throw new UsageError(`--week must be an ISO week such as 2026-W48, got '${week}'`, 'digest');
    }
    const digest = await api.request<{ text?: string }>('GET', '/v1/digest', { query: { week } });
    if (flag(args, 'json') || typeof digest?.text !== 'string') printJson(io, digest);
    else io.stdout(digest.text.trimEnd());
    return EXIT.ok;
  },
};
