import { flag, isoInstant, type ParsedArgs, positionals, requiredOption, stringOption } from '../args.js';
import { type Command, commitmentPath, printJson } from '../command.js';
import { UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { type AuditEntryRow, type EventRow, renderAuditTable, renderEventsTable } from '../render/audit.js';

/** The largest page the API gives. */
const MAX_PAGE = 200;

function limitOption(args: ParsedArgs, command: string): number | undefined {
  const raw = stringOption(args, 'limit');
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE) {
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_PAGE}, got '${raw}'`, command);
  }
  return value;
}

const instantOption = (args: ParsedArgs, name: string, command: string) => {
  const raw = stringOption(args, name);
  return raw === undefined ? undefined : isoInstant(raw, name, command);
};

const nextPage = (cursor: string | undefined) => (cursor ? `\nMore: repeat with --cursor ${cursor}` : '');

export const auditCommand: Command = {
  name: 'audit',
  summary: 'who changed what: the audit trail, newest first',
  help: `Usage: sla audit [--commitment ID] [--by WHO] [--since ISO] [--until ISO] [--limit N] [--cursor C] [--json]

Every change to what is measured or alerted, once each: configs applied, commitments created,
amended and archived, events recorded and voided, excusals, acknowledgements and snoozes,
periods closed with their credits, digests sent.

Options:
  --commitment ID   only this commitment's entries
  --by WHO          only entries by this author (a Slack user id, an IAM ARN, local, schedule)
  --since ISO       entries at or after this instant (with its offset)
  --until ISO       entries before this instant
  --limit N         entries per page (default 50, at most ${MAX_PAGE})
  --cursor C        the next page, as the previous page printed it
  --json            print the page as JSON`,
  options: {
    commitment: { type: 'string' },
    by: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, { io, api }) {
    positionals(args, 'audit', [], 0);
    const page = await api.request<{ entries: AuditEntryRow[]; timezone?: string; cursor?: string }>(
      'GET',
      '/v1/audit',
      {
        query: {
          commitment: stringOption(args, 'commitment'),
          by: stringOption(args, 'by'),
          since: instantOption(args, 'since', 'audit'),
          until: instantOption(args, 'until', 'audit'),
          limit: limitOption(args, 'audit'),
          cursor: stringOption(args, 'cursor'),
        },
      },
    );
    if (flag(args, 'json')) printJson(io, page);
    else if (page.entries.length === 0) io.stdout('No audit entries match.');
    else io.stdout(renderAuditTable(page.entries, page.timezone) + nextPage(page.cursor));
    return EXIT.ok;
  },
};

export const eventsCommand: Command = {
  name: 'events',
  summary: "a period's recorded events, with who recorded them and any void",
  help: `Usage: sla events COMMITMENT [--period KEY] [--source NAME] [--limit N] [--cursor C] [--json]

Lists one period's events (default: the current one), newest first.

Options:
  --period KEY    the period (e.g. 2026-11)
  --source NAME   only events from this channel (slack, cli, api, source) or sender
  --limit N       events per page (default 50, at most ${MAX_PAGE})
  --cursor C      the next page, as the previous page printed it
  --json          print the page as JSON`,
  options: {
    period: { type: 'string' },
    source: { type: 'string' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, { io, api }) {
    const [commitment] = positionals(args, 'events', ['COMMITMENT'], 1) as [string];
    const page = await api.request<{
      period: string;
      timezone?: string;
      events: EventRow[];
      cursor?: string;
    }>('GET', commitmentPath(commitment, '/events'), {
      query: {
        period: stringOption(args, 'period'),
        source: stringOption(args, 'source'),
        limit: limitOption(args, 'events'),
        cursor: stringOption(args, 'cursor'),
      },
    });
    if (flag(args, 'json')) printJson(io, page);
    else if (page.events.length === 0) io.stdout(`No events of ${commitment} in ${page.period}.`);
    else io.stdout(renderEventsTable(page.events, page.timezone) + nextPage(page.cursor));
    return EXIT.ok;
  },
};

export const voidCommand: Command = {
  name: 'void',
  summary: 'cancel one recorded event (it stops counting; only once)',
  help: `Usage: sla void COMMITMENT EVENT --by WHO --reason TEXT [--json]

Takes a total or ratio event back out of its period's numbers. Voiding it again changes nothing;
an event of a closed period cannot be voided.

Options:
  --by WHO          who voids it (a Slack user id or an email)
  --reason TEXT     why, in a few words
  --json            print the voided event as JSON`,
  options: { by: { type: 'string' }, reason: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, { io, api }) {
    const [commitment, eventId] = positionals(args, 'void', ['COMMITMENT', 'EVENT'], 2) as [string, string];
    const by = requiredOption(args, 'by', 'void');
    const reason = requiredOption(args, 'reason', 'void');
    const result = await api.request<{ commitmentId: string; event: EventRow }>(
      'POST',
      commitmentPath(commitment, `/events/${encodeURIComponent(eventId)}/void`),
      { json: { by, reason } },
    );
    if (flag(args, 'json')) printJson(io, result);
    else {
      const voided = result.event.voided;
      io.stdout(
        `Voided event ${result.event.id} of ${result.commitmentId} (${result.event.period}) by ${voided?.by ?? by}: ${voided?.reason ?? reason}. It no longer counts.`,
      );
    }
    return EXIT.ok;
  },
};
