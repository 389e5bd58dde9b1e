/**
 * Waits counted in business days of a calendar (`2bd`), for escalation steps and snoozes.
 *
 * A business day is a local day on which the calendar is open at all (holidays and closed
 * weekdays are skipped), however long it is open. N business days after an instant is the same
 * point of the business day N open days later: as much open time after that day opens as had
 * passed on the starting day. A later day that is open for less ends at its close (from 16:00 on
 * a 08:00-18:00 Monday, one business day later on a Friday open 08:00-14:00 is 14:00). An
 * instant outside open hours counts from the next opening, so from Saturday, `1bd` is Tuesday's
 * opening when Monday is the next open day.
 */
import {
  addBusinessMillis,
  alwaysOpenCalendar,
  businessMillisBetween,
  CalendarNeverOpensError,
  nextOpenInstant,
} from './calendar.js';
import type { DurationSpan } from './duration.js';
import { localDayContaining, startOfLocalDay } from './local-time.js';
import type { BusinessCalendar, EscalationStep, Instant } from './model.js';

/** Ten years of days: a calendar closed that long never opens. */
const HORIZON_DAYS = 3660;

/** The open time of one local day and when it opens, or undefined when the calendar is closed all day. */
function openDay(calendar: BusinessCalendar, day: number): { opens: Instant; length: number } | undefined {
  const start = startOfLocalDay(day, calendar.zone);
  const end = startOfLocalDay(day + 1, calendar.zone);
  const length = businessMillisBetween(calendar, start, end);
  if (length === 0) return undefined;
  return { opens: nextOpenInstant(calendar, start), length };
}

/** `days` business days after `from` (see above); `from` itself when `days` is 0. */
export function addBusinessDays(calendar: BusinessCalendar, from: Instant, days: number): Instant {
  if (!Number.isSafeInteger(days) || days < 0) {
    throw new RangeError(`Business days to add must be a whole, non-negative number, got ${days}`);
  }
  if (days === 0) return from;
  const start = nextOpenInstant(calendar, from);
  let day = localDayContaining(start, calendar.zone);
  const into = businessMillisBetween(calendar, startOfLocalDay(day, calendar.zone), start);
  let counted = 0;
  let closedInARow = 0;
  for (;;) {
    day++;
    const open = openDay(calendar, day);
    if (open === undefined) {
      if (++closedInARow > HORIZON_DAYS) throw new CalendarNeverOpensError(calendar.name);
      continue;
    }
    closedInARow = 0;
    if (++counted === days) return addBusinessMillis(calendar, open.opens, Math.min(into, open.length));
  }
}

/**
 * When a wait of `span` that starts at `from` ends: its business days, then its hours in
 * business time. Without a calendar every day is open all day, so `1bd` is the same local
 * time the next day and `8h` is eight hours.
 */
export function addSpan(
  calendar: BusinessCalendar | undefined,
  zone: string,
  from: Instant,
  span: DurationSpan,
): Instant {
  const cal = calendar ?? alwaysOpenCalendar(zone);
  return addBusinessMillis(cal, addBusinessDays(cal, from, span.businessDays), span.ms);
}

/** When an escalation step falls due for an alert opened at `openedAt`, on a resolved calendar. */
export function stepDueAt(
  calendar: BusinessCalendar,
  openedAt: Instant,
  step: Pick<EscalationStep, 'afterMs' | 'afterBusinessDays'>,
): Instant {
  return addSpan(calendar, calendar.zone, openedAt, {
    businessDays: step.afterBusinessDays ?? 0,
    ms: step.afterMs,
  });
}

/**
 * What an alert's Snooze button holds escalation for: one business day when the commitment has a
 * calendar (snoozed on Friday afternoon, it wakes on Monday afternoon, not on Saturday), else 24 hours.
 */
export function snoozeButtonSpan(calendar: BusinessCalendar | undefined): string {
  return calendar === undefined ? '24h' : '1bd';
}
