/**
 * Rules shared by every kind of source: whether a delivered item matches a rule's `when`, and the
 * event a matched rule makes of it.
 */
import type { SourceRule, WhenValue } from '../domain/sources/config-sources.js';

/** Every listed field equal; a nested object matches by its own listed fields, whatever else it has. */
export function matches(item: unknown, when: Record<string, WhenValue>): boolean {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  const fields = item as Record<string, unknown>;
  return Object.entries(when).every(([field, wanted]) =>
    typeof wanted === 'object' ? matches(fields[field], wanted) : fields[field] === wanted,
  );
}

/** The rules an item matches, in the order written: one item may make events for several commitments. */
export function matchingRules(item: unknown, rules: readonly SourceRule[]): SourceRule[] {
  return rules.filter((rule) => matches(item, rule.when));
}

/** The value of a named field as text, for a rule's `subject:`; undefined when absent or not a scalar. */
export function fieldText(item: Record<string, unknown>, field: string): string | undefined {
  const value = item[field];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
