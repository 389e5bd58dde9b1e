/**
 * The bounds every input is held to, in one place, so the config, the HTTP bodies and the docs
 * quote the same numbers.
 *
 * Why these numbers: DynamoDB keeps a number exactly only within 38 digits and between 1e-130
 * and 1e126, and JavaScript adds exactly only below 2^53; an item is at most 400 KB. Every value
 * stays far inside those walls, and the counts below keep the largest stored item (a commitment's
 * head with its last 12 versions, or the stored config) under that size with room to spare.
 */

/** The largest magnitude of any number in a config or an event (sums of them stay exact). */
export const MAX_NUMBER = 1_000_000_000;
/** The smallest magnitude of a number other than 0: finer values are noise, and tiny ones underflow. */
export const MIN_FRACTION = 0.000001;

/** Event ids, subjects, incidents, excusal ids and who (`by`): keys that callers choose. */
export const MAX_KEY_LENGTH = 200;
/** Commitment and department ids (lowercase slugs). */
export const MAX_SLUG_LENGTH = 64;
export const MAX_TITLE_LENGTH = 200;
/** Department names, calendar names, references to them and notify targets. */
export const MAX_NAME_LENGTH = 100;
export const MAX_UNIT_LENGTH = 32;
/** Notes and reasons: a sentence or a short paragraph. */
export const MAX_NOTE_LENGTH = 1000;
/** Where an event came from (`crm`, `webhook`). */
export const MAX_SOURCE_LENGTH = 100;
/** Short codes: durations (`8h`), schedules (`mon 08:00`), time zones, dates, hours of a day. */
export const MAX_CODE_LENGTH = 64;
/** Slack channel and user ids are about 11 characters; 20 leaves room for longer ones. */
export const MAX_SLACK_ID_LENGTH = 20;
/** The longest email address that SMTP allows. */
export const MAX_EMAIL_LENGTH = 254;

/** The config text (`POST /v1/config:apply`, `sla apply`). */
export const MAX_CONFIG_BYTES = 256 * 1024;
export const MAX_COMMITMENTS = 200;
export const MAX_DEPARTMENTS = 50;
export const MAX_DEPARTMENT_MEMBERS = 50;
export const MAX_DEPARTMENT_EMAILS = 10;
export const MAX_CALENDARS = 10;
export const MAX_HOLIDAYS = 400;
export const MAX_SPANS_PER_DAY = 12;
export const MAX_ESCALATION_STEPS = 10;
/**
 * One step may reach every department (a company-wide outage), but a whole policy names at most
 * as many targets as ten steps of ten, which keeps a stored commitment's versions within an item.
 */
export const MAX_NOTIFY_TARGETS = MAX_DEPARTMENTS;
export const MAX_POLICY_TARGETS = 100;
export const MAX_CREDIT_TIERS = 10;
/** Roles named for one action, and Slack users named as admins. */
export const MAX_PERMISSION_ROLES = 10;
export const MAX_ADMINS = 50;
/** An at-risk alert's recovery line, as a share of the target: past twice the target it is never reached. */
export const MAX_RECOVER_ABOVE = 2;
/** Outcomes an objective may wait for before its burn rate warns: past a million it never would. */
export const MAX_MIN_EVENTS = 1_000_000;
/** Burn-rate alert rules per commitment (the usual set has two to four). */
export const MAX_BURN_RATE_RULES = 6;
/** The longest burn-rate window: three days, the longest the usual multiwindow alerts use. */
export const MAX_BURN_RATE_WINDOW_MS = 3 * 24 * 3_600_000;
/** The shortest: a minute, the resolution outcomes are counted at. */
export const MIN_BURN_RATE_WINDOW_MS = 60_000;

/** `must be at most 200 characters`: how a length limit is quoted in messages. */
export const tooLongMessage = (max: number) => `must be at most ${formatLimit(max)} characters`;

export const WELL_FORMED_MESSAGE =
  'must be well-formed Unicode text (it contains a lone surrogate, half of a character)';

/** `1,000,000,000`: how limits are quoted in messages. */
export function formatLimit(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** False for text with a lone surrogate, which cannot be stored or compared as itself. */
export function isWellFormed(text: string): boolean {
  // String.prototype.isWellFormed is in Node 20; the ES2023 type library does not declare it yet.
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** Senders named in `sources:`; each one is a route and a secret to keep. */
export const MAX_SOURCES = 50;
/** Rules of one source: each delivered item is matched against every one of them. */
export const MAX_SOURCE_RULES = 100;
/** Fields one rule's `when` may name (nested fields included). */
export const MAX_WHEN_FIELDS = 20;
