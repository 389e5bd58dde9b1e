import { parse, stringify } from 'yaml';
import { saveDefinition } from '../../shared/app/commitments.js';
import { readConfigText } from '../../shared/app/config-reading.js';
import type { StoreDeps } from '../../shared/app/deps.js';
import { MAX_COMMITMENTS } from '../../shared/domain/limits.js';
import { HolidaySourceError, type HolidaySources } from '../../shared/ports/holiday-sources.js';

const noHolidaySources: HolidaySources = {
  country: async () => {
    throw new HolidaySourceError('the benchmark configuration lists its holidays', 'country');
  },
  ics: async () => {
    throw new HolidaySourceError('the benchmark configuration lists its holidays', 'ics');
  },
};

/**
 * Creates the commitments of a configuration larger than one file may be (a company splits them
 * over teams; the benchmarks need 1,000 in one table). Each slice of at most the per-file limit is
 * read and validated like an applied file, then its commitments are created as `applyConfig`
 * creates them; the non-commitment parts are stored once.
 */
export async function applyLargeConfig(deps: StoreDeps, configYaml: string): Promise<void> {
  const { commitments, ...rest } = parse(configYaml) as { commitments: unknown[] };
  const now = deps.clock.now();
  for (let from = 0; from < commitments.length; from += MAX_COMMITMENTS) {
    const slice = stringify({ ...rest, commitments: commitments.slice(from, from + MAX_COMMITMENTS) });
    const { config } = await readConfigText(slice, 'yaml', { sources: noHolidaySources, now });
    for (const definition of config.commitments) await saveDefinition(deps, undefined, definition, false);
    if (from === 0) {
      const { commitments: _commitments, ...stored } = config;
      await deps.commitments.putConfig({ ...stored, appliedAt: now });
    }
  }
}
