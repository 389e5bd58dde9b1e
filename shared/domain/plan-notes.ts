/**
 * Notes a plan carries about what a configuration means, where the words could mislead: `1d` in
 * an escalation step of a commitment with a calendar is 24 business hours, not one business day.
 */
import { businessMillisBetween } from './calendar.js';
import { startOfLocalDay } from './local-time.js';
import type { BusinessCalendar, CommitmentDefinition } from './model.js';

const HOUR = 3_600_000;
/** Days or weeks written in the compact or ISO form (`1d`, `2w`, `P1D`), not business days (`bd`). */
const WHOLE_DAYS = /^\s*(?:\d+[wd](?!\w*bd)|P.*[DW])/i;

/** The mean open hours of the calendar's open days over one ordinary week (its holidays aside). */
function typicalDayHours(calendar: BusinessCalendar): number {
  const week = { ...calendar, holidays: [] };
  // 2026-01-05 is a Monday; day numbers count from 1970-01-01.
  const monday = Date.UTC(2026, 0, 5) / 86_400_000;
  let open = 0;
  let days = 0;
  for (let day = monday; day < monday + 7; day++) {
    const ms = businessMillisBetween(
      week,
      startOfLocalDay(day, week.zone),
      startOfLocalDay(day + 1, week.zone),
    );
    if (ms > 0) days++;
    open += ms;
  }
  return days === 0 ? 24 : open / days / HOUR;
}

/** One note per wait and calendar, naming how many commitments use it. */
export function escalationDayNotes(definitions: readonly CommitmentDefinition[]): string[] {
  const seen = new Map<string, { calendar: BusinessCalendar; after: string; hours: number; ids: string[] }>();
  for (const definition of definitions) {
    if (definition.calendar === undefined) continue;
    for (const step of definition.escalation) {
      if (step.afterBusinessDays !== undefined || !WHOLE_DAYS.test(step.after)) continue;
      const key = `${step.after}\u0000${definition.calendar.name}`;
      const entry = seen.get(key) ?? {
        calendar: definition.calendar,
        after: step.after,
        hours: step.afterMs / HOUR,
        ids: [],
      };
      entry.ids.push(definition.id);
      seen.set(key, entry);
    }
  }
  return [...seen.values()].map(({ calendar, after, hours, ids }) => {
    const days = Math.round((hours / typicalDayHours(calendar)) * 10) / 10;
    const who = ids.length === 1 ? ids[0] : `${ids.length} commitments`;
    const n = Math.max(1, Math.round(hours / 24));
    return `escalation after ${after} (${who}) counts ${hours} business hours of calendar ${calendar.name}, about ${days} business days; write ${n}bd for ${n === 1 ? 'one business day' : `${n} business days`}`;
  });
}
