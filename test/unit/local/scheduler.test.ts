import { describe, expect, it } from 'vitest';
import { LocalClock } from '../../../local/local-clock.js';
import { LocalScheduler } from '../../../local/scheduler.js';

const everyMinutes = (minutes: number) => (after: number) =>
  Math.floor(after / (minutes * 60_000)) * minutes * 60_000 + minutes * 60_000;

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

  it('reads the settings before each step, so a change applies from the next due time on', async () => {
    const clock = new LocalClock(at('2026-11-23T08:00:00Z'), () => 0);
    let every = 60;
    let reads = 0;
    const runs: string[] = [];
    const scheduler = new LocalScheduler<number>(
      clock,
      [
        {
          name: 'evaluate',
          nextAfter: (after, minutes) => everyMinutes(minutes)(after),
          run: async (t) => {
            runs.push(new Date(t).toISOString().slice(11, 16));
            // A configuration applied while the clock moves counts from the next step.
            if (runs.length === 1) every = 15;
          },
        },
      ],
      (job, error) => {
        throw new Error(`${job}: ${error}`);
      },
      async () => {
        reads++;
        return every;
      },
    );
    await scheduler.moveTo(at('2026-11-23T09:30:00Z'));
    expect(runs).toEqual(['09:00', '09:15', '09:30']);
    // One read per run and one to find nothing more is due: never one per minute of the move.
    expect(reads).toBe(4);
  });
});
