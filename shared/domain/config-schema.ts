/**
 * Zod schemas of the configuration file as written, before normalization.
 *
 * They check shapes, types and single-field rules; everything that needs two fields or another
 * section (known departments, measure-dependent fields, overlapping hours) lives in the
 * normalizers, which report in the same `{ path, message }` form.
 */
import * as z from 'zod';
import { boundedNumber, boundedString } from './bounded-schemas.js';
import { minEventsSchema, rawAlertsSchema } from './config-alert-schema.js';
import {
  atMostItems,
  durationTextSchema,
  isRealDate,
  localDateSchema,
  positive,
  required,
  share,
  slackChannel,
  slackUser,
  slugSchema,
  spanTextSchema,
  strictObject,
  text,
  timezoneSchema,
  unitInterval,
} from './config-fields.js';
import { holidaysSchema } from './config-holidays-schema.js';
import { lazy } from './lazy.js';
import {
  MAX_ADMINS,
  MAX_CODE_LENGTH,
  MAX_CREDIT_TIERS,
  MAX_DEPARTMENT_EMAILS,
  MAX_DEPARTMENT_MEMBERS,
  MAX_EMAIL_LENGTH,
  MAX_ESCALATION_STEPS,
  MAX_NAME_LENGTH,
  MAX_NOTIFY_TARGETS,
  MAX_PERMISSION_ROLES,
  MAX_POLICY_TARGETS,
  MAX_RECOVER_ABOVE,
  MAX_SPANS_PER_DAY,
  MAX_TITLE_LENGTH,
  MAX_UNIT_LENGTH,
} from './limits.js';
import { describeValue, meantHint } from './validation-error.js';

export { durationTextSchema, isSlug, localDateSchema, slugSchema, timezoneSchema } from './config-fields.js';
export {
  type CountryHolidays,
  countryHolidaysSchema,
  HOLIDAY_TYPES,
  holidaysSchema,
  icsHolidaysSchema,
} from './config-holidays-schema.js';

const hoursText = lazy(() => boundedString(MAX_CODE_LENGTH));
const hoursValue = lazy(() =>
  z.union(
    [
      hoursText(),
      z
        .array(hoursText())
        .min(1, 'must not be empty')
        .max(MAX_SPANS_PER_DAY, atMostItems(MAX_SPANS_PER_DAY, 'spans of hours')),
    ],
    {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `must be open hours such as "08:00-18:00", "09:00-12:00,13:00-17:00", a list of them, or "closed"; got ${describeValue(issue.input)}`
          : undefined,
    },
  ),
);

export const rawCalendarSchema = lazy(() =>
  strictObject({
    timezone: timezoneSchema().optional(),
    hours: z.record(z.string(), hoursValue(), {
      error: required('a mapping of weekdays to hours, like { mon-fri: "08:00-18:00" }'),
    }),
    holidays: holidaysSchema().optional(),
  }),
);

export const rawDepartmentSchema = lazy(() =>
  strictObject({
    name: text(MAX_NAME_LENGTH),
    slack: strictObject({
      channel: slackChannel().optional(),
      lead: slackUser().optional(),
      members: z
        .array(slackUser(), { error: required('a list of Slack user IDs') })
        .max(MAX_DEPARTMENT_MEMBERS, atMostItems(MAX_DEPARTMENT_MEMBERS, 'members'))
        .optional(),
    }).optional(),
    emails: z
      .array(
        boundedString(MAX_EMAIL_LENGTH).pipe(
          z.email({ error: (issue) => `must be an email address, got ${describeValue(issue.input)}` }),
        ),
      )
      .max(MAX_DEPARTMENT_EMAILS, atMostItems(MAX_DEPARTMENT_EMAILS, 'email addresses'))
      .optional(),
  }),
);

export const rawEscalationStepSchema = lazy(() =>
  strictObject({
    after: spanTextSchema(),
    notify: z
      .array(text(MAX_NAME_LENGTH), { error: required('a list such as [provider.lead, consumer]') })
      .min(1, 'must not be empty')
      .max(MAX_NOTIFY_TARGETS, atMostItems(MAX_NOTIFY_TARGETS, 'targets')),
  }),
);

