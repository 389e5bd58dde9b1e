import { Duration } from 'luxon';
import { InvalidDurationError, parseDuration } from '../../shared/domain/duration.js';
import { localTimeWords } from '../../shared/presentation/local-time-words.js';
import { flag, isoInstant, oneOf, positionals, requiredOption } from '../args.js';
import { type Command, printJson } from '../command.js';
import { ApiError, UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';

/** `4h` → `PT4H`, `1d` → `PT24H`: elapsed time, which is what the local clock moves by. */
export function isoDuration(text: string): string {
  try {
    const ms = parseDuration(text);
    if (ms <= 0) throw new UsageError('--advance must be longer than zero', 'clock');
    return (
      Duration.fromMillis(ms).shiftTo('hours', 'minutes', 'seconds', 'milliseconds').toISO() ??
      `PT${ms / 1000}S`
    );
  } catch (error) {
    if (error instanceof InvalidDurationError) throw new UsageError(`--advance: ${error.message}`, 'clock');
    throw error;
  }
}

interface ClockMove {
  from: string;
  to: string;
  ran: Array<{ job: string; at: string }>;
  /** The company's zone, in which the times are shown (never this machine's). */
  timezone?: string;
}

/** `Local clock: Wed Nov 18, 2026, 10:00 EST`. */
export function renderClockNow(answer: { now: string; timezone?: string }): string {
  return `Local clock: ${localTimeWords(answer.now, answer.timezone)}`;
}

/** `Local clock moved from … to …; ran evaluate ×96, digest ×1.` */
export function renderClockMove(move: ClockMove): string {
  const counts = new Map<string, number>();
  for (const { job } of move.ran) counts.set(job, (counts.get(job) ?? 0) + 1);
  const ran = [...counts].map(([job, count]) => `${job} ×${count}`).join(', ');
  const at = (iso: string) => localTimeWords(iso, move.timezone);
  return `Local clock moved from ${at(move.from)} to ${at(move.to)}; ${ran ? `ran ${ran}` : 'no schedule fell due'}.`;
}

const CLOCK_MOVE_TIMEOUT_MS = 10 * 60_000;

export const clockCommand: Command = {
  name: 'clock',
  summary: "show or move the local runtime's clock (local runtime only)",
  help: `Usage: sla clock [--json]
       sla clock --advance DURATION | --to ISO [--json]

Without options: the local runtime's time. With --advance or --to: moves the clock forward
(never back) and runs every schedule that falls due on the way, as the cloud scheduler would:
the evaluator and the Monday digest. Only \`npm start\` has this clock; a deployed stack does not.

Options:
  --advance DURATION   e.g. P1D, 4h, 1w
  --to ISO             e.g. 2026-12-01T00:00:00-05:00
  --json               print the API's answer as JSON`,
  options: { advance: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, { io, api }) {
    positionals(args, 'clock', [], 0);
    const which = oneOf(args, ['advance', 'to'] as const, 'clock');
    const body =
      which === undefined
        ? undefined
        : which === 'advance'
          ? { advance: isoDuration(requiredOption(args, 'advance', 'clock')) }
          : { to: isoInstant(requiredOption(args, 'to', 'clock'), 'to', 'clock') };
    let answer: unknown;
    try {
      answer =
        body === undefined
          ? await api.request('GET', '/local/clock')
          : // A move of weeks runs every evaluation on the way, which takes a while.
            await api.request('POST', '/local/clock', { json: body, timeoutMs: CLOCK_MOVE_TIMEOUT_MS });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        io.stderr(`${api.baseUrl} has no clock to move: only the local runtime (npm start) has one.`);
      }
      throw error;
    }
    if (flag(args, 'json')) printJson(io, answer);
    else if (isMove(answer)) io.stdout(renderClockMove(answer));
    else if (typeof (answer as { now?: unknown })?.now === 'string')
      io.stdout(renderClockNow(answer as { now: string; timezone?: string }));
    else printJson(io, answer);
    return EXIT.ok;
  },
};

function isMove(answer: unknown): answer is ClockMove {
  return (
    typeof answer === 'object' &&
    answer !== null &&
    typeof (answer as ClockMove).to === 'string' &&
    Array.isArray((answer as ClockMove).ran)
  );
}
