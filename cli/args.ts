import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { didYouMean } from './suggest.js';

/** One option of a command, in the shape `util.parseArgs` takes. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** The one option every command understands. */
export const HELP_OPTION: OptionSpecs = { help: { type: 'boolean', short: 'h' } };

/** Options every command that talks to the API understands. */
export const COMMON_OPTIONS: OptionSpecs = {
  api: { type: 'string' },
  sign: { type: 'boolean' },
  ...HELP_OPTION,
};

/** The shared options a command accepts: the API's, unless it works offline. */
export function commonOptionsOf(command: { offline?: boolean }): OptionSpecs {
  return command.offline ? HELP_OPTION : COMMON_OPTIONS;
}

/** Everything one command accepts. */
export function allOptions(command: { options: OptionSpecs; offline?: boolean }): OptionSpecs {
  return { ...commonOptionsOf(command), ...command.options };
}

const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

/**
 * Parses one command's arguments strictly: unknown options and missing values are usage errors
 * that name the command. A negative number such as `-3` is taken as a value, not as an option,
 * so `sla record leads -3 --correction` reads as people expect.
 */
export function parseCommandArgs(
  command: string,
  argv: string[],
  options: OptionSpecs,
  common: OptionSpecs = COMMON_OPTIONS,
): ParsedArgs {
  const all = { ...common, ...options };
  const kept: string[] = [];
  const keptIndex: number[] = [];
  const negatives: Array<{ index: number; value: string }> = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    const name = valueOptionName(arg, all);
    const next = argv[index + 1];
    if (name !== undefined && next !== undefined) {
      // `--note -3` and `--reason "-- see ticket"` are values, which parseArgs would call ambiguous.
      kept.push(`--${name}=${next}`);
      keptIndex.push(index);
      index++;
    } else if (NEGATIVE_NUMBER.test(arg)) {
      negatives.push({ index, value: arg });
    } else {
      kept.push(arg);
      keptIndex.push(index);
    }
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: kept, options: all, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError(readableParseError(error as Error, all), command);
  }
  const positionals = [
    ...(parsed.tokens ?? []).flatMap((token) =>
      token.kind === 'positional'
        ? [{ index: keptIndex[token.index] ?? token.index, value: token.value }]
        : [],
    ),
    ...negatives,
  ]
    .sort((a, b) => a.index - b.index)
    .map((p) => p.value);
  return { values: parsed.values as ParsedArgs['values'], positionals };
}

/** The long name of a string option written without `=` (`--note`, `-f`), else undefined. */
function valueOptionName(arg: string, options: OptionSpecs): string | undefined {
  if (arg.includes('=')) return undefined;
  if (arg.startsWith('--')) return options[arg.slice(2)]?.type === 'string' ? arg.slice(2) : undefined;
  if (/^-[a-zA-Z]$/.test(arg)) {
    return Object.entries(options).find(([, o]) => o.short === arg.slice(1) && o.type === 'string')?.[0];
  }
  return undefined;
}

/** Node's messages mention internals (`parseArgs`, `strict:false`); keep only what to fix. */
function readableParseError(error: Error, options: OptionSpecs): string {
  const code = (error as { code?: string }).code;
  const option = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? error.message}${
        option?.startsWith('--')
          ? didYouMean(
              option,
              Object.keys(options).map((name) => `--${name}`),
            )
          : ''
      }`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (error.message.includes('argument missing')) return `option ${option ?? ''} needs a value`;
      if (error.message.includes('does not take an argument')) return `option ${option ?? ''} takes no value`;
      return error.message.split('\n')[0] ?? error.message;
    default:
      return error.message.split('\n')[0] ?? error.message;
  }
}

/** A string option's value, or undefined. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** A string option the command cannot do without. */
export function requiredOption(args: ParsedArgs, name: string, command: string): string {
  const value = stringOption(args, name);
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`, command);
  return value;
}

/** Exactly `min`..`max` positionals, named for the message. */
export function positionals(args: ParsedArgs, command: string, names: string[], min: number): string[] {
  if (args.positionals.length < min) {
    throw new UsageError(`missing ${names.slice(args.positionals.length, min).join(' and ')}`, command);
  }
  if (args.positionals.length > names.length) {
    const extra = args.positionals.slice(names.length).join(' ');
    throw new UsageError(`unexpected argument ${extra}`, command);
  }
  return args.positionals;
}

/** At most one of several mutually exclusive flags; returns the one given. */
export function oneOf<T extends string>(
  args: ParsedArgs,
  names: readonly T[],
  command: string,
): T | undefined {
  const given = names.filter((name) => args.values[name] !== undefined && args.values[name] !== false);
  if (given.length > 1) {
    throw new UsageError(`give only one of ${given.map((n) => `--${n}`).join(', ')}`, command);
  }
  return given[0];
}

/** An ISO-8601 instant with its offset, as the API requires (`2026-11-18T10:00:00-05:00`). */
export function isoInstant(value: string, option: string, command: string): string {
  const withOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
  if (!withOffset.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(
      `--${option} must be an ISO-8601 date-time with an offset, e.g. 2026-11-18T10:00:00-05:00 (got '${value}')`,
      command,
    );
  }
  return value;
}
