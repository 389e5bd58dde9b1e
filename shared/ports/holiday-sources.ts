import { CodedError } from '../domain/coded-error.js';
import type { CountryHolidays } from '../domain/config-schema.js';

/** One day off and what it is called (`2026-11-26`, `Thanksgiving Day`). */
export interface NamedHoliday {
  date: string;
  name: string;
}

/** Says what is wrong with a holiday source, for the field that names it. */
export class HolidaySourceError extends CodedError {
  readonly code = 'HOLIDAY_SOURCE';

  constructor(
    message: string,
    /** The field of the source the message is about (`country`, `region`, `ics`). */
    readonly field: string,
  ) {
    super(message);
  }
}

/** Where calendars get holidays they do not list date by date. */
export interface HolidaySources {
  /** The holidays of a country or region in the given years; HolidaySourceError when unknown. */
  country(source: CountryHolidays, years: readonly number[]): Promise<NamedHoliday[]>;
  /** The days of an iCalendar file in the given years; HolidaySourceError when missing or broken. */
  ics(path: string, years: readonly number[]): Promise<NamedHoliday[]>;
}
