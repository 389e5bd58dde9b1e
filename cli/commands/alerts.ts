import { InvalidDurationError, parseDuration } from '../../shared/domain/duration.js';
import { localTimeWords } from '../../shared/presentation/local-time-words.js';
import { flag, isoInstant, oneOf, positionals, requiredOption, stringOption } from '../args.js';
import { type CliIo, type Command, commitmentPath, printJson } from '../command.js';
import { ApiError, UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { type ApiClient, isLocalApi } from '../http-client.js';

/** The alert as the ack and snooze routes return it. */
interface AlertView {
  commitmentId: string;
  period: string;
  level: number;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  note?: string;
  snoozedBy?: string;
  snoozedUntil?: string;
  /** The commitment's zone, in which the times are shown (never this machine's). */
  timezone?: string;
}

/** `Snoozed the 2026-11 alert of … until Wed Nov 18, 2026, 14:00 EST (by U1).` */
export function renderSnoozed(alert: AlertView, fallback: { until: string; by: string }): string {
  const until = localTimeWords(alert.snoozedUntil ?? fallback.until, alert.timezone);
  return `Snoozed the ${alert.period} alert of ${alert.commitmentId} until ${until} (by ${alert.snoozedBy ?? fallback.by}).`;
}

export const ackCommand: Command = {
  name: 'ack',
  summary: "acknowledge a commitment's open alert (stops its escalation)",
  help: `Usage: sla ack COMMITMENT --by WHO [--note TEXT] [--json]

Acknowledges the open alert of the commitment's current period: nobody further up is told
(a breach is still announced).

Options:
  --by WHO      who acknowledges (a Slack user id or an email)
  --note TEXT   what is being done about it
  --json        print the alert as JSON`,
  options: { by: { type: 'string' }, note: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, { io, api }) {
    const [commitment] = positionals(args, 'ack', ['COMMITMENT'], 1) as [string];
    const by = requiredOption(args, 'by', 'ack');
    const note = stringOption(args, 'note');
    const alert = await api.request<AlertView>('POST', commitmentPath(commitment, '/ack'), {
      json: { by, ...(note === undefined ? {} : { note }) },
    });
    if (flag(args, 'json')) printJson(io, alert);
    else
      io.stdout(
        `Acknowledged the ${alert.period} alert of ${alert.commitmentId} (level ${alert.level}) as ${alert.acknowledgedBy ?? by}.`,
      );
    return EXIT.ok;
  },
};

const BUSINESS_DAYS = /^\s*\d+bd/i;

/** `until` for `--for`: this machine's time plus the duration (`4h`, `1d`, `PT30M`). */
export function snoozeUntil(now: number, forText: string): string {
  try {
    return new Date(now + parseDuration(forText)).toISOString();
  } catch (error) {
    if (error instanceof InvalidDurationError) throw new UsageError(`--for: ${error.message}`, 'snooze');
    throw error;
  }
}

/**
 * The time `--for` counts from: this machine's, except against the local runtime, whose clock may
 * have been started elsewhere in time (SLA_CLOCK) or moved forward (`sla clock`).
 */
async function referenceNow(io: CliIo, api: ApiClient): Promise<number> {
  if (!isLocalApi(api.baseUrl)) return io.now();
  try {
    const { now } = await api.request<{ now?: unknown }>('GET', '/local/clock');
    const at = typeof now === 'string' ? Date.parse(now) : Number.NaN;
    return Number.isNaN(at) ? io.now() : at;
  } catch (error) {
    if (error instanceof ApiError) return io.now();
    throw error;
  }
}

export const snoozeCommand: Command = {
  name: 'snooze',
  summary: "pause a commitment's escalation for a while",
  help: `Usage: sla snooze COMMITMENT --by WHO (--for DURATION | --until ISO) [--json]

No escalation of the current alert until then (at most 30 days). --for counts from this
machine's clock, or from the local runtime's clock when the API is \`npm start\` (which may run
at another time, see SLA_CLOCK).

Options:
  --by WHO          who snoozes (a Slack user id or an email)
  --for DURATION    e.g. 4h, 1d (24 hours), 1h30m, PT8H, or 1bd (one business day of the
                    commitment's calendar, counted by the server)
  --until ISO       e.g. 2026-11-19T09:00:00-05:00
  --json            print the alert as JSON`,
  options: {
    by: { type: 'string' },
    for: { type: 'string' },
    until: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, { io, api }) {
    const [commitment] = positionals(args, 'snooze', ['COMMITMENT'], 1) as [string];
    const by = requiredOption(args, 'by', 'snooze');
    const which = oneOf(args, ['for', 'until'] as const, 'snooze');
    if (!which) throw new UsageError('give --for DURATION or --until ISO', 'snooze');
    const forText = which === 'for' ? requiredOption(args, 'for', 'snooze') : undefined;
    // Business days are counted on the commitment's calendar, which the server holds.
    const body =
      forText !== undefined && BUSINESS_DAYS.test(forText)
        ? { by, for: forText }
        : {
            by,
            until:
              forText !== undefined
                ? snoozeUntil(await referenceNow(io, api), forText)
                : isoInstant(requiredOption(args, 'until', 'snooze'), 'until', 'snooze'),
          };
    const alert = await api.request<AlertView>('POST', commitmentPath(commitment, '/snooze'), { json: body });
    if (flag(args, 'json')) printJson(io, alert);
    else io.stdout(renderSnoozed(alert, { until: 'until' in body ? (body.until as string) : '', by }));
    return EXIT.ok;
  },
};
