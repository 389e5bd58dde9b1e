/**
 * A transaction cancelled only because another one touched the same items is tried again, a
 * bounded number of times; what else a cancellation means is the caller's to say.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TRANSACTION_ATTEMPTS, transactWithRetries } from '../../../shared/adapters/dynamodb/transactions.js';
import { ConcurrentUpdateError } from '../../../shared/app/errors.js';
import { RETRY } from '../../../shared/app/retry-on-conflict.js';

function cancelled(codes: string[]) {
  return Object.assign(
    new Error(`Transaction cancelled, please refer cancellation reasons [${codes.join(', ')}]`),
    {
      name: 'TransactionCanceledException',
      CancellationReasons: codes.map((Code) => ({ Code })),
    },
  );
}

/** A client whose first `failures` transactions are cancelled with `codes`. */
function racing(failures: number, codes: string[]) {
  const tokens: string[] = [];
  const doc = {
    send: async (command: { input: { ClientRequestToken: string } }) => {
      tokens.push(command.input.ClientRequestToken);
      if (tokens.length <= failures) throw cancelled(codes);
      return {};
    },
  };
  return { doc: doc as unknown as DynamoDBDocumentClient, tokens };
}

const retryRaces = async (codes: string[]) => (codes.includes('TransactionConflict') ? RETRY : 'refused');

afterEach(() => vi.useRealTimers());

describe('transactWithRetries', () => {
  it('tries a transaction that lost a race again, with a fresh request token each time', async () => {
    vi.useFakeTimers();
    const table = racing(2, ['TransactionConflict']);
    const write = transactWithRetries(table.doc, 'The thing', {
      items: () => [],
      committed: () => 'accepted',
      settle: retryRaces,
    });
    await vi.runAllTimersAsync();
    expect(await write).toBe('accepted');
    expect(new Set(table.tokens).size).toBe(3);
  });

  it('takes what the caller makes of any other cancellation, without trying again', async () => {
    const table = racing(1, ['ConditionalCheckFailed']);
    const outcome = await transactWithRetries(table.doc, 'The thing', {
      items: () => [],
      committed: () => 'accepted',
      settle: retryRaces,
    });
    expect(outcome).toBe('refused');
    expect(table.tokens).toHaveLength(1);
  });

  it(`gives up after ${TRANSACTION_ATTEMPTS} attempts with an error naming what kept losing`, async () => {
    vi.useFakeTimers();
    const table = racing(Number.POSITIVE_INFINITY, ['None', 'TransactionConflict']);
    const write = transactWithRetries(table.doc, "Event 'e1' of 'c1'", {
      items: () => [],
      committed: () => 'accepted',
      settle: retryRaces,
    });
    const failed = expect(write).rejects.toBeInstanceOf(ConcurrentUpdateError);
    await vi.runAllTimersAsync();
    await failed;
    await expect(write).rejects.toThrow("Event 'e1' of 'c1' was changed by someone else");
    expect(table.tokens).toHaveLength(TRANSACTION_ATTEMPTS);
  });

  it('lets errors other than a cancellation through at once', async () => {
    const boom = Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
    const doc = { send: vi.fn().mockRejectedValue(boom) } as unknown as DynamoDBDocumentClient;
    await expect(
      transactWithRetries(doc, 'x', { items: () => [], committed: () => 'accepted', settle: retryRaces }),
    ).rejects.toBe(boom);
  });
});
