import { flag, positionals, stringOption } from '../args.js';
import { type Command, commitmentPath, printJson } from '../command.js';
import { UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { renderSubjects, type SubjectListing } from '../render/subjects.js';

const STATES = ['open', 'overdue', 'due_soon'] as const;
/** The most subjects the API returns in one page. */
const MAX_LIMIT = 200;

export const subjectsCommand: Command = {
  name: 'subjects',
  summary: 'open subjects of a duration commitment: the late ones, the ones due soon',
  help: `Usage: sla subjects COMMITMENT [--state open|overdue|due_soon] [--limit N] [--cursor C] [--json]

Lists the subjects (leads, tickets) of a duration commitment that have started and not stopped,
with when each started, when it is due, and how late it is or how much time it has left, counted
in the commitment's business hours. Times are shown in the commitment's zone.

Options:
  --state S    open (default: every open subject, soonest due first), overdue (most overdue first)
               or due_soon (due within the next 4 business hours)
  --limit N    subjects per page (default 50, at most ${MAX_LIMIT})
  --cursor C   the next page, as the previous page printed it
  --json       print the API's answer as JSON`,
  options: {
    state: { type: 'string' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, { io, api }) {
    const [commitment] = positionals(args, 'subjects', ['COMMITMENT'], 1) as [string];
    const state = stringOption(args, 'state') ?? 'open';
    if (!(STATES as readonly string[]).includes(state)) {
      throw new UsageError(`--state must be one of ${STATES.join(', ')}, got '${state}'`, 'subjects');
    }
    const limit = stringOption(args, 'limit');
    if (limit !== undefined) {
      const value = Number(limit);
      if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT) {
        throw new UsageError(
          `--limit must be a whole number from 1 to ${MAX_LIMIT}, got '${limit}'`,
          'subjects',
        );
      }
    }
    const listing = await api.request<SubjectListing>('GET', commitmentPath(commitment, '/subjects'), {
      query: { state, limit, cursor: stringOption(args, 'cursor') },
    });
    if (flag(args, 'json')) printJson(io, listing);
    else io.stdout(renderSubjects(listing));
    return EXIT.ok;
  },
};
