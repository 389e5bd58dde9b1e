import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** DynamoDB operations that read (billed in RCUs) and that write (billed in WCUs). */
export const READ_OPERATIONS = ['Query', 'GetItem', 'BatchGetItem', 'Scan', 'TransactGetItems'] as const;
export const WRITE_OPERATIONS = [
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
] as const;

export interface RequestCounts {
  /** Operation name (`Query`, `BatchWriteItem`…) → requests the code made. */
  byOperation: Record<string, number>;
  reads: number;
  writes: number;
  /** HTTP attempts, retries included; equal to reads + writes (+ others) when nothing was retried. */
  attempts: number;
}

export interface RequestCounter {
  reset(): void;
  snapshot(): RequestCounts;
}

/**
 * Counts the requests made through a client with two middlewares: one at `initialize` (once per
 * command, whatever the retries) and one at `deserialize` (once per HTTP attempt). The document
 * client shares its client's middleware stack, so commands sent through it are counted as well.
 */
export function countRequests(client: DynamoDBClient): RequestCounter {
  let byOperation: Record<string, number> = {};
  let attempts = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = operationName(context.commandName);
      byOperation[operation] = (byOperation[operation] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchRequestCounter' },
  );
  client.middlewareStack.add(
    (next) => async (args) => {
      attempts++;
      return next(args);
    },
    { step: 'deserialize', name: 'benchAttemptCounter' },
  );
  return {
    reset() {
      byOperation = {};
      attempts = 0;
    },
    snapshot() {
      const sum = (names: readonly string[]) =>
        names.reduce((total, name) => total + (byOperation[name] ?? 0), 0);
      return {
        byOperation: { ...byOperation },
        reads: sum(READ_OPERATIONS),
        writes: sum(WRITE_OPERATIONS),
        attempts,
      };
    },
  };
}

/** `QueryCommand` → `Query`; the document client's commands carry the same names as the client's. */
function operationName(commandName: string | undefined): string {
  return (commandName ?? 'Unknown').replace(/Command$/, '');
}
