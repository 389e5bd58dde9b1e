import { type AttributeValue, type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

/**
 * An item's size as DynamoDB bills it (names + values; numbers take about one byte per two
 * significant digits plus one; lists and maps 3 bytes plus 1 per element). Writes cost one unit
 * per started KB of this, reads one per started 4 KB; storage adds 100 bytes per item.
 */
export function itemBytes(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + valueBytes(value),
    0,
  );
}

function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return numberBytes(value.N);
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.L !== undefined) return 3 + value.L.reduce((sum, v) => sum + 1 + valueBytes(v), 0);
  if (value.M !== undefined) {
    return (
      3 + Object.entries(value.M).reduce((sum, [k, v]) => sum + 1 + Buffer.byteLength(k) + valueBytes(v), 0)
    );
  }
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + numberBytes(n), 0);
  return 0;
}

function numberBytes(text: string): number {
  const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

/** Reads items by key with the low-level client (raw attribute values) and measures each. */
export async function measureItems(
  client: DynamoDBClient,
  tableName: string,
  keys: Record<string, { pk: string; sk: string }>,
): Promise<Record<string, number | null>> {
  const sizes: Record<string, number | null> = {};
  for (const [name, key] of Object.entries(keys)) {
    const out = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: key.pk }, sk: { S: key.sk } } }),
    );
    sizes[name] = out.Item ? itemBytes(out.Item) : null;
  }
  return sizes;
}
