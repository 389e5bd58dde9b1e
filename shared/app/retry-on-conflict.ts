import { ConcurrentUpdateError } from './errors.js';

/**
 * What an attempt returns when it lost a race (a conditional write found the item changed): the
 * attempt runs again and reads afresh. A symbol, so no store result (some are `'conflict'`) is
 * ever taken for it.
 */
export const RETRY: unique symbol = Symbol('retry');
export type Retry = typeof RETRY;

export interface RetryOptions<T> {
  /** Attempts in all, the first one included. */
  attempts: number;
  /** What is being written, named in the error when every attempt lost its race. */
  what: string;
  /** Waits before the next attempt (`attempt` is the one that just lost, from 0); none by default. */
  pause?: (attempt: number) => Promise<void>;
  /** The outcome when every attempt lost; without it a ConcurrentUpdateError is thrown. */
  exhausted?: () => T;
}

/**
 * Runs `attempt` until it returns something other than RETRY, at most `attempts` times, so a write
 * that keeps losing races ends with a clear outcome instead of spinning.
 */
export async function retryOnConflict<T>(
  attempt: (n: number) => Promise<T | Retry>,
  options: RetryOptions<T>,
): Promise<T> {
  for (let n = 0; n < options.attempts; n++) {
    if (n > 0 && options.pause) await options.pause(n - 1);
    const outcome = await attempt(n);
    if (outcome !== RETRY) return outcome;
  }
  if (options.exhausted) return options.exhausted();
  throw new ConcurrentUpdateError(options.what);
}
