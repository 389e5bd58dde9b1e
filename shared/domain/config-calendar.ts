/**
 * Business calendars as written (`hours: { mon-fri: "08:00-18:00" }`) into BusinessCalendar.
 */
import type { RawCalendar } from './config-schema.js';
import { MAX_CODE_LENGTH, MAX_SPANS_PER_DAY, tooLongMessage } from './limits.js';
import type { BusinessCalendar, LocalSpan, Weekday } from './model.js';
import { type FieldIssue, joinPath, meantHint } from './validation-error.js';

const DAY_NAMES: Record<string, Weekday> = {
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  sun: 7,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};
const SHORT_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** `mon` → 1, `monday` → 1; undefined for anything else. */
export function weekdayFromName(name: string): Weekday | undefined {
  return DAY_NAMES[name.trim().toLowerCase()];
}

export function normalizeCalendar(
  name: string,
  raw: RawCalendar,
  fileZone: string,
  path: string,
  issues: FieldIssue[],
): BusinessCalendar | undefined {
  const before = issues.length;
  const hours = emptyWeek();
  const givenBy = new Map<Weekday, string>();
  for (const [key, value] of Object.entries(raw.hours)) {
    const keyPath = joinPath(path, 'hours', key);
    if (key.length > MAX_CODE_LENGTH) {
      issues.push({ path: keyPath, message: `weekday key ${tooLongMessage(MAX_CODE_LENGTH)}` });
      continue;
    }
    const days = parseWeekdayKey(key, keyPath, issues);
    const spans = parseHoursValue(value, keyPath, issues);
    for (const day of days) {
      const earlier = givenBy.get(day);
      if (earlier !== undefined) {
        issues.push({
          path: keyPath,
          message: `${SHORT_NAMES[day - 1]} already has hours from '${earlier}'; give each weekday once`,
        });
        continue;
      }
      givenBy.set(day, key);
      if (spans !== undefined) hours[day] = spans;
    }
  }
  if (issues.length === before && WEEKDAYS.every((day) => hours[day].length === 0)) {
    issues.push({
      path: joinPath(path, 'hours'),
      message:
        'is closed every day of the week; give open hours for at least one day, e.g. mon-fri: "08:00-18:00"',
    });
  }
  if (issues.length > before) return undefined;
  // Holidays from a country or an .ics file were turned into dates before validation (they need
  // holiday data and files); what reaches here are the dates.
  const listed =
    raw.holidays === undefined ? [] : Array.isArray(raw.holidays) ? raw.holidays : [raw.holidays];
  const holidays = [...new Set(listed.filter((h): h is string => typeof h === 'string'))].sort();
  return { name, zone: raw.timezone ?? fileZone, hours, holidays };
}

function emptyWeek(): Record<Weekday, LocalSpan[]> {
  return { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
}

/** `mon-fri`, `sat`, `mon,wed`, `mon-wed,fri` → ISO weekdays. Ranges go forward (mon … sun). */
function parseWeekdayKey(key: string, path: string, issues: FieldIssue[]): Weekday[] {
  const days: Weekday[] = [];
  for (const part of key.split(',')) {
    const ends = part.split('-');
    const parsed = ends.map((end) => weekdayFromName(end));
    const unknown = ends[parsed.indexOf(undefined)];
    if (unknown !== undefined || ends.length > 2) {
      const word = unknown ?? part;
      issues.push({
        path,
        message: `unknown weekday '${word.trim()}' in '${key}'${meantHint(word.trim(), SHORT_NAMES)}; use mon, tue, wed, thu, fri, sat, sun, a range such as mon-fri, or a list such as mon,wed`,
      });
      continue;
    }
    const first = parsed[0] as Weekday;
    const last = (parsed[1] ?? first) as Weekday;
    if (last < first) {
      issues.push({
        path,
        message: `the range '${part.trim()}' runs backwards; write it from mon towards sun, or list the days (e.g. sat,sun,mon)`,
      });
      continue;
    }
    for (let day = first; day <= last; day++) days.push(day as Weekday);
  }
  return days;
}

const SPAN = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

/** Spans sorted by start, touching spans merged; undefined when any problem was reported. */
function parseHoursValue(
  value: string | string[],
  path: string,
  issues: FieldIssue[],
): LocalSpan[] | undefined {
  const entries =
    typeof value === 'string'
      ? [{ text: value, path }]
      : value.map((text, index) => ({ text, path: joinPath(path, index) }));
  const before = issues.length;
  const spans: Array<LocalSpan & { text: string }> = [];
  for (const entry of entries) {
    if (entry.text.trim().toLowerCase() === 'closed') {
      if (entries.length > 1)
        issues.push({ path: entry.path, message: "'closed' cannot be combined with open hours" });
      continue;
    }
    for (const piece of entry.text.split(',')) {
      const span = parseSpan(piece.trim(), entry.path, issues);
      if (span !== undefined) spans.push({ ...span, text: piece.trim() });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const merged: LocalSpan[] = [];
  // The span reaching furthest so far, so that one long span overlapping two short ones is caught.
  let reach: (LocalSpan & { text: string }) | undefined;
  for (const span of spans) {
    if (reach !== undefined && span.start < reach.end) {
      issues.push({
        path,
        message: `spans ${reach.text} and ${span.text} overlap; make them separate or join them into one`,
      });
      continue;
    }
    reach = span;
    const last = merged.at(-1);
    if (last !== undefined && last.end === span.start) last.end = span.end;
    else merged.push({ start: span.start, end: span.end });
  }
  if (merged.length > MAX_SPANS_PER_DAY) {
    issues.push({
      path,
      message: `has ${merged.length} separate spans of hours; a day may have at most ${MAX_SPANS_PER_DAY}`,
    });
  }
  return issues.length > before ? undefined : merged;
}

function parseSpan(text: string, path: string, issues: FieldIssue[]): LocalSpan | undefined {
  const match = SPAN.exec(text);
  if (match === null) {
    issues.push({
      path,
      message: `'${text}' is not a span of hours; write it like "08:00-18:00", several like "09:00-12:00,13:00-17:00", or "closed"`,
    });
    return undefined;
  }
  const [startHour, startMinute, endHour, endMinute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const start = startHour * 60 + startMinute;
  const end = endHour * 60 + endMinute;
  const valid = (hour: number, minute: number, isEnd: boolean) =>
    minute < 60 && (hour < 24 || (isEnd && hour === 24 && minute === 0));
  if (!valid(startHour, startMinute, false) || !valid(endHour, endMinute, true)) {
    issues.push({
      path,
      message: `'${text}' has a time that does not exist; use 00:00 to 23:59, and 24:00 only as an end`,
    });
    return undefined;
  }
  if (end <= start) {
    issues.push({
      path,
      message: `'${text}' does not end after it starts; a span cannot cross midnight, so end the day at 24:00 and start the next day at 00:00`,
    });
    return undefined;
  }
  return { start, end };
}
