import { HolidaySourceError, type NamedHoliday } from '../../ports/holiday-sources.js';

/** A yearly rule expands to one day a year; this bounds a rule that repeats daily for decades. */
const MAX_OCCURRENCES = 5000;

/**
 * The days of an iCalendar file (RFC 5545), parsed with Mozilla's ical.js: each event closes the
 * day it starts on (every day of a multi-day all-day event), and a recurring event (RRULE, such as
 * a yearly company holiday) closes each of its days in the given years.
 */
export async function icsHolidays(
  text: string,
  years: readonly number[],
  path: string,
): Promise<NamedHoliday[]> {
  const { default: ICAL } = await import('ical.js');
  let calendar: InstanceType<typeof ICAL.Component>;
  try {
    calendar = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    throw new HolidaySourceError(`${path} is not a valid iCalendar file: ${(error as Error).message}`, 'ics');
  }
  const first = Math.min(...years);
  const last = Math.max(...years);
  const days: NamedHoliday[] = [];
  const add = (time: InstanceType<typeof ICAL.Time>, name: string) => {
    if (time.year >= first && time.year <= last) days.push({ date: dateOf(time), name });
  };
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    const name = event.summary || 'Holiday';
    if (!event.startDate) continue;
    if (event.isRecurring()) {
      const occurrences = event.iterator();
      for (let count = 0, next = occurrences.next(); next && next.year <= last; next = occurrences.next()) {
        if (++count > MAX_OCCURRENCES) break;
        add(next, name);
      }
      continue;
    }
    const day = event.startDate.clone();
    const end = event.endDate;
    do {
      add(day, name);
      day.adjust(1, 0, 0, 0);
    } while (event.startDate.isDate && end && day.compare(end) < 0);
  }
  return days;
}

const dateOf = (time: { year: number; month: number; day: number }) =>
  `${time.year}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
