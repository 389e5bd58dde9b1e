/**
 * Where a calendar's holidays come from, as the configuration file writes them: dates, a country's
 * (or region's) holiday data, an iCalendar file, or a list mixing them.
 */
import * as z from 'zod';
import { atMostItems, localDateSchema, required, strictObject } from './config-fields.js';
import { lazy } from './lazy.js';
import { MAX_HOLIDAYS } from './limits.js';
import { describeValue } from './validation-error.js';

/** Kinds of days off that a country's holiday data knows; only `public` unless a calendar asks. */
export const HOLIDAY_TYPES = ['public', 'bank', 'school', 'optional', 'observance'] as const;

/** A country's (or one of its regions') holidays, from maintained holiday data. */
export const countryHolidaysSchema = lazy(() =>
  strictObject({
    country: z
      .string({ error: required('a two-letter country code such as US or DE') })
      .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code (ISO 3166-1) such as US or DE'),
    region: z
      .string({ error: required('a region code such as NY') })
      .regex(/^[A-Za-z0-9]{1,10}$/, 'must be a region code such as NY or BY (letters and digits, at most 10)')
      .optional(),
    types: z.array(z.enum(HOLIDAY_TYPES)).min(1, 'must not be empty').optional(),
  }),
);

/** An iCalendar file beside the commitments file: every event in it is a day off. */
export const icsHolidaysSchema = lazy(() =>
  strictObject({
    ics: z
      .string({ error: required('the name of an .ics file beside the commitments file') })
      .regex(/^[^/\\].*\.ics$/i, 'must be a relative path to an .ics file, such as holidays.ics'),
  }),
);

const holidaySource = lazy(() => z.union([countryHolidaysSchema(), icsHolidaysSchema()]));

const HOLIDAYS_FORMS =
  'dates (YYYY-MM-DD), { country: US, region: NY }, { ics: holidays.ics }, or a list mixing them';

export const holidaysSchema = lazy(() =>
  z
    .union([z.array(z.union([localDateSchema(), holidaySource()])), holidaySource()], {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `must be ${HOLIDAYS_FORMS}; got ${describeValue(issue.input)}`
          : undefined,
    })
    // Counted once the shape is known, so a long list is told its length, not that it is no list.
    .superRefine((holidays, ctx) => {
      if (Array.isArray(holidays) && holidays.length > MAX_HOLIDAYS) {
        ctx.addIssue({ code: 'custom', ...atMostItems(MAX_HOLIDAYS, 'holidays'), input: holidays });
      }
    }),
);

export type CountryHolidays = z.infer<ReturnType<typeof countryHolidaysSchema>>;
