import type { ApplyResult } from '../../shared/app/commitments.js';
import { flag, positionals, requiredOption } from '../args.js';
import type { Command } from '../command.js';
import { printJson } from '../command.js';
import { applyBody, readConfigFile } from '../config-file.js';
import { ApiError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { renderHolidays } from '../render/holidays.js';
import { planOutcome, renderPlan } from '../render/plan.js';

export const applyCommand: Command = {
  name: 'apply',
  summary: 'validate a commitments file, show the plan and apply it',
  help: `Usage: sla apply -f FILE [--dry-run] [--immediate] [--json]

Sends the whole file to the API, which validates all of it first: if anything is wrong, every
problem is listed with its path and nothing is applied. Otherwise prints the plan
(+ create, ~ change with each changed field, - archive, and how many are unchanged) and applies it.

Options:
  -f, --file FILE   the configuration (.yaml, .yml or .json)
  --dry-run         only plan; change nothing
  --immediate       amendments take effect in the running period, not from the next one
  --json            print the API's answer as JSON`,
  options: {
    file: { type: 'string', short: 'f' },
    'dry-run': { type: 'boolean' },
    immediate: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(args, { io, api }) {
    positionals(args, 'apply', [], 0);
    const file = requiredOption(args, 'file', 'apply');
    const { text, contentType } = await applyBody(io, file, readConfigFile(io, file, 'apply'));
    const dryRun = flag(args, 'dry-run');
    let result: ApplyResult;
    try {
      result = await api.request<ApplyResult>('POST', '/v1/config:apply', {
        query: { dryRun: dryRun || undefined, immediate: flag(args, 'immediate') || undefined },
        text,
        contentType,
      });
    } catch (error) {
      if (error instanceof ApiError && error.status < 500)
        io.stderr(`${file} was refused; nothing was applied.`);
      throw error;
    }
    if (flag(args, 'json')) {
      printJson(io, result);
      return EXIT.ok;
    }
    io.stdout(renderPlan(result.plan));
    for (const line of renderHolidays(result.holidays ?? [])) io.stdout(line);
    io.stdout('');
    io.stdout(planOutcome(result.plan, result.dryRun));
    return EXIT.ok;
  },
};
