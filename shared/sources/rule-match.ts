/**
 * Rules shared by every kind of source: whether a delivered item matches a rule's `when`, and the
 * event a matched rule makes of it.
 */
import type { SourceRule, WhenValue } from '../domain/sources/config-sources.js';

/**
 * Whether one delivered value has the wanted one. Senders nest lists in their payloads (a Jira
 * changelog's items, a ticket's tags, a pull request's labels): a list has a value when any of its
 * entries has it, so a rule can ask for "a status change to Done" without knowing its position.
 */
function has(value: unknown, wanted: WhenValue): boolean {
  if (Array.isArray(value)) return value.some((entry) => has(entry, wanted));
  return typeof wanted === 'object' ? matches(value, wanted) : value === wanted;
}

/** Every listed field equal; a nested object matches by its own listed fields, whatever else it has. */
export function matches(item: unknown, when: Record<string, WhenValue>): boolean {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  const fields = item as Record<string, unknown>;
  return Object.entries(when).every(([field, wanted]) => has(fields[field], wanted));
}

/** The rules an item matches, in the order written: one item may make events for several commitments. */
export function matchingRules(item: unknown, rules: readonly SourceRule[]): SourceRule[] {
  return rules.filter((rule) => matches(item, rule.when));
}

/**
 * The value of a named field as text, for a rule's `subject:`; undefined when absent or not a
 * scalar. A name with dots (`issue.key`) reaches into nested objects, since most senders nest what
 * names the subject; a field whose own name holds the dots is taken first.
 */
export function fieldText(item: Record<string, unknown>, field: string): string | undefined {
  let value: unknown = item[field];
  if (value === undefined && field.includes('.')) {
    value = field
      .split('.')
      .reduce<unknown>(
        (inner, key) =>
          typeof inner === 'object' && inner !== null && !Array.isArray(inner)
            ? (inner as Record<string, unknown>)[key]
            : undefined,
        item,
      );
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
