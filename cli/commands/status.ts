import type { Evaluation } from '../../shared/domain/evaluate.js';
import { flag, positionals, stringOption } from '../args.js';
import { type Command, type CommandContext, commitmentPath, printJson } from '../command.js';
import { ApiError, UsageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { renderStatusDetail, renderStatusTable, type StatusRow } from '../render/status.js';

interface StatusList {
  evaluatedAt: string;
  statuses: StatusRow[];
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'where every commitment stands (or one commitment, or one department)',
  help: `Usage: sla status [--json]
       sla status COMMITMENT [--period KEY] [--json]
       sla status DEPARTMENT [--json]

Without an argument: a table of every active commitment in its current period.
With a commitment id: that commitment's status in detail (error budget, excused time).
With a department id: the commitments it provides or receives.

Options:
  --period KEY   a period of the commitment: 2026-11 (month), 2026-W48 (week), 2026-Q4 (quarter)
  --json         print the status objects as JSON`,
  options: { period: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, { io, api }) {
    const [target] = positionals(args, 'status', ['COMMITMENT or DEPARTMENT'], 0);
    const period = stringOption(args, 'period');
    const json = flag(args, 'json');
    if (target === undefined) {
      if (period !== undefined) throw new UsageError('--period needs a commitment id', 'status');
      const list = await api.request<StatusList>('GET', '/v1/status');
      if (json) printJson(io, list);
      else
        io.stdout(
          list.statuses.length ? renderStatusTable(list.statuses, io.paint) : 'No active commitments.',
        );
      return EXIT.ok;
    }
    let single: Evaluation & { timezone?: string };
    try {
      single = await api.request<Evaluation & { timezone?: string }>(
        'GET',
        commitmentPath(target, '/status'),
        { query: { period } },
      );
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404 || period !== undefined) throw error;
      return showDepartment(target, json, { io, api });
    }
    if (json) printJson(io, single);
    else io.stdout(renderStatusDetail(single, io.paint));
    return EXIT.ok;
  },
};

/** Not a commitment: perhaps a department, whose commitments either way are shown. */
async function showDepartment(
  department: string,
  json: boolean,
  { io, api }: CommandContext,
): Promise<ExitCode> {
  const list = await api.request<StatusList>('GET', '/v1/status');
  const statuses = list.statuses.filter((s) => s.provider === department || s.consumer === department);
  if (statuses.length === 0) {
    io.stderr(
      `sla: no commitment '${department}', and no active commitment has '${department}' as provider or consumer.`,
    );
    return EXIT.notFound;
  }
  if (json) printJson(io, { ...list, statuses });
  else io.stdout(renderStatusTable(statuses, io.paint));
  return EXIT.ok;
}
