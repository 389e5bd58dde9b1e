import type { ItemKey } from './keys.js';

/** Where an item stands: its key and, when an index lists it, its entry there. */
export type ItemPlace = ItemKey & { gsi1pk?: string; gsi1sk?: string; gsi2pk?: string; gsi2sk?: string };

/** An item as the document client reads and writes it. */
export type Item = Record<string, unknown>;

/**
 * How one item type is stored, described once: `toItem` gives its keys, index entries, type and
 * attributes; `fromItem` turns a stored item back into the value, so no reader casts items itself.
 */
export interface ItemCodec<T> {
  readonly type: string;
  toItem(value: T): Item;
  fromItem(item: Item): T;
}

/** Attributes of the table itself, not of the value: keys, index keys and the item's type. */
const TABLE_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'type']);

/** An item's own attributes, without the table's. */
export function valueAttributes(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !TABLE_ATTRIBUTES.has(name)));
}

/**
 * A codec for an item type that stores the value's fields as they are: `keysOf` places it in the
 * table (keys and, where it is listed, index entries), `extra` adds attributes of the table's own
 * (a TTL), and `read` shapes what comes back (the one place its stored form is trusted as `T`).
 */
export function itemCodec<T extends object>(
  type: string,
  keysOf: (value: T) => ItemPlace,
  options: { extra?: (value: T) => Item; read?: (attributes: Item) => T } = {},
): ItemCodec<T> {
  const read = options.read ?? ((attributes: Item) => attributes as T);
  return {
    type,
    toItem: (value) => ({ ...keysOf(value), type, ...value, ...options.extra?.(value) }),
    fromItem: (item) => read(valueAttributes(item)),
  };
}
