import { describe, expect, it } from 'vitest';
import { ConcurrentUpdateError } from '../../../shared/app/errors.js';
import { RETRY, retryOnConflict } from '../../../shared/app/retry-on-conflict.js';

describe('retryOnConflict', () => {
  it('returns the first outcome that is not a retry, after as many attempts as it took', async () => {
    const seen: number[] = [];
    const outcome = await retryOnConflict(
      async (n) => {
        seen.push(n);
        return n < 2 ? RETRY : `won on attempt ${n}`;
      },
      { attempts: 5, what: 'The thing' },
    );
    expect(outcome).toBe('won on attempt 2');
    expect(seen).toEqual([0, 1, 2]);
  });

  it("passes a store's own 'conflict' result through: only RETRY runs again", async () => {
    let calls = 0;
    const outcome = await retryOnConflict(
      async () => {
        calls++;
        return 'conflict' as const;
      },
      { attempts: 3, what: 'The thing' },
    );
    expect(outcome).toBe('conflict');
    expect(calls).toBe(1);
  });

  it('stops after the bounded number of attempts with an error naming what lost its races', async () => {
    let calls = 0;
    const run = retryOnConflict(
      async () => {
        calls++;
        return RETRY;
      },
      { attempts: 4, what: "The alert of 'c1'" },
    );
    await expect(run).rejects.toBeInstanceOf(ConcurrentUpdateError);
    await expect(run).rejects.toThrow("The alert of 'c1' was changed by someone else");
    expect(calls).toBe(4);
  });

  it('gives the caller’s own outcome when every attempt lost, if it names one', async () => {
    let calls = 0;
    const outcome = await retryOnConflict(
      async () => {
        calls++;
        return RETRY;
      },
      { attempts: 2, what: 'x', exhausted: () => 'gave up' },
    );
    expect(outcome).toBe('gave up');
    expect(calls).toBe(2);
  });

  it('pauses between attempts, never before the first nor after the last', async () => {
    const events: string[] = [];
    await retryOnConflict(
      async (n) => {
        events.push(`attempt ${n}`);
        return RETRY;
      },
      {
        attempts: 3,
        what: 'x',
        pause: async (n) => {
          events.push(`pause after ${n}`);
        },
        exhausted: () => undefined,
      },
    );
    expect(events).toEqual(['attempt 0', 'pause after 0', 'attempt 1', 'pause after 1', 'attempt 2']);
  });

  it('lets an error an attempt throws through at once', async () => {
    let calls = 0;
    const boom = new Error('boom');
    await expect(
      retryOnConflict(
        async () => {
          calls++;
          throw boom;
        },
        { attempts: 3, what: 'x' },
      ),
    ).rejects.toBe(boom);
    expect(calls).toBe(1);
  });
});
