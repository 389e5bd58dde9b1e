/**
 * When a scheduled run is due, decided from the applied configuration.
 *
 * Both schedules (in AWS and locally) fire on one fixed tick, every five minutes on the clock.
 * Each tick asks the configuration whether its run is due, so a new `evaluation.every` or
 * `digest.schedule` takes effect at the next tick, without redeploying or restarting anything.
 *
 * A tick claims what fell due since the previous tick: the interval (tick - 5 minutes, tick].
 * Consecutive ticks claim disjoint intervals, so each due instant is claimed by exactly one tick;
 * a retried tick claims the same instants again, which the runs themselves tolerate (the
 * evaluator is idempotent, the digest's delivery log sends a week once).
 */

import { digestFireTimes, nextDigestFireTime } from './digest/schedule.js';
import { zoneNamed } from './local-time.js';
import type { DigestSettings, Instant } from './model.js';

export const TICK_MINUTES = 5;
export const TICK_MS = TICK_MINUTES * 60_000;
const DAY_MINUTES = 24 * 60;

/** The shortest and longest evaluation interval a configuration may ask for. */
export const MIN_EVALUATION_MINUTES = TICK_MINUTES;
export const MAX_EVALUATION_MINUTES = DAY_MINUTES;

/**
 * Whether `minutes` can be honoured by the tick: whole ticks, at most a day, and a divisor of the
 * day, so that the grid of run times is the same every day.
 */
export function isValidEvaluationInterval(minutes: number): boolean {
  return (
    Number.isInteger(minutes) &&
    minutes >= MIN_EVALUATION_MINUTES &&
    minutes <= MAX_EVALUATION_MINUTES &&
    minutes % TICK_MINUTES === 0 &&
    DAY_MINUTES % minutes === 0
  );
}

/** The tick nearest to `at` (a schedule's `scheduledTime` is on the tick; a late one is not moved on). */
export function tickOf(at: Instant): Instant {
  return Math.round(at / TICK_MS) * TICK_MS;
}

/** The zone's wall clock at `at`, as milliseconds of a calendar that has no offsets. */
function wallClock(at: Instant, zone: string): number {
  return at + zoneNamed(zone).offset(at) * 60_000;
}

/**
 * Whether the evaluator runs at `tick`. Its run times are the local times whose minute of the day
 * is a multiple of `everyMinutes` (every 15 minutes: on the quarter hours; every 2 hours: 00:00,
 * 02:00...), read on the company zone's wall clock: due when the wall clock reads one of them, or
 * passed one since the previous tick (a spring-forward jump skips over some). When the clocks go
 * back, the repeated times run again: an extra evaluation is harmless, a missing one is not.
 */
export function isEvaluationDue(everyMinutes: number, zone: string, tick: Instant): boolean {
  return crossesGrid(everyMinutes * 60_000, wallClock(tick - TICK_MS, zone), wallClock(tick, zone));
}

function crossesGrid(step: number, before: number, now: number): boolean {
  return now % step === 0 || Math.floor(now / step) > Math.floor(before / step);
}

/**
 * The digest's fire time that `tick` claims, if any: the scheduled local weekday and time (see
 * `digestFireTimes` for DST) within (tick - 5 minutes, tick].
 */
export function digestDueAt(
  settings: Pick<DigestSettings, 'weekday' | 'minute'>,
  zone: string,
  tick: Instant,
): Instant | undefined {
  return digestFireTimes(settings, zone, tick - TICK_MS, tick)[0];
}

/** The first tick after `after` at which the evaluator is due (the same decision, tick by tick). */
export function nextEvaluationTick(everyMinutes: number, zone: string, after: Instant): Instant {
  const step = everyMinutes * 60_000;
  const first = Math.floor(after / TICK_MS) * TICK_MS + TICK_MS;
  // A day and a DST jump's worth of ticks always contains a run time.
  const limit = first + (DAY_MINUTES + 180) * 60_000;
  // Each tick's wall clock is the next one's "before": one zone lookup per tick.
  let before = wallClock(first - TICK_MS, zone);
  for (let tick = first; tick <= limit; tick += TICK_MS) {
    const now = wallClock(tick, zone);
    if (crossesGrid(step, before, now)) return tick;
    before = now;
  }
  throw new RangeError(`no evaluation due within a day after ${after} (every ${everyMinutes} minutes)`);
}

/**
 * The first tick after `after` that claims a digest fire time. The ticks after `after` claim,
 * between them, every fire time after the tick at or before `after`; the first such fire time is
 * claimed by the tick at or after it.
 */
export function nextDigestTick(
  settings: Pick<DigestSettings, 'weekday' | 'minute'>,
  zone: string,
  after: Instant,
): Instant {
  const fire = nextDigestFireTime(settings, zone, Math.floor(after / TICK_MS) * TICK_MS);
  return Math.ceil(fire / TICK_MS) * TICK_MS;
}
