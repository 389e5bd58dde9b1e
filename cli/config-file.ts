import { basename, dirname, extname, join } from 'node:path';
import { parse } from 'yaml';
import type { CliIo } from './command.js';
import { UsageError } from './errors.js';

const FORMATS: Record<string, { format: 'yaml' | 'json'; contentType: string }> = {
  '.yaml': { format: 'yaml', contentType: 'application/yaml' },
  '.yml': { format: 'yaml', contentType: 'application/yaml' },
  '.json': { format: 'json', contentType: 'application/json' },
};

export interface ConfigFile {
  text: string;
  format: 'yaml' | 'json';
  contentType: string;
}

/** Reads a commitments file for `apply` and `validate`, refusing what neither could read. */
export function readConfigFile(io: CliIo, file: string, command: string): ConfigFile {
  const kind = FORMATS[extname(file).toLowerCase()];
  if (!kind) throw new UsageError(`${file}: the file must end in .yaml, .yml or .json`, command);
  try {
    return { text: io.readFile(file), ...kind };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot read ${file} (${code})`, command);
  }
}

/** The .ics files a commitments file names under `calendars.*.holidays`, as written there. */
export function namedIcsFiles(text: string): string[] {
  let data: unknown;
  try {
    data = parse(text, { version: '1.2', schema: 'core' });
  } catch {
    return []; // the validation says what is wrong with the text
  }
  const calendars = (data as { calendars?: unknown } | null)?.calendars;
  if (typeof calendars !== 'object' || calendars === null) return [];
  return Object.values(calendars).flatMap((calendar) => {
    const holidays = (calendar as { holidays?: unknown } | null)?.holidays;
    const entries = Array.isArray(holidays) ? holidays : [holidays];
    return entries.flatMap((entry) => {
      const ics = (entry as { ics?: unknown } | null)?.ics;
      return typeof ics === 'string' ? [ics] : [];
    });
  });
}

/** Reads a file the commitments file names, beside it; undefined when it cannot be read. */
export function besideConfig(io: CliIo, configFile: string): (path: string) => string | undefined {
  return (path) => {
    try {
      return io.readFile(join(dirname(configFile), path));
    } catch {
      return undefined;
    }
  };
}

/**
 * The request body of `sla apply`: the file as it is, or, when it names .ics files, a
 * multipart/form-data upload that carries them with it (the API cannot read this machine's files).
 */
export async function applyBody(
  io: CliIo,
  file: string,
  config: ConfigFile,
): Promise<{ text: string; contentType: string }> {
  const named = config.format === 'yaml' ? namedIcsFiles(config.text) : [];
  if (named.length === 0) return { text: config.text, contentType: config.contentType };
  const form = new FormData();
  form.set('config', new Blob([config.text], { type: config.contentType }), basename(file));
  const read = besideConfig(io, file);
  for (const path of new Set(named)) {
    const text = read(path);
    // One that cannot be read is left out: the API names it in its answer, with its path.
    if (text !== undefined) form.set(path, new Blob([text], { type: 'text/calendar' }), path);
  }
  const encoded = new Response(form);
  return {
    text: await encoded.text(),
    contentType: encoded.headers.get('content-type') ?? 'multipart/form-data',
  };
}
