/**
 * When the digest falls due, and which week it reports.
 *
 * The schedule is a local weekday and time (`mon 08:00`) in the company's zone, so it stays at
 * 08:00 on the wall clock across DST changes. A local time that a spring-forward jump skips
 * resolves to the instant of the jump, and one that a fall-back repeats to its first occurrence
 * (the rule of `local-time.ts`), so the digest still fires exactly once that week.
 */

import { instantAtLocal, localDayContaining, weekdayOfDay, zoneNamed } from '../local-time.js';
import type { DigestSettings, Instant, Weekday } from '../model.js';
import { periodFromKey, periodOf, previousPeriod } from '../periods.js';

type Schedule = Pick<DigestSettings, 'weekday' | 'minute'>;

/** Every scheduled local `weekday HH:MM` in (from, to], oldest first. */
export function digestFireTimes(settings: Schedule, zone: string, from: Instant, to: Instant): Instant[] {
  zoneNamed(zone);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return [];
  // Start a day early: the local day containing `from` may already be past its fire time, and an
  // offset change between the two can only move a fire time by hours, never by a day.
  const firstDay = localDayContaining(from, zone) - 1;
  const times: Instant[] = [];
  for (let day = firstDay + ((settings.weekday - weekdayOfDay(firstDay) + 7) % 7); ; day += 7) {
    const at = instantAtLocal(day, settings.minute, zone);
    if (at > to) break;
    if (at > from) times.push(at);
  }
  return times;
}

/** The first fire time after `after` (for a local timer to sleep until). */
export function nextDigestFireTime(settings: Schedule, zone: string, after: Instant): Instant {
  const [next] = digestFireTimes(settings, zone, after, after + 8 * 86_400_000);
  if (next === undefined) throw new RangeError(`no digest fire time within 8 days after ${after}`);
  return next;
}

const CRON_DAYS: Record<Weekday, string> = {
  1: 'MON',
  2: 'TUE',
  3: 'WED',
  4: 'THU',
  5: 'FRI',
  6: 'SAT',
  7: 'SUN',
};

/**
 * The EventBridge Scheduler expression, e.g. `cron(0 8 ? * MON *)`. The zone is not part of it:
 * pass it as the schedule's `ScheduleExpressionTimezone`, which keeps it at local time across DST.
 */
export function eventBridgeCron(settings: Schedule): string {
  const hour = Math.floor(settings.minute / 60);
  const minute = settings.minute % 60;
  return `cron(${minute} ${hour} ? * ${CRON_DAYS[settings.weekday]} *)`;
}

/**
 * The ISO week a digest generated at `at` reports: the last week that has ended in `zone`. The
 * digest sent on Monday 08:00 covers the week that ended at midnight, with the state as of sending.
 */
export function digestWeekAt(at: Instant, zone: string): string {
  return previousPeriod(periodOf('week', at, zone)).key;
}

/**
 * When the digest of `week` goes out: the first fire time once that week has ended (a fire time
 * exactly at the week's end counts). What that digest shows is the state at this instant.
 */
export function digestSendTime(settings: Schedule, zone: string, week: string): Instant {
  return nextDigestFireTime(settings, zone, periodFromKey(week, zone).end - 1);
}
