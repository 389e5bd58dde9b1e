import { randomUUID } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { type Retry, retryOnConflict } from '../../app/retry-on-conflict.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The codes of a cancelled transaction, or undefined when the error is something else. */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
  if (reasons) return reasons.map((r) => r.Code ?? 'None');
  // Older emulators put the codes only in the message: "…reasons [ConditionalCheckFailed, None]".
  const match = /reasons \[([^\]]*)\]/.exec(error.message);
  return match?.[1] ? match[1].split(',').map((s) => s.trim()) : ['Unknown'];
}

/**
 * One token per transaction attempt: the SDK's own retries of that request reuse it, so a retry of a
 * transaction that did commit is a no-op instead of a failure. A fresh call (a client's retry) gets
 * a new token, so its events meet their conditions and are reported as duplicates.
 */
export function requestToken(): string {
  return randomUUID();
}

/** Exponential backoff with jitter, capped at a second. */
export function backoff(attempt: number): Promise<void> {
  const ms = Math.min(1000, 10 * 2 ** attempt) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** How many times in all a transaction that keeps losing races is tried before giving up. */
export const TRANSACTION_ATTEMPTS = 9;

/**
 * Writes a transaction until it commits or `settle` says what its cancellation means (a retry of
 * an event already recorded, a closed period…); when `settle` finds it was only a race (RETRY), it
 * is built and tried again after a backoff, a bounded number of times.
 */
export function transactWithRetries<T>(
  doc: DynamoDBDocumentClient,
  what: string,
  transaction: {
    items: () => TransactItem[];
    committed: () => T;
    settle: (codes: string[]) => Promise<T | Retry>;
  },
): Promise<T> {
  return retryOnConflict(
    async () => {
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: transaction.items(),
            ClientRequestToken: requestToken(),
          }),
        );
        return transaction.committed();
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        return transaction.settle(codes);
      }
    },
    { attempts: TRANSACTION_ATTEMPTS, what, pause: backoff },
  );
}
