import { DateTime } from 'luxon';
import type { ResolvedHolidays } from '../../shared/app/config-reading.js';

const WIDTH = 100;

/**
 * The holidays a calendar took from a country or an .ics file, a line of short dates per year, so
 * a reviewer sees at a glance that Thanksgiving is there and the company picnic is not:
 *
 *     Holidays of calendar business from US-NY:
 *       2026  Jan 1 New Year's Day · Jan 19 Martin Luther King Jr. Day · …
 */
export function renderHolidays(resolved: readonly ResolvedHolidays[]): string[] {
  const lines: string[] = [];
  for (const { calendar, source, holidays } of resolved) {
    lines.push(`Holidays of calendar ${calendar} from ${source}:`);
    if (holidays.length === 0) lines.push('  none this year or next');
    const years = [...new Set(holidays.map((h) => h.date.slice(0, 4)))];
    for (const year of years) {
      const items = holidays
        .filter((h) => h.date.startsWith(year))
        .map((h) => `${DateTime.fromISO(h.date).toFormat('LLL d')} ${h.name}`);
      lines.push(...wrap(items, `  ${year}  `));
    }
  }
  return lines;
}

/** Items joined with ` · `, wrapped under the first line's indent. */
function wrap(items: string[], lead: string): string[] {
  const indent = ' '.repeat(lead.length);
  const lines: string[] = [];
  let line = lead;
  for (const item of items) {
    const joined = line === lead || line === indent ? `${line}${item}` : `${line} · ${item}`;
    if (joined.length > WIDTH && line !== lead && line !== indent) {
      lines.push(line);
      line = `${indent}${item}`;
    } else line = joined;
  }
  lines.push(line);
  return lines;
}
