/**
 * Configuration text (YAML, or strict JSON) read and validated. Apart from config.ts because the
 * YAML parser is large: the code that reads a config from text loads this module when it needs
 * it, so a function that never reads config text does not load the parser at cold start.
 */
import { parseConfig } from './config.js';
import { type ConfigSource, readConfigSource } from './config-source.js';
import { formatLimit, MAX_CONFIG_BYTES } from './limits.js';
import type { SlaConfig } from './model.js';
import { ValidationError } from './validation-error.js';

/** Parses YAML (the default; it also reads JSON) or strict JSON text. */
export function parseConfigText(text: string, format: 'yaml' | 'json' = 'yaml'): SlaConfig {
  const source = openConfigText(text, format);
  try {
    return parseConfig(source.data);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(error.issues.map(source.locate));
    throw error;
  }
}

/** Reads configuration text no larger than a stored config can be, ready to validate. */
export function openConfigText(text: string, format: 'yaml' | 'json'): ConfigSource {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_CONFIG_BYTES) {
    throw new ValidationError([
      {
        path: '',
        message: `the configuration is ${formatLimit(bytes)} bytes; it must be at most ${formatLimit(MAX_CONFIG_BYTES)} bytes (${MAX_CONFIG_BYTES / 1024} KB)`,
      },
    ]);
  }
  return readConfigSource(text, format);
}
