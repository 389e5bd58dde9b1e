import { createHolidaySources } from '../../shared/adapters/holidays/holiday-sources.js';
import { readConfigText } from '../../shared/app/config-reading.js';
import { ValidationError } from '../../shared/domain/validation-error.js';
import { flag, positionals, requiredOption } from '../args.js';
import { type Command, printJson } from '../command.js';
import { besideConfig, readConfigFile } from '../config-file.js';
import { EXIT } from '../exit-codes.js';
import { renderHolidays } from '../render/holidays.js';
import { issueLine } from '../render/problem.js';

/**
 * `sla validate`: the checks `sla apply` makes, on this machine alone. The API validates with the
 * same domain code, so a file that passes here is refused there only for what needs the stored
 * state (an amendment racing another, say).
 */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a commitments file offline, with no API',
  offline: true,
  help: `Usage: sla validate -f FILE [--json]

Checks the whole file as \`sla apply\` would, without any API, AWS account or network, and
shows the holidays its calendars take from a country or an .ics file for this year and next.
Prints a summary, or every problem with its path and line and exits 2.

Options:
  -f, --file FILE   the configuration (.yaml, .yml or .json)
  --json            print {valid, commitments, departments, errors} as JSON`,
  options: {
    file: { type: 'string', short: 'f' },
    json: { type: 'boolean' },
  },
  async run(args, { io }) {
    positionals(args, 'validate', [], 0);
    const file = requiredOption(args, 'file', 'validate');
    const { text, format } = readConfigFile(io, file, 'validate');
    try {
      const { config, holidays } = await readConfigText(text, format, {
        sources: createHolidaySources(besideConfig(io, file)),
        now: io.now(),
      });
      const counts = {
        commitments: config.commitments.length,
        departments: Object.keys(config.departments).length,
      };
      if (flag(args, 'json')) printJson(io, { valid: true, ...counts, holidays, errors: [] });
      else {
        const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
        io.stdout(
          `${file} is valid: ${plural(counts.commitments, 'commitment')}, ${plural(counts.departments, 'department')}.`,
        );
        for (const line of renderHolidays(holidays)) io.stdout(line);
      }
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      if (flag(args, 'json')) {
        printJson(io, { valid: false, errors: error.issues });
      } else {
        const count = error.issues.length === 1 ? '1 problem' : `${error.issues.length} problems`;
        io.stderr(`sla: ${file} has ${count}:`);
        for (const issue of error.issues) io.stderr(`  ${issueLine(issue)}`);
      }
      return EXIT.invalid;
    }
  },
};
