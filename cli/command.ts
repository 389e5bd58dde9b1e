import type { OptionSpecs, ParsedArgs } from './args.js';
import type { Paint } from './color.js';
import type { ExitCode } from './exit-codes.js';
import type { ApiClient } from './http-client.js';

/** Everything the CLI touches outside itself, so tests can run it without a terminal or a clock. */
export interface CliIo {
  /** Writes one line (a newline is added) to standard output. */
  stdout(text: string): void;
  /** Writes raw text to standard output, for CSV and other machine-read output. */
  stdoutRaw(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
  /** This machine's time, for durations such as `snooze --for 4h`. */
  now(): number;
  /** A fresh idempotency key (`cli-<uuid>`). */
  newId(): string;
  readFile(path: string): string;
  /** Writes a file the user named (a chart). */
  writeFile(path: string, data: Uint8Array): void;
  /** Colours for a person at a terminal; plain text when absent (pipes, NO_COLOR, tests). */
  paint?: Paint;
}

export interface CommandContext {
  io: CliIo;
  api: ApiClient;
}

export interface Command {
  name: string;
  /** One line for the command list of `sla --help`. */
  summary: string;
  /** The body of `sla <name> --help`: usage lines, what it does, its options. */
  help: string;
  options: OptionSpecs;
  /** Works on this machine alone: no API, so the API options do not apply. */
  offline?: boolean;
  /** Left out of `sla --help` (used by the shell completion scripts). */
  hidden?: boolean;
  run(args: ParsedArgs, context: CommandContext): Promise<ExitCode | undefined>;
}

/** Prints a value for scripts: stable, indented JSON. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2));
}

export const commitmentPath = (id: string, rest = '') => `/v1/commitments/${encodeURIComponent(id)}${rest}`;
