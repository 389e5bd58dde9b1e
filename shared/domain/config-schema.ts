/**
 * Zod schemas of the configuration file as written (PRODUCT.md §3), before normalization.
 *
 * They check shapes, types and single-field rules; everything that needs two fields or another
 * section (known departments, measure-dependent fields, overlapping hours) lives in the
 * normalizers, which report in the same `{ path, message }` form.
 */
import { IANAZone } from 'luxon';
import * as z from 'zod';
import { parseDuration } from './duration.js';
import { describeValue, didYouMean, meantHint } from './validation-error.js';

/**
 * A strict object whose unknown keys are reported one line per key, with the field it most
 * likely meant: a typo such as `objectve` must not be silently ignored.
 */
function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      return issue.keys
        .map((key) => {
          const hint = didYouMean(key, known);
          return `unknown field '${key}'${hint === '' ? `; allowed: ${known.join(', ')}` : hint}`;
        })
        .join('\n');
    },
  });
}

const required = (what: string) => (issue: { input?: unknown; code: string }) =>
  issue.code === 'invalid_type'
    ? issue.input === undefined
      ? 'is required'
      : `must be ${what}, got ${describeValue(issue.input)}`
    : undefined;

const text = z
  .string({ error: required('text') })
  .trim()
  .min(1, 'must not be empty');

export const durationTextSchema = z
  .string({ error: required('a duration such as 8h or 30m') })
  .superRefine((value, ctx) => {
    try {
      parseDuration(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message, input: value });
    }
  });

const zoneNames = (): string[] => Intl.supportedValuesOf('timeZone');

