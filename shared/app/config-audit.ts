import type { Author } from '../domain/audit.js';
import type { Plan } from '../domain/plan.js';
import type { StoredConfig } from '../ports/commitment-store.js';
import { appendAudit, digestOf } from './audit.js';
import type { StoreDeps } from './deps.js';

/** JSON with object keys sorted, so two equal configurations read the same whatever their order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Set)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v instanceof Set
        ? [...v].sort()
        : v,
  );
}

const settings = (config: StoredConfig | undefined) => {
  if (!config) return undefined;
  const { appliedAt: _appliedAt, ...rest } = config;
  return stableJson(rest);
};

/**
 * One entry per application that changed something: a commitment (each also has its own entry) or
 * the settings (departments, calendars, escalation, digest). Keyed by the new settings and the
 * application they replace, so an apply retried before it finished finds its entry, and one
 * retried after it finished changes nothing and adds none. Written before the settings are, so a
 * crash between the two leaves a retry that finds both.
 */
export async function traceConfigApply(
  deps: StoreDeps,
  actor: Author,
  previous: StoredConfig | undefined,
  next: StoredConfig,
  plan: Plan,
): Promise<void> {
  const nextSettings = settings(next) as string;
  const changedSettings = settings(previous) !== nextSettings;
  const { create, change, archive, unchanged } = plan.counts;
  if (!changedSettings && create + change + archive === 0) return;
  await appendAudit(deps, actor, {
    action: 'config.applied',
    key: `${digestOf(nextSettings + stableJson(plan.entries))}:${previous?.appliedAt ?? 'first'}`,
    detail: {
      created: create,
      changed: change,
      archived: archive,
      unchanged,
      settingsChanged: changedSettings,
    },
  });
}