export const rawEscalationSchema = lazy(() =>
  z
    .array(rawEscalationStepSchema(), {
      error: required('a list of steps such as - { after: 0h, notify: [provider] }'),
    })
    .min(1, 'must have at least one step')
    .max(MAX_ESCALATION_STEPS, atMostItems(MAX_ESCALATION_STEPS, 'steps'))
    .refine((steps) => steps.reduce((sum, step) => sum + step.notify.length, 0) <= MAX_POLICY_TARGETS, {
      error: (issue) => {
        const steps = issue.input as Array<{ notify: unknown[] }>;
        const total = steps.reduce((sum, step) => sum + step.notify.length, 0);
        return `names ${total} notify targets across its steps; a policy may name at most ${MAX_POLICY_TARGETS}`;
      },
    }),
);

export const rawDigestSchema = lazy(() =>
  strictObject({
    schedule: boundedString(MAX_CODE_LENGTH, required('a weekday and time such as "mon 08:00"')).optional(),
    to: text(MAX_NAME_LENGTH).optional(),
  }),
);

export const rawEvaluationSchema = lazy(() =>
  strictObject({
    every: durationTextSchema().optional(),
  }),
);

const roleList = lazy(() =>
  z
    .array(text(MAX_NAME_LENGTH), { error: required('a list of roles such as [provider, consumer]') })
    .max(MAX_PERMISSION_ROLES, atMostItems(MAX_PERMISSION_ROLES, 'roles')),
);

/** Who may do what; an empty list leaves the action to admins alone. */
export const rawPermissionsSchema = lazy(() =>
  strictObject({
    log: roleList().optional(),
    ack: roleList().optional(),
    snooze: roleList().optional(),
    excuse: roleList().optional(),
    approveExcusal: roleList().optional(),
  }),
);

export const rawAdminsSchema = lazy(() =>
  z
    .array(slackUser(), { error: required('a list of Slack user IDs such as [U0OPSADMIN]') })
    .max(MAX_ADMINS, atMostItems(MAX_ADMINS, 'admins')),
);

export const MEASURES = ['total', 'ratio', 'duration', 'availability'] as const;
export const PERIOD_KINDS = ['week', 'month', 'quarter'] as const;
export const REVIEW_CADENCES = ['month', 'quarter', 'half', 'year'] as const;
export const VALUE_KINDS = ['whole', 'decimal'] as const;

const reviewCadence = lazy(() => z.enum(REVIEW_CADENCES));

export const rawDerivedTargetSchema = lazy(() =>
  strictObject({
    derive: strictObject({
      revenue: positive(),
      dealSize: positive(),
      closeRate: positive('must be <= 1 (a share: 0.2 = 20%)', 1),
    }),
  }),
);

