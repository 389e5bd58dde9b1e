import { join } from 'node:path';
import { DEFAULT_DATA_DIR, RUNTIME_FILE, urlOfRuntimeFile } from '../shared/config/runtime-file.js';
import { commonOptionsOf, flag, parseCommandArgs, stringOption } from './args.js';
import type { CliIo, Command } from './command.js';
import { ackCommand, snoozeCommand } from './commands/alerts.js';
import { applyCommand } from './commands/apply.js';
import { auditCommand, eventsCommand, voidCommand } from './commands/audit.js';
import { chartCommand } from './commands/chart.js';
import { clockCommand } from './commands/clock.js';
import { completionCommand, idsCommand } from './commands/completion.js';
import { digestCommand } from './commands/digest.js';
import { evaluateCommand } from './commands/evaluate.js';
import { approveCommand, excuseCommand, rejectCommand } from './commands/excuse.js';
import { exportCommand, historyCommand } from './commands/history.js';
import { recordCommand } from './commands/record.js';
import { sourcesCommand } from './commands/sources.js';
import { statusCommand } from './commands/status.js';
import { subjectsCommand } from './commands/subjects.js';
import { validateCommand } from './commands/validate.js';
import { ApiError, NetworkError, UsageError } from './errors.js';
import { EXIT, EXIT_CODES_HELP, type ExitCode, exitCodeForStatus } from './exit-codes.js';
import { createApiClient, isLocalApi, type RequestSigner } from './http-client.js';
import { renderProblem } from './render/problem.js';
import { createSigV4Signer, defaultCredentials, shouldSign, signingRegion } from './sigv4.js';
import { didYouMean } from './suggest.js';
import { cliVersion } from './version.js';

export const COMMANDS: Command[] = [
  validateCommand,
  applyCommand,
  statusCommand,
  recordCommand,
  eventsCommand,
  voidCommand,
  excuseCommand,
  approveCommand,
  rejectCommand,
  ackCommand,
  snoozeCommand,
  evaluateCommand,
  digestCommand,
  historyCommand,
  exportCommand,
  chartCommand,
  subjectsCommand,
  auditCommand,
  sourcesCommand,
  clockCommand,
  completionCommand(() => COMMANDS),
  idsCommand,
];

const listed = () => COMMANDS.filter((c) => !c.hidden);

export const DEFAULT_API_URL = 'http://127.0.0.1:3000';

const COMMON_HELP = `Options for every command that talks to the API:
  --api URL    the SLA API (default: $SLA_API_URL, else the runtime that \`npm start\` runs
               from $SLA_DATA_DIR or ./${DEFAULT_DATA_DIR}, else ${DEFAULT_API_URL})
  --sign       sign requests with AWS SigV4 (automatic for *.amazonaws.com URLs); credentials
               come from the standard AWS chain, the region from the URL or AWS_REGION
  -h, --help   help for the command
  --version    the version of sla`;

function commandList(): string[] {
  const width = Math.max(...listed().map((c) => c.name.length));
  return listed().map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
}

export function mainHelp(): string {
  return [
    'sla: the SLA tracker from the terminal (commitments between departments, as code)',
    '',
    'Usage: sla COMMAND [arguments] [options]',
    '',
    'Commands:',
    ...commandList(),
    '',
    COMMON_HELP,
    '',
    EXIT_CODES_HELP,
    '',
    'Run `sla COMMAND --help` for the details of a command.',
  ].join('\n');
}

/** What `sla` alone prints: enough to get going, the rest is one `--help` away. */
export function shortHelp(): string {
  return [
    'Usage: sla COMMAND [arguments] [options]',
    '',
    'Commands:',
    ...commandList(),
    '',
    'Run `sla --help` for the options and exit codes.',
  ].join('\n');
}

/** A command's own help; what every command shares is said once, in `sla --help`. */
export function commandHelp(command: Command): string {
  const shared = command.offline ? '-h, --help' : '--api URL, --sign and -h, --help';
  return `${command.help}\n\nAlso: ${shared}. Exit codes and the shared options: sla --help`;
}

/**
 * Where the API is: --api, else SLA_API_URL, else the address the local runtime left in its data
 * folder (so `PORT=43117 npm start` needs no flag), else the default port.
 */
export function apiUrlFor(option: string | undefined, io: CliIo): string {
  if (option) return option;
  if (io.env.SLA_API_URL) return io.env.SLA_API_URL;
  try {
    const found = urlOfRuntimeFile(io.readFile(join(io.env.SLA_DATA_DIR || DEFAULT_DATA_DIR, RUNTIME_FILE)));
    if (found) return found;
  } catch {
    // No runtime has left its address: the default it is.
  }
  return DEFAULT_API_URL;
}

/** Runs one command line and returns its exit code; never throws for expected failures. */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(shortHelp());
    return EXIT.usage;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout(cliVersion());
    return EXIT.ok;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout(topic ? commandHelp(topic) : mainHelp());
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  let apiUrl = DEFAULT_API_URL;
  try {
    if (!command) {
      const known = listed().map((c) => c.name);
      throw new UsageError(`unknown command '${name}'${didYouMean(name, known)}`);
    }
    const args = parseCommandArgs(command.name, rest, command.options, commonOptionsOf(command));
    if (flag(args, 'help')) {
      io.stdout(commandHelp(command));
      return EXIT.ok;
    }
    apiUrl = apiUrlFor(stringOption(args, 'api'), io);
    const url = parseApiUrl(apiUrl);
    const signer = shouldSign(url, flag(args, 'sign')) ? await sigV4Signer(url, io) : undefined;
    const api = createApiClient({ baseUrl: apiUrl, fetch: io.fetch, signer });
    return (await command.run(args, { io, api })) ?? EXIT.ok;
  } catch (error) {
    return reportError(error, io, apiUrl);
  }
}

function parseApiUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`the API URL '${text}' is not a URL; write it like ${DEFAULT_API_URL}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`the API URL '${text}' must start with http:// or https://`);
  }
  return url;
}

async function sigV4Signer(url: URL, io: CliIo): Promise<RequestSigner> {
  return createSigV4Signer({ region: signingRegion(url, io.env), credentials: await defaultCredentials() });
}

function reportError(error: unknown, io: CliIo, apiUrl: string): ExitCode {
  if (error instanceof UsageError) {
    io.stderr(`sla: ${error.message}`);
    io.stderr(
      error.command ? `Run \`sla ${error.command} --help\` for usage.` : 'Run `sla --help` for usage.',
    );
    return EXIT.usage;
  }
  if (error instanceof ApiError) {
    const [first, ...more] = renderProblem(error.problem);
    io.stderr(`sla: ${first}`);
    for (const line of more) io.stderr(line);
    return exitCodeForStatus(error.status);
  }
  if (error instanceof NetworkError) {
    const local = isLocalApi(apiUrl);
    const hint = local
      ? '; is `npm start` running?'
      : '; check the URL (--api or SLA_API_URL) and your network';
    io.stderr(`sla: ${error.message}${hint}`);
    return EXIT.unavailable;
  }
  if (isCredentialsError(error)) {
    io.stderr(`sla: no AWS credentials to sign the request with: ${(error as Error).message}`);
    return EXIT.usage;
  }
  throw error;
}

function isCredentialsError(error: unknown): boolean {
  return error instanceof Error && error.name === 'CredentialsProviderError';
}
