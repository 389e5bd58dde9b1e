import type { RecordEventsReport } from '../../shared/app/record-events.js';
import { flag, isoInstant, oneOf, type ParsedArgs, positionals, stringOption } from '../args.js';
import { type Command, commitmentPath, printJson } from '../command.js';
import { ApiError, NetworkError, UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { issueLine } from '../render/problem.js';

const PHASES = ['start', 'pause', 'resume', 'stop'] as const;
const OUTAGE = ['down', 'up'] as const;
const OUTCOMES = ['good', 'bad'] as const;

interface MeasurementEvent {
  body: Record<string, unknown>;
  /** What was recorded, for the confirmation: `5`, `a good outcome`, `start of lead-42`. */
  what: string;
}

/**
 * The event's shape follows from the flags given; the API checks that it fits the
 * commitment's measure and names the field when it does not.
 */
export function measurementEvent(args: ParsedArgs, value: string | undefined): MeasurementEvent {
  const phase = oneOf(args, PHASES, 'record');
  const outage = oneOf(args, OUTAGE, 'record');
  const outcome = oneOf(args, OUTCOMES, 'record');
  const subject = stringOption(args, 'subject');
  const incident = stringOption(args, 'incident');
  const kinds = [
    phase || subject ? 'duration (--subject with --start/--pause/--resume/--stop)' : '',
    outage || incident ? 'availability (--incident with --down/--up)' : '',
    outcome ? 'ratio (--good/--bad)' : '',
  ].filter(Boolean);
  if (kinds.length > 1)
    throw new UsageError(`mixes the flags of ${kinds.join(' and ')}; use one kind`, 'record');
  const isTotal = kinds.length === 0;
  if (!isTotal && value !== undefined) {
    throw new UsageError(`a value (${value}) is only for totals; ${kinds[0]} events carry none`, 'record');
  }
  if (!isTotal && flag(args, 'correction')) throw new UsageError('--correction is only for totals', 'record');
  if (phase || subject) {
    if (!subject)
      throw new UsageError(`--${phase} needs --subject (the lead, ticket… being timed)`, 'record');
    if (!phase) throw new UsageError('--subject needs one of --start, --pause, --resume, --stop', 'record');
    return { body: { subject, phase }, what: `${phase} of ${subject}` };
  }
  if (outage || incident) {
    if (!incident) throw new UsageError(`--${outage} needs --incident (a name for the outage)`, 'record');
    if (!outage) throw new UsageError('--incident needs --down or --up', 'record');
    return { body: { incident, phase: outage }, what: `incident ${incident} ${outage}` };
  }
  if (outcome) return { body: { outcome }, what: `a ${outcome} outcome` };
  const amount = value === undefined ? 1 : Number(value);
  if (value !== undefined && (value.trim() === '' || !Number.isFinite(amount))) {
    throw new UsageError(`the value must be a number, got '${value}'`, 'record');
  }
  const correction = flag(args, 'correction');
  if (amount < 0 && !correction) {
    throw new UsageError(`a negative value (${value}) is a correction: add --correction`, 'record');
  }
  return {
    body: { ...(value === undefined ? {} : { value: amount }), ...(correction ? { correction: true } : {}) },
    what: correction ? `a correction of ${amount}` : String(amount),
  };
}

export const recordCommand: Command = {
  name: 'record',
  summary: 'record a measurement event (safe to retry with --id)',
  help: `Usage: sla record COMMITMENT [VALUE] [--correction]                      (total; VALUE defaults to 1)
       sla record COMMITMENT --good | --bad                                  (ratio)
       sla record COMMITMENT --subject S --start | --pause | --resume | --stop (duration)
       sla record COMMITMENT --incident I --down | --up                      (availability)

Every event has an idempotency id: sent twice, it counts once. Without --id one is generated
(cli-<uuid>) and printed; if the command fails midway, run it again with that --id.

Options:
  --id ID         the event's idempotency id
  --at ISO        when it happened (default: now, by the server's clock), e.g. 2026-11-18T10:00:00-05:00
  --note TEXT     a note kept with the event
  --correction    allow a negative VALUE that corrects an earlier mistake
  --json          print the API's answer as JSON`,
  options: {
    id: { type: 'string' },
    at: { type: 'string' },
    note: { type: 'string' },
    correction: { type: 'boolean' },
    subject: { type: 'string' },
    incident: { type: 'string' },
    json: { type: 'boolean' },
    ...Object.fromEntries(
      [...PHASES, ...OUTAGE, ...OUTCOMES].map((name) => [name, { type: 'boolean' as const }]),
    ),
  },
  async run(args, { io, api }) {
    const [commitment, value] = positionals(args, 'record', ['COMMITMENT', 'VALUE'], 1) as [string, string?];
    const event = measurementEvent(args, value);
    const given = stringOption(args, 'id');
    const id = given ?? io.newId();
    const at = stringOption(args, 'at');
    const note = stringOption(args, 'note');
    const body = {
      id,
      ...(at === undefined ? {} : { at: isoInstant(at, 'at', 'record') }),
      ...event.body,
      ...(note === undefined ? {} : { note }),
    };
    let report: RecordEventsReport;
    try {
      report = await api.request<RecordEventsReport>('POST', commitmentPath(commitment, '/events'), {
        json: body,
      });
    } catch (error) {
      const rejected = error instanceof ApiError ? reportOf(error.body) : undefined;
      if (rejected) report = rejected;
      else {
        const unsure = error instanceof NetworkError || (error instanceof ApiError && error.status >= 500);
        if (unsure) io.stderr(`Event ${id} may or may not have been recorded: run again with --id ${id}.`);
        throw error;
      }
    }
    if (flag(args, 'json')) printJson(io, { id, ...report });
    if (report.rejected.length > 0) {
      io.stderr(`Refused: event ${id} (${event.what}) on ${commitment} was not recorded.`);
      for (const issue of report.rejected.flatMap((r) => r.errors)) io.stderr(`  ${issueLine(issue)}`);
      return EXIT.invalid;
    }
    if (flag(args, 'json')) return EXIT.ok;
    if (report.duplicates > 0) {
      io.stdout(`Already recorded: event ${id} was counted before and is not counted again.`);
    } else {
      io.stdout(`Recorded ${event.what} on ${commitment} (event ${id}).`);
    }
    return EXIT.ok;
  },
};

function reportOf(body: unknown): RecordEventsReport | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const report = body as Partial<RecordEventsReport>;
  return Array.isArray(report.rejected) && typeof report.accepted === 'number'
    ? (report as RecordEventsReport)
    : undefined;
}
