import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createHolidaySources } from '../shared/adapters/holidays/holiday-sources.js';
import { applyConfig } from '../shared/app/commitments.js';
import type { StoreDeps } from '../shared/app/deps.js';
import { CodedError } from '../shared/domain/coded-error.js';
import type { Plan } from '../shared/domain/plan.js';
import { ValidationError } from '../shared/domain/validation-error.js';

export class ConfigFileError extends CodedError {
  readonly code = 'CONFIG_FILE';
}

/** Applies SLA_CONFIG when the store has no configuration yet (the first start); its plan, if so. */
export async function applyConfigFileIfEmpty(
  stores: StoreDeps,
  configPath: string,
): Promise<Plan | undefined> {
  if (await stores.commitments.getConfig()) return undefined;
  const configText = readConfig(configPath);
  try {
    return (
      await applyConfig(stores, {
        text: configText,
        dryRun: false,
        holidaySources: createHolidaySources((path) => readBeside(configPath, path)),
        // The runtime applies the example on its first start, as the local admin would.
        actor: { by: 'local', via: 'schedule' },
      })
    ).plan;
  } catch (error) {
    if (error instanceof ValidationError) {
      // One line, every problem named: `path: what to fix (line N)`.
      const problems = error.issues
        .map((i) => `${i.path}: ${i.message}${i.line === undefined ? '' : ` (line ${i.line})`}`)
        .join('; ');
      throw new ConfigFileError(`SLA_CONFIG ${configPath} is invalid: ${problems}`);
    }
    throw error;
  }
}

/** A file the configuration names (an .ics of holidays), beside it; undefined when absent. */
function readBeside(configPath: string, path: string): string | undefined {
  try {
    return readFileSync(join(dirname(configPath), path), 'utf8');
  } catch {
    return undefined;
  }
}

function readConfig(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigFileError(
      `SLA_CONFIG ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): point SLA_CONFIG at a commitments YAML file.`,
    );
  }
}
