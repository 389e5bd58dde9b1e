import type { Plan, PlanEntry } from '../../shared/domain/plan.js';
import { amendmentWords, proratedWords, takesEffectWords } from '../../shared/presentation/effect-words.js';
import { configValue } from './values.js';

/**
 * The plan of `sla apply` as a diff a reviewer reads like `terraform plan`:
 *
 *     + create support-first-response (prorated from Nov 27)
 *     ~ change marketing-qualified-leads, from Dec 1 (2026-12, the next period)
 *         target: 100 → 120
 *     - archive old-commitment
 *     3 unchanged
 */
export function renderPlan(plan: Plan): string {
  const lines: string[] = [];
  for (const entry of plan.entries) {
    if (entry.action === 'create') lines.push(`+ create ${entry.id}${effectText(entry)}`);
    else if (entry.action === 'archive') lines.push(`- archive ${entry.id}`);
    else if (entry.action === 'change') {
      lines.push(`~ change ${entry.id}${entry.amendment ? `, ${amendmentWords(entry.amendment)}` : ''}`);
      for (const change of entry.changes ?? [])
        lines.push(`    ${change.path}: ${changeText(change.from, change.to)}`);
    }
  }
  if (plan.counts.unchanged > 0 || lines.length === 0) lines.push(`${plan.counts.unchanged} unchanged`);
  for (const note of plan.notes ?? []) lines.push(`note: ${note}`);
  return lines.join('\n');
}

/** ` (prorated from Nov 27)` when it starts mid-period, ` (takes effect Dec 1)` when it waits. */
function effectText(entry: PlanEntry): string {
  if (!entry.effect) return '';
  const { localDate, prorated } = entry.effect;
  return ` (${prorated ? proratedWords(localDate) : takesEffectWords(localDate)})`;
}

/** The closing line: what happened, or on a dry run what would. */
export function planOutcome(plan: Plan, dryRun: boolean): string {
  const { create, change, archive } = plan.counts;
  if (create + change + archive === 0) return 'No changes: the configuration is already applied.';
  if (dryRun) {
    return `Dry run: nothing applied (${create} to create, ${change} to change, ${archive} to archive). Run without --dry-run to apply.`;
  }
  return `Applied: ${create} created, ${change} changed, ${archive} archived.`;
}

/** Long lists (a calendar's holidays from a country) are told by what was added and removed. */
const LONG_LIST = 8;

function changeText(from: unknown, to: unknown): string {
  if (Array.isArray(from) && Array.isArray(to) && Math.max(from.length, to.length) > LONG_LIST) {
    const before = new Set(from.map(configValue));
    const after = new Set(to.map(configValue));
    const added = [...after].filter((v) => !before.has(v));
    const removed = [...before].filter((v) => !after.has(v));
    const some = (values: string[]) =>
      values.length > 3 ? `${values.slice(0, 3).join(', ')}, …` : values.join(', ');
    return [
      added.length > 0 ? `${added.length} added (${some(added)})` : '',
      removed.length > 0 ? `${removed.length} removed (${some(removed)})` : '',
    ]
      .filter(Boolean)
      .join(', ');
  }
  return `${configValue(from)} → ${configValue(to)}`;
}
