import { localTimeWords } from '../../shared/presentation/local-time-words.js';
import { flag, isoInstant, positionals, requiredOption, stringOption } from '../args.js';
import { type Command, commitmentPath, printJson } from '../command.js';
import { EXIT } from '../exit-codes.js';

interface ExcusalAnswer {
  excusal: { id: string; from: string; to: string; causedBy: string; reason: string; status?: string };
  periods: string[];
  duplicate: boolean;
  /** The commitment's zone, in which the window is shown. */
  timezone?: string;
}

export const excuseCommand: Command = {
  name: 'excuse',
  summary: 'record a window in which the provider could not perform because of someone else',
  help: `Usage: sla excuse COMMITMENT --from ISO --to ISO --caused-by DEPARTMENT --reason TEXT [--id ID] [--json]

The excused window scales a total's target down pro rata and pauses duration timers; the
digest shows the shortfall as excused. The same window and reason sent twice is kept once.

Options:
  --from ISO             start, e.g. 2026-11-18T09:00:00-05:00
  --to ISO               end
  --caused-by DEPARTMENT the department that caused the delay (not the provider itself)
  --reason TEXT          why, in a few words
  --id ID                an idempotency id (default: derived from the window and reason)
  --json                 print the API's answer as JSON`,
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    'caused-by': { type: 'string' },
    reason: { type: 'string' },
    id: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, { io, api }) {
    const [commitment] = positionals(args, 'excuse', ['COMMITMENT'], 1) as [string];
    const id = stringOption(args, 'id');
    const body = {
      ...(id === undefined ? {} : { id }),
      from: isoInstant(requiredOption(args, 'from', 'excuse'), 'from', 'excuse'),
      to: isoInstant(requiredOption(args, 'to', 'excuse'), 'to', 'excuse'),
      causedBy: requiredOption(args, 'caused-by', 'excuse'),
      reason: requiredOption(args, 'reason', 'excuse'),
    };
    const answer = await api.request<ExcusalAnswer>('POST', commitmentPath(commitment, '/excusals'), {
      json: body,
    });
    if (flag(args, 'json')) {
      printJson(io, answer);
      return EXIT.ok;
    }
    const { excusal } = answer;
    const at = (iso: string) => localTimeWords(iso, answer.timezone);
    const verb = answer.duplicate ? 'Already excused' : 'Excused';
    const pending = excusal.status === 'pending' ? `; pending until ${excusal.causedBy} approves it` : '';
    io.stdout(
      `${verb}: ${commitment} from ${at(excusal.from)} to ${at(excusal.to)}, caused by ${excusal.causedBy} (${answer.periods.join(', ')}; id ${excusal.id}${pending}).`,
    );
    return EXIT.ok;
  },
};

interface DecisionAnswer {
  commitmentId: string;
  excusal: { id: string; status: string; decidedBy?: string };
  changed: boolean;
}

/** `sla approve` and `sla reject`: decide an excusal that waits for the department it blames. */
function decisionCommand(decision: 'approve' | 'reject'): Command {
  return {
    name: decision,
    summary:
      decision === 'approve'
        ? 'approve a pending excusal: it then lowers the target or pauses timers'
        : 'reject a pending excusal: it never counts',
    help: `Usage: sla ${decision} COMMITMENT EXCUSAL [--json]

An excusal claimed by anyone but an admin waits until the department it blames (or an admin)
approves or rejects it; API callers are admins. Deciding the same way twice changes nothing.

Options:
  --json                 print the API's answer as JSON`,
    options: { json: { type: 'boolean' } },
    async run(args, { io, api }) {
      const [commitment, excusalId] = positionals(args, decision, ['COMMITMENT', 'EXCUSAL'], 2) as [
        string,
        string,
      ];
      const answer = await api.request<DecisionAnswer>(
        'POST',
        commitmentPath(commitment, '/excusals/decisions'),
        { json: { excusalId, decision } },
      );
      if (flag(args, 'json')) {
        printJson(io, answer);
        return EXIT.ok;
      }
      const done = answer.excusal.status === 'approved' ? 'Approved' : 'Rejected';
      io.stdout(
        `${answer.changed ? done : `Already ${done.toLowerCase()}`}: excusal ${excusalId} on ${commitment}.`,
      );
      return EXIT.ok;
    },
  };
}

export const approveCommand = decisionCommand('approve');
export const rejectCommand = decisionCommand('reject');
