import { describe, expect, it } from 'vitest';
import { LocalClock } from '../../../local/local-clock.js';
import { everyMinutes, LocalScheduler } from '../../../local/scheduler.js';

const at = (iso: string) => Date.parse(iso);

describe('the local scheduler', () => {
  it('runs every job due on the way, in time order, with the clock at each due instant', async () => {
    const clock = new LocalClock(at('2026-11-23T07:50:00Z'), () => 0);
    const runs: string[] = [];
    const weekly = (after: number) =>
      after < at('2026-11-23T08:00:00Z') ? at('2026-11-23T08:00:00Z') : at('2026-11-30T08:00:00Z');
    const scheduler = new LocalScheduler(
      clock,
      [
        {
          name: 'evaluate',
          nextAfter: everyMinutes(15),
          run: async (t) => void runs.push(`evaluate ${new Date(t).toISOString()} ${clock.now() === t}`),
        },
        {
          name: 'digest',
          nextAfter: weekly,
          run: async (t) => void runs.push(`digest ${new Date(t).toISOString()} ${clock.now() === t}`),
        },
      ],
      (job, error) => {
        throw new Error(`${job}: ${error}`);
      },
    );
    const moved = await scheduler.moveTo(at('2026-11-23T08:20:00Z'));
    expect(runs).toEqual([
      'evaluate 2026-11-23T08:00:00.000Z true',
      // Due at the same instant as the evaluator: it runs too, not a week later.
      'digest 2026-11-23T08:00:00.000Z true',
      'evaluate 2026-11-23T08:15:00.000Z true',
    ]);
    expect(moved.to).toBe('2026-11-23T08:20:00Z');
    expect(clock.now()).toBe(at('2026-11-23T08:20:00Z'));
  });

  it('never moves backwards', async () => {
    const clock = new LocalClock(at('2026-11-23T08:00:00Z'), () => 0);
    const scheduler = new LocalScheduler(clock, [], () => undefined);
    await expect(scheduler.moveTo(at('2026-11-22T08:00:00Z'))).rejects.toThrow(/forward/);
  });
});
