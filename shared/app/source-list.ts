import { isoInstant } from '../domain/instant-format.js';
import type { SourceStatsStore } from '../ports/source-stats.js';
import type { StoreDeps } from './deps.js';

export interface SourceSummary {
  name: string;
  type: string;
  /** The last delivery that passed verification, or null when none has yet. */
  lastDeliveryAt: string | null;
  recorded: number;
  duplicates: number;
  ignored: number;
  refused: number;
  rejected: number;
  lastRefusal: { at: string; reason: string } | null;
}

/**
 * Every configured source with what its deliveries came to, in the order the configuration names
 * them, and the company's zone for showing the instants to people.
 */
export async function listSources(
  deps: Pick<StoreDeps, 'commitments'> & { sourceStats?: SourceStatsStore },
): Promise<{ timezone?: string; sources: SourceSummary[] }> {
  const config = await deps.commitments.getConfig();
  const sources = Object.values(config?.sources ?? {});
  const stats = (await deps.sourceStats?.get(sources.map((s) => s.name))) ?? new Map();
  const summaries = sources.map((source): SourceSummary => {
    const s = stats.get(source.name);
    return {
      name: source.name,
      type: source.type,
      lastDeliveryAt: s?.lastDeliveryAt === undefined ? null : isoInstant(s.lastDeliveryAt),
      recorded: s?.counts.recorded ?? 0,
      duplicates: s?.counts.duplicates ?? 0,
      ignored: s?.counts.ignored ?? 0,
      refused: s?.counts.refused ?? 0,
      rejected: s?.counts.rejected ?? 0,
      lastRefusal: s?.lastRefusal ? { at: isoInstant(s.lastRefusal.at), reason: s.lastRefusal.reason } : null,
    };
  });
  return { ...(config ? { timezone: config.timezone } : {}), sources: summaries };
}
