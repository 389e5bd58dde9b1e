/**
 * Time axes written in the commitment's zone: ticks at local midnights (or month starts) and
 * labels formatted there, never in the zone of the machine that draws the chart.
 */
import { DateTime } from 'luxon';
import type { Instant } from '../domain/model.js';

const DAY = 86_400_000;

/** Local midnights from `start` to `end`, every `everyDays` days (month starts for long spans). */
export function timeTicks(start: Instant, end: Instant, zone: string): Instant[] {
  const days = (end - start) / DAY;
  const ticks: Instant[] = [];
  let at = DateTime.fromMillis(start, { zone }).startOf('day');
  if (days > 62) {
    at = at.startOf('month');
    while (at.toMillis() <= end) {
      if (at.toMillis() >= start) ticks.push(at.toMillis());
      at = at.plus({ months: 1 });
    }
    return ticks;
  }
  const every = days > 14 ? 7 : 1;
  // Weekly ticks fall on Mondays, so a month's labels line up with its weeks.
  if (every === 7) while (at.weekday !== 1) at = at.plus({ days: 1 });
  while (at.toMillis() <= end) {
    if (at.toMillis() >= start) ticks.push(at.toMillis());
    at = at.plus({ days: every });
  }
  return ticks;
}

/** `Mon 23 Nov` for a week's days, `23 Nov` otherwise. */
export function timeLabel(at: Instant, zone: string, withWeekday: boolean): string {
  return DateTime.fromMillis(at, { zone }).toFormat(withWeekday ? 'ccc d LLL' : 'd LLL', { locale: 'en-GB' });
}

/** `Mon 23 Nov 14:05` with the zone's abbreviation, for "now". */
export function instantLabel(at: Instant, zone: string): string {
  const local = DateTime.fromMillis(at, { zone });
  // American English names the zones people read most here (EST, PST); others read as GMT+9.
  return `${local.toFormat('ccc d LLL HH:mm', { locale: 'en-GB' })} ${local.toFormat('ZZZZ', { locale: 'en-US' })}`;
}

/** A value axis over [start, end] whose ticks and labels are local to `zone`. */
export function zonedTimeAxis(start: Instant, end: Instant, zone: string) {
  const ticks = timeTicks(start, end, zone);
  const withWeekday = end - start <= 8 * DAY;
  return {
    type: 'value',
    min: start,
    max: end,
    name: `Date (${zone})`,
    nameLocation: 'middle',
    nameGap: 28,
    axisTick: { customValues: ticks },
    axisLabel: {
      customValues: ticks,
      formatter: (value: number) => timeLabel(value, zone, withWeekday),
      hideOverlap: true,
    },
    splitLine: { show: true, lineStyle: { color: '#e4e4e4' } },
  };
}