export const rawCommitmentSchema = lazy(() =>
  strictObject({
    id: slugSchema(),
    title: text(MAX_TITLE_LENGTH),
    provider: text(MAX_NAME_LENGTH),
    consumer: text(MAX_NAME_LENGTH),
    measure: z.enum(MEASURES),
    unit: text(MAX_UNIT_LENGTH).optional(),
    period: z.enum(PERIOD_KINDS).optional(),
    timezone: timezoneSchema().optional(),
    calendar: text(MAX_NAME_LENGTH).optional(),
    pacing: z.enum(['calendar', 'business']).optional(),
    comparator: z.enum(['atLeast', 'atMost']).optional(),
    values: z.enum(VALUE_KINDS).optional(),
    target: z
      .union([positive(), rawDerivedTargetSchema()], {
        error: (issue) =>
          issue.code === 'invalid_union'
            ? `must be a positive number or { derive: { revenue, dealSize, closeRate } }, got ${describeValue(issue.input)}`
            : undefined,
      })
      .optional(),
    objective: share().optional(),
    threshold: durationTextSchema().optional(),
    atRisk: strictObject({
      projectedBelow: unitInterval().optional(),
      notBefore: unitInterval().optional(),
      recoverAbove: boundedNumber(required('a number between 0 and 2, such as 0.98 for 98% of the target'), {
        min: { value: 0, inclusive: false, message: 'must be > 0' },
        max: MAX_RECOVER_ABOVE,
        maxMessage: `must be <= ${MAX_RECOVER_ABOVE} (a share of the target: 0.98 = 98%)`,
      }).optional(),
      minEvents: minEventsSchema().optional(),
    }).optional(),
    alerts: rawAlertsSchema().optional(),
    escalation: rawEscalationSchema().optional(),
    permissions: rawPermissionsSchema().optional(),
    credits: z
      .array(
        strictObject({
          below: positive('must be <= 1 (attainment: 0.8 = 80% of the target)', 1).optional(),
          above: boundedNumber(required('a number'), {
            min: { value: 1, inclusive: true, message: 'must be >= 1 (1.1 = 10% over the cap)' },
          }).optional(),
          credit: boundedNumber(required('a number'), {
            min: { value: 0, inclusive: true, message: 'must be >= 0' },
          }),
        }),
        { error: required('a list of tiers such as - { below: 1.0, credit: 5 }') },
      )
      .max(MAX_CREDIT_TIERS, atMostItems(MAX_CREDIT_TIERS, 'tiers'))
      .optional(),
    review: z
      .union(
        [reviewCadence(), strictObject({ cadence: reviewCadence(), baseline: localDateSchema().optional() })],
        {
          error: (issue) =>
            issue.code === 'invalid_union'
              ? `must be one of ${REVIEW_CADENCES.join(', ')}, or { cadence, baseline: YYYY-MM-DD }; got ${describeValue(issue.input)}${typeof issue.input === 'string' ? meantHint(issue.input, REVIEW_CADENCES) : ''}`
              : undefined,
        },
      )
      .optional(),
    effectiveFrom: boundedString(MAX_CODE_LENGTH, required("a date written YYYY-MM-DD, or 'next-period'"))
      .refine((value) => value === 'next-period' || isRealDate(value), {
        error: (issue) =>
          `must be a date written YYYY-MM-DD (the commitment's local midnight) or 'next-period', got ${describeValue(issue.input)}`,
      })
      .optional(),
  }),
);

/**
 * The top level. Sections are checked here only for their outer type; each entry is then
 * validated on its own so that one broken department does not hide problems elsewhere.
 */
export const rawConfigEnvelopeSchema = lazy(() =>
  strictObject({
    timezone: timezoneSchema(),
    creditUnit: text(MAX_UNIT_LENGTH).optional(),
    calendars: z
      .record(z.string(), z.unknown(), { error: required('a mapping of calendar names to calendars') })
      .optional(),
    departments: z.record(z.string(), z.unknown(), {
      error: required('a mapping of department ids to departments'),
    }),
    escalation: z.unknown().optional(),
    digest: z.unknown().optional(),
    evaluation: z.unknown().optional(),
    admins: z.unknown().optional(),
    permissions: z.unknown().optional(),
    sources: z
      .record(z.string(), z.unknown(), { error: required('a mapping of source names to sources') })
      .optional(),
    commitments: z.array(z.unknown(), {
      error: (issue) =>
        issue.code !== 'invalid_type'
          ? undefined
          : issue.input === undefined
            ? 'is required; write `commitments: []` when there are none yet'
            : `must be a list of commitments, got ${describeValue(issue.input)}`,
    }),
  }),
);

export type RawCalendar = z.infer<ReturnType<typeof rawCalendarSchema>>;
export type RawDepartment = z.infer<ReturnType<typeof rawDepartmentSchema>>;
export type RawEscalationStep = z.infer<ReturnType<typeof rawEscalationStepSchema>>;
export type RawDigest = z.infer<ReturnType<typeof rawDigestSchema>>;
export type RawEvaluation = z.infer<ReturnType<typeof rawEvaluationSchema>>;
export type RawPermissions = z.infer<ReturnType<typeof rawPermissionsSchema>>;
export type RawCommitment = z.infer<ReturnType<typeof rawCommitmentSchema>>;
export type RawConfigEnvelope = z.infer<ReturnType<typeof rawConfigEnvelopeSchema>>;
