import type { ScheduleSettings } from '../shared/app/schedule-due.js';
import { nextDigestTick } from '../shared/domain/schedule-ticks.js';

/**
 * The digest's next tick, remembered while its inputs stay the same: a long clock move asks the
 * same question before every evaluator run until the digest has run.
 */
export function memoizedNextDigestTick() {
  let last: { key: string; tick: number | undefined } | undefined;
  return (after: number, settings: ScheduleSettings): number | undefined => {
    const { digest, zone } = settings;
    const key = digest ? `${after} ${zone} ${digest.weekday} ${digest.minute}` : `${after} none`;
    if (last?.key !== key) {
      last = { key, tick: digest && nextDigestTick(digest, zone, after) };
    }
    return last.tick;
  };
}
