import { DateTime, IANAZone } from 'luxon';
import { parseConfig } from '../domain/config.js';
import { countryHolidaysSchema, icsHolidaysSchema } from '../domain/config-schema.js';
import type { Instant, SlaConfig } from '../domain/model.js';
import { type FieldIssue, joinPath, ValidationError } from '../domain/validation-error.js';
import { HolidaySourceError, type HolidaySources, type NamedHoliday } from '../ports/holiday-sources.js';

/** Holidays a calendar took from a country or a file, as the plan shows them. */
export interface ResolvedHolidays {
  calendar: string;
  /** `US-NY`, `holidays.ics`. */
  source: string;
  /** This year's and next year's, in date order. */
  holidays: NamedHoliday[];
}

export interface ReadConfig {
  config: SlaConfig;
  holidays: ResolvedHolidays[];
}

/**
 * Holidays are resolved into dates when a config is applied, for last year and the next five: the
 * evaluator then needs no holiday data, and applying the file again (as any deploy does) extends
 * the range.
 */
const YEARS_BEHIND = 1;
const YEARS_AHEAD = 5;

/** Reads and validates a commitments file, its holiday sources resolved; every problem at once. */
export async function readConfigText(
  text: string,
  format: 'yaml' | 'json',
  options: { sources: HolidaySources; now: Instant },
): Promise<ReadConfig> {
  // The YAML parser loads with the first config text read, not with every function that imports this.
  const { openConfigText } = await import('../domain/config-text.js');
  const source = openConfigText(text, format);
  return validate(source.data, options, source.locate);
}

/** The same for a document that is already parsed (a JSON body). */
export function readConfigDocument(
  document: unknown,
  options: { sources: HolidaySources; now: Instant },
): Promise<ReadConfig> {
  return validate(document, options, (issue) => issue);
}

async function validate(
  data: unknown,
  options: { sources: HolidaySources; now: Instant },
  locate: (issue: FieldIssue) => FieldIssue,
): Promise<ReadConfig> {
  const resolved = await resolveHolidays(data, options);
  const issues = [...resolved.issues];
  let config: SlaConfig | undefined;
  try {
    config = parseConfig(resolved.data);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
  }
  if (issues.length > 0 || config === undefined) throw new ValidationError(issues.map(locate));
  return { config, holidays: resolved.shown };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Replaces each calendar's `{ country }` and `{ ics }` entries by the dates they stand for. Entries
 * of the wrong shape are left as they are, for the validation to name.
 */
async function resolveHolidays(
  data: unknown,
  options: { sources: HolidaySources; now: Instant },
): Promise<{ data: unknown; issues: FieldIssue[]; shown: ResolvedHolidays[] }> {
  if (!isRecord(data) || !isRecord(data.calendars)) return { data, issues: [], shown: [] };
  const zone =
    typeof data.timezone === 'string' && IANAZone.isValidZone(data.timezone) ? data.timezone : 'UTC';
  const thisYear = DateTime.fromMillis(options.now, { zone }).year;
  const years = Array.from({ length: YEARS_BEHIND + YEARS_AHEAD + 1 }, (_, i) => thisYear - YEARS_BEHIND + i);
  const issues: FieldIssue[] = [];
  const shown: ResolvedHolidays[] = [];
  const calendars: Record<string, unknown> = {};
  for (const [name, calendar] of Object.entries(data.calendars)) {
    calendars[name] = calendar;
    if (!isRecord(calendar) || calendar.holidays === undefined) continue;
    const listed = Array.isArray(calendar.holidays);
    const entries: unknown[] = listed ? (calendar.holidays as unknown[]) : [calendar.holidays];
    if (!entries.some(isRecord)) continue;
    const dates: unknown[] = [];
    for (const [index, entry] of entries.entries()) {
      const path = joinPath(joinPath('calendars', name), listed ? `holidays[${index}]` : 'holidays');
      const found = await resolveEntry(entry, options.sources, years);
      if (found === undefined) {
        dates.push(entry);
      } else if ('error' in found) {
        issues.push({ path: joinPath(path, found.error.field), message: found.error.message });
      } else {
        dates.push(...found.holidays.map((h) => h.date));
        shown.push({
          calendar: name,
          source: found.label,
          holidays: found.holidays
            .filter((h) => h.date.startsWith(`${thisYear}-`) || h.date.startsWith(`${thisYear + 1}-`))
            .sort((a, b) => a.date.localeCompare(b.date)),
        });
      }
    }
    // A lone source of the wrong shape stays as written, so its errors name the field as written.
    const unresolved = !listed && dates[0] === calendar.holidays;
    if (!unresolved) calendars[name] = { ...calendar, holidays: dates };
  }
  return { data: { ...data, calendars }, issues, shown };
}

async function resolveEntry(
  entry: unknown,
  sources: HolidaySources,
  years: number[],
): Promise<{ holidays: NamedHoliday[]; label: string } | { error: HolidaySourceError } | undefined> {
  const country = countryHolidaysSchema().safeParse(entry);
  const ics = icsHolidaysSchema().safeParse(entry);
  try {
    if (country.success) {
      const { country: code, region, types } = country.data;
      const label = `${code.toUpperCase()}${region ? `-${region.toUpperCase()}` : ''}${types ? ` (${types.join(', ')})` : ''}`;
      return { holidays: await sources.country(country.data, years), label };
    }
    if (ics.success) return { holidays: await sources.ics(ics.data.ics, years), label: ics.data.ics };
  } catch (error) {
    if (error instanceof HolidaySourceError) return { error };
    throw error;
  }
  return undefined;
}
