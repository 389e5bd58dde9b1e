/**
 * The single fields the configuration is made of (ids, time zones, dates, durations, Slack ids,
 * shares and bounded numbers), each with the message that says what to fix.
 */
import { IANAZone } from 'luxon';
import * as z from 'zod';
import { boundedNumber, boundedString } from './bounded-schemas.js';
import { parseDuration, parseSpan } from './duration.js';
import { isRealDate, isSlug } from './field-rules.js';
import { lazy } from './lazy.js';
import { formatLimit, MAX_CODE_LENGTH, MAX_SLACK_ID_LENGTH, MAX_SLUG_LENGTH } from './limits.js';
import { describeValue, didYouMean } from './validation-error.js';

export { isRealDate, isSlug } from './field-rules.js';

/**
 * A strict object whose unknown keys are reported one line per key, with the field it most
 * likely meant: a typo such as `objectve` must not be silently ignored.
 */
export function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
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

export const required = (what: string) => (issue: { input?: unknown; code: string }) =>
  issue.code === 'invalid_type'
    ? issue.input === undefined
      ? 'is required'
      : `must be ${what}, got ${describeValue(issue.input)}`
    : undefined;

export const text = (max: number) => boundedString(max, required('text')).trim().min(1, 'must not be empty');

export const atMostItems = (max: number, what: string) => ({
  message: `must have at most ${formatLimit(max)} ${what}`,
});

export const durationTextSchema = lazy(() =>
  boundedString(MAX_CODE_LENGTH, required('a duration such as 8h or 30m')).superRefine((value, ctx) => {
    try {
      parseDuration(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message, input: value });
    }
  }),
);

/** An escalation step's wait: a duration, or business days of the commitment's calendar (`2bd`). */
export const spanTextSchema = lazy(() =>
  boundedString(MAX_CODE_LENGTH, required('a duration such as 8h, 30m or 2bd (business days)'))
    .superRefine((value, ctx) => {
      try {
        parseSpan(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message, input: value });
      }
    })
    .describe(
      'How long after the alert opened: 30m, 8h, 1d (= 24h) or 2bd (business days), counted in business time when the commitment has a calendar. 1bd is one business day of that calendar, however long it is open; 1d is always 24 hours.',
    ),
);

const zoneNames = (): string[] => Intl.supportedValuesOf('timeZone');

export const timezoneSchema = lazy(() =>
  boundedString(MAX_CODE_LENGTH, required('an IANA time zone such as America/New_York')).refine(
    (zone) => IANAZone.isValidZone(zone),
    {
      error: (issue) => {
        const zone = String(issue.input);
        const hint = didYouMean(zone, zoneNames());
        return `unknown time zone '${zone}'${hint === '' ? '; use an IANA name such as America/New_York or Europe/Berlin' : hint}`;
      },
    },
  ),
);

export const localDateSchema = lazy(() =>
  boundedString(MAX_CODE_LENGTH, required('a date written YYYY-MM-DD')).refine(isRealDate, {
    error: (issue) => `must be a real date written YYYY-MM-DD, got ${describeValue(issue.input)}`,
  }),
);

export const slugSchema = lazy(() =>
  boundedString(MAX_SLUG_LENGTH, required('a lowercase id')).refine(isSlug, {
    error: (issue) =>
      `must be a lowercase id like 'marketing-qualified-leads' (letters, digits and single hyphens, at most ${MAX_SLUG_LENGTH} characters), got ${describeValue(issue.input)}`,
  }),
);

// Slack's APIs want IDs; channel names change when someone renames the channel.
export const slackChannel = lazy(() =>
  boundedString(MAX_SLACK_ID_LENGTH, required('a Slack channel ID such as C0123ABCD')).regex(
    /^[CGD][A-Z0-9]{2,}$/,
    {
      error: (issue) =>
        `must be a Slack channel ID such as C0123ABCD (copy it from the channel's details; names like #sales change), got ${describeValue(issue.input)}`,
    },
  ),
);
export const slackUser = lazy(() =>
  boundedString(MAX_SLACK_ID_LENGTH, required('a Slack user ID such as U0123ABCD')).regex(
    /^[UW][A-Z0-9]{2,}$/,
    {
      error: (issue) =>
        `must be a Slack user ID such as U0123ABCD (from the person's profile, "Copy member ID"), got ${describeValue(issue.input)}`,
    },
  ),
);

export const positive = (maxMessage?: string, max?: number) =>
  boundedNumber(required('a number'), {
    min: { value: 0, inclusive: false, message: 'must be > 0' },
    ...(max === undefined ? {} : { max }),
    ...(maxMessage === undefined ? {} : { maxMessage }),
  });

/** A share of 1: people write 99.5 or "99.5%" and mean 0.995. */
export const share = lazy(() =>
  boundedNumber(required('a number between 0 and 1, such as 0.995 for 99.5%'), {
    min: { value: 0, inclusive: false, message: 'must be > 0' },
    max: 1,
    maxMessage: 'must be <= 1 (a share: write 0.995 for 99.5%)',
  }),
);

export const unitInterval = lazy(() =>
  boundedNumber(required('a number between 0 and 1'), {
    min: { value: 0, inclusive: true, message: 'must be >= 0' },
    max: 1,
    maxMessage: 'must be <= 1 (a share of 1: 0.2 = 20%)',
  }),
);
