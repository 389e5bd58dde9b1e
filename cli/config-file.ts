import { extname } from 'node:path';
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
