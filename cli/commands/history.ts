import type { ClosedPeriodResult } from '../../shared/domain/close.js';
import type { Evaluation } from '../../shared/domain/evaluate.js';
import { flag, type ParsedArgs, positionals, stringOption } from '../args.js';
import { type Command, commitmentPath, printJson } from '../command.js';
import { UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import type { ApiClient } from '../http-client.js';
import { historyCsv } from '../render/csv.js';
import { renderHistoryTable } from '../render/status.js';

/** The most periods the API returns in one answer. */
const MAX_PERIODS = 120;

function periodsOption(args: ParsedArgs, command: string, fallback: number): number {
  const raw = stringOption(args, 'periods');
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_PERIODS) {
    throw new UsageError(`--periods must be a whole number from 1 to ${MAX_PERIODS}, got '${raw}'`, command);
  }
  return value;
}

export const historyCommand: Command = {
  name: 'history',
  summary: 'closed periods of a commitment, with final results and credits',
  help: `Usage: sla history COMMITMENT [--periods N] [--json]

Options:
  --periods N   how many closed periods, newest first (default 12, at most ${MAX_PERIODS})
  --json        print the results as JSON`,
  options: { periods: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, { io, api }) {
    const [commitment] = positionals(args, 'history', ['COMMITMENT'], 1) as [string];
    const periods = periodsOption(args, 'history', 12);
    const { results } = await api.request<{ results: ClosedPeriodResult[] }>(
      'GET',
      commitmentPath(commitment, '/history'),
      { query: { periods } },
    );
    if (flag(args, 'json')) printJson(io, { results });
    else io.stdout(results.length ? renderHistoryTable(results) : `No closed periods of ${commitment} yet.`);
    return EXIT.ok;
  },
};

export const exportCommand: Command = {
  name: 'export',
  summary: "a commitment's status history as CSV",
  help: `Usage: sla export COMMITMENT --csv [--period KEY] [--periods N]

Writes CSV to standard output, oldest period first, with the columns
period,status,actual,target,attainment,credit,final,creditUnit. Closed periods carry their
final result and credit; the running period comes last with final=false. Shares (attainment,
and actual and target of objectives) are percentages such as 78%, which spreadsheets read as
0.78; amounts have at most two decimals and no thousands separator.

Options:
  --csv          the format (the only one so far; required so that scripts stay explicit)
  --period KEY   only this period (e.g. 2026-11)
  --periods N    how many closed periods (default and maximum ${MAX_PERIODS})`,
  options: { csv: { type: 'boolean' }, period: { type: 'string' }, periods: { type: 'string' } },
  async run(args, { io, api }) {
    const [commitment] = positionals(args, 'export', ['COMMITMENT'], 1) as [string];
    if (!flag(args, 'csv')) throw new UsageError('give the format: --csv', 'export');
    const period = stringOption(args, 'period');
    if (period !== undefined) {
      if (stringOption(args, 'periods') !== undefined)
        throw new UsageError('give --period or --periods, not both', 'export');
      // The status route answers a closed period with its final result, an open one live.
      const status = await api.request<Evaluation>('GET', commitmentPath(commitment, '/status'), {
        query: { period },
      });
      const closed = status.final ? await closedResult(commitment, period, api) : undefined;
      io.stdoutRaw(historyCsv(closed ? [closed] : [], closed ? undefined : status));
      return EXIT.ok;
    }
    const periods = periodsOption(args, 'export', MAX_PERIODS);
    const [{ results }, current] = await Promise.all([
      api.request<{ results: ClosedPeriodResult[] }>('GET', commitmentPath(commitment, '/history'), {
        query: { periods },
      }),
      api.request<Evaluation>('GET', commitmentPath(commitment, '/status')),
    ]);
    io.stdoutRaw(historyCsv(results, current));
    return EXIT.ok;
  },
};

/** The closed result of one period (for its credit), when it is within the API's reach. */
async function closedResult(
  commitment: string,
  period: string,
  api: ApiClient,
): Promise<ClosedPeriodResult | undefined> {
  const { results } = await api.request<{ results: ClosedPeriodResult[] }>(
    'GET',
    commitmentPath(commitment, '/history'),
    { query: { periods: MAX_PERIODS } },
  );
  return results.find((r) => r.period === period);
}