export const timezoneSchema = z
  .string({ error: required('an IANA time zone such as America/New_York') })
  .refine((zone) => IANAZone.isValidZone(zone), {
    error: (issue) => {
      const zone = String(issue.input);
      const hint = didYouMean(zone, zoneNames());
      return `unknown time zone '${zone}'${hint === '' ? '; use an IANA name such as America/New_York or Europe/Berlin' : hint}`;
    },
  });

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(value: string): boolean {
  const match = LOCAL_DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.UTC rolls 2026-02-30 over into March; a real date survives the round trip.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const localDateSchema = z.string({ error: required('a date written YYYY-MM-DD') }).refine(isRealDate, {
  error: (issue) => `must be a real date written YYYY-MM-DD, got ${describeValue(issue.input)}`,
});

const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export function isSlug(value: string): boolean {
  return SLUG.test(value) && value.length <= 64;
}

export const slugSchema = z.string({ error: required('a lowercase id') }).refine(isSlug, {
  error: (issue) =>
    `must be a lowercase id like 'marketing-qualified-leads' (letters, digits and single hyphens, at most 64), got ${describeValue(issue.input)}`,
});

// Slack's APIs want IDs; channel names change when someone renames the channel.
const slackChannel = z
  .string({ error: required('a Slack channel ID such as C0123ABCD') })
  .regex(/^[CGD][A-Z0-9]{2,}$/, {
    error: (issue) =>
      `must be a Slack channel ID such as C0123ABCD (copy it from the channel's details; names like #sales change), got ${describeValue(issue.input)}`,
  });
const slackUser = z
  .string({ error: required('a Slack user ID such as U0123ABCD') })
  .regex(/^[UW][A-Z0-9]{2,}$/, {
    error: (issue) =>
      `must be a Slack user ID such as U0123ABCD (from the person's profile, "Copy member ID"), got ${describeValue(issue.input)}`,
  });

const positive = z.number({ error: required('a number') }).gt(0, 'must be > 0');

/** A share of 1: people write 99.5 or "99.5%" and mean 0.995. */
const share = z
  .number({ error: required('a number between 0 and 1, such as 0.995 for 99.5%') })
  .gt(0, 'must be > 0')
  .lte(1, 'must be <= 1 (a share: write 0.995 for 99.5%)');

const unitInterval = z
  .number({ error: required('a number between 0 and 1') })
  .gte(0, 'must be >= 0')
  .lte(1, 'must be <= 1 (a share of 1: 0.2 = 20%)');

const hoursValue = z.union([z.string(), z.array(z.string()).min(1, 'must not be empty')], {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `must be open hours such as "08:00-18:00", "09:00-12:00,13:00-17:00", a list of them, or "closed"; got ${describeValue(issue.input)}`
      : undefined,
});

/** Kinds of days off that a country's holiday data knows; only `public` unless a calendar asks. */
export const HOLIDAY_TYPES = ['public', 'bank', 'school', 'optional', 'observance'] as const;

/** A country's (or one of its regions') holidays, from maintained holiday data. */
export const countryHolidaysSchema = strictObject({
  country: z
    .string({ error: required('a two-letter country code such as US or DE') })
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code (ISO 3166-1) such as US or DE'),
  region: z
    .string({ error: required('a region code such as NY') })
    .regex(/^[A-Za-z0-9]{1,10}$/, 'must be a region code such as NY or BY (letters and digits, at most 10)')
    .optional(),
  types: z.array(z.enum(HOLIDAY_TYPES)).min(1, 'must not be empty').optional(),
});

/** An iCalendar file beside the commitments file: every event in it is a day off. */
export const icsHolidaysSchema = strictObject({
  ics: z
    .string({ error: required('the name of an .ics file beside the commitments file') })
    .regex(/^[^/\\].*\.ics$/i, 'must be a relative path to an .ics file, such as holidays.ics'),
});

const holidaySource = z.union([countryHolidaysSchema, icsHolidaysSchema]);

const HOLIDAYS_FORMS =
  'dates (YYYY-MM-DD), { country: US, region: NY }, { ics: holidays.ics }, or a list mixing them';

export const holidaysSchema = z.union([z.array(z.union([localDateSchema, holidaySource])), holidaySource], {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `must be ${HOLIDAYS_FORMS}; got ${describeValue(issue.input)}`
      : undefined,
});

export const rawCalendarSchema = strictObject({
  timezone: timezoneSchema.optional(),
  hours: z.record(z.string(), hoursValue, {
    error: required('a mapping of weekdays to hours, like { mon-fri: "08:00-18:00" }'),
  }),
  holidays: holidaysSchema.optional(),
});

export const rawDepartmentSchema = strictObject({
  name: text,
  slack: strictObject({
    channel: slackChannel.optional(),
    lead: slackUser.optional(),
    members: z.array(slackUser, { error: required('a list of Slack user IDs') }).optional(),
  }).optional(),
  emails: z
    .array(z.email({ error: (issue) => `must be an email address, got ${describeValue(issue.input)}` }))
    .optional(),
});

export const rawEscalationStepSchema = strictObject({
  after: durationTextSchema,
  notify: z
    .array(text, { error: required('a list such as [provider.lead, consumer]') })
    .min(1, 'must not be empty'),
});

export const rawEscalationSchema = z
  .array(rawEscalationStepSchema, {
    error: required('a list of steps such as - { after: 0h, notify: [provider] }'),
  })
  .min(1, 'must have at least one step');

export const rawDigestSchema = strictObject({
  schedule: z.string({ error: required('a weekday and time such as "mon 08:00"') }).optional(),
  to: text.optional(),
});

export const rawEvaluationSchema = strictObject({
  every: durationTextSchema.optional(),
});

export const MEASURES = ['total', 'ratio', 'duration', 'availability'] as const;
export const PERIOD_KINDS = ['week', 'month', 'quarter'] as const;
export const REVIEW_CADENCES = ['month', 'quarter', 'half', 'year'] as const;

const reviewCadence = z.enum(REVIEW_CADENCES);

export const rawDerivedTargetSchema = strictObject({
  derive: strictObject({
    revenue: positive,
    dealSize: positive,
    closeRate: positive.lte(1, 'must be <= 1 (a share: 0.2 = 20%)'),
  }),
});

export const rawCommitmentSchema = strictObject({
  id: slugSchema,
  title: text,
  provider: text,
  consumer: text,
  measure: z.enum(MEASURES),
  unit: text.optional(),
  period: z.enum(PERIOD_KINDS).optional(),
  timezone: timezoneSchema.optional(),
  calendar: text.optional(),
  pacing: z.enum(['calendar', 'business']).optional(),
  comparator: z.enum(['atLeast', 'atMost']).optional(),
  target: z
    .union([positive, rawDerivedTargetSchema], {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `must be a positive number or { derive: { revenue, dealSize, closeRate } }, got ${describeValue(issue.input)}`
          : undefined,
    })
    .optional(),
  objective: share.optional(),
  threshold: durationTextSchema.optional(),
  atRisk: strictObject({
    projectedBelow: unitInterval.optional(),
    notBefore: unitInterval.optional(),
  }).optional(),
  escalation: rawEscalationSchema.optional(),
  credits: z
    .array(
      strictObject({
        below: positive.lte(1, 'must be <= 1 (attainment: 0.8 = 80% of the target)').optional(),
        above: z
          .number({ error: required('a number') })
          .gte(1, 'must be >= 1 (1.1 = 10% over the cap)')
          .optional(),
        credit: z.number({ error: required('a number') }).gte(0, 'must be >= 0'),
      }),
      { error: required('a list of tiers such as - { below: 1.0, credit: 5 }') },
    )
    .optional(),
  review: z
    .union([reviewCadence, strictObject({ cadence: reviewCadence, baseline: localDateSchema.optional() })], {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `must be one of ${REVIEW_CADENCES.join(', ')}, or { cadence, baseline: YYYY-MM-DD }; got ${describeValue(issue.input)}${typeof issue.input === 'string' ? meantHint(issue.input, REVIEW_CADENCES) : ''}`
          : undefined,
    })
    .optional(),
});

/**
 * The top level. Sections are checked here only for their outer type; each entry is then
 * validated on its own so that one broken department does not hide problems elsewhere.
 */
export const rawConfigEnvelopeSchema = strictObject({
  timezone: timezoneSchema,
  calendars: z
    .record(z.string(), z.unknown(), { error: required('a mapping of calendar names to calendars') })
    .optional(),
  departments: z.record(z.string(), z.unknown(), {
    error: required('a mapping of department ids to departments'),
  }),
  escalation: z.unknown().optional(),
  digest: z.unknown().optional(),
  evaluation: z.unknown().optional(),
  commitments: z.array(z.unknown(), {
    error: (issue) =>
      issue.code !== 'invalid_type'
        ? undefined
        : issue.input === undefined
          ? 'is required; write `commitments: []` when there are none yet'
          : `must be a list of commitments, got ${describeValue(issue.input)}`,
  }),
});

export type RawCalendar = z.infer<typeof rawCalendarSchema>;
export type CountryHolidays = z.infer<typeof countryHolidaysSchema>;
export type RawDepartment = z.infer<typeof rawDepartmentSchema>;
export type RawEscalationStep = z.infer<typeof rawEscalationStepSchema>;
export type RawDigest = z.infer<typeof rawDigestSchema>;
export type RawEvaluation = z.infer<typeof rawEvaluationSchema>;
export type RawCommitment = z.infer<typeof rawCommitmentSchema>;
export type RawConfigEnvelope = z.infer<typeof rawConfigEnvelopeSchema>;
