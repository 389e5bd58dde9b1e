/**
 * How the HTTP edge and the Slack edge answer each error code: one table, so the two cannot drift.
 * Its type follows the list of codes: a code whose message may be shown needs an answer, any other
 * is marked internal (a bare 500, a polite Slack reply, and the error logged).
 */
import { CodedError, type ErrorCode, type ExposedCode, isExposedCode } from '../domain/coded-error.js';

/** What a person reads in Slack. */
export type SlackAnswer =
  /** The error's own message, as a warning. */
  | 'message'
  /** Every field issue of a ValidationError, so all of them are fixed in one go. */
  | 'issues'
  /** The id that was not found, with the known ids closest to it. */
  | 'not-found'
  /** The clicked alert is over, and where the newer one is when there is one. */
  | 'alert-over'
  /** A refusal that says who may; nothing was changed. */
  | 'forbidden'
  /** Fixed words, for errors whose own message is written for an API caller. */
  | { note: string };

export interface ErrorAnswer {
  /** A 4xx: the caller can do something about it. */
  status: number;
  /** The problem's title; its detail is the error's message. */
  title: string;
  slack: SlackAnswer;
}

export const INTERNAL = 'internal';

type ErrorTable = {
  readonly [C in ErrorCode]: C extends ExposedCode ? ErrorAnswer : typeof INTERNAL;
};

const invalidRequest = { status: 400, title: 'Invalid request' } as const;

// Slack's words for these speak of the alert a person clicked or named, not of the API call.
const TRY_AGAIN =
  ':arrows_counterclockwise: Someone changed the same alert at the same moment; please try again.';
const NOTHING_TO_ACT_ON =
  ':information_source: There is no open alert on that commitment right now (it is on track, or the alert already closed), so there is nothing to acknowledge or snooze.';

export const ERROR_TABLE: ErrorTable = {
  VALIDATION_FAILED: { ...invalidRequest, slack: 'issues' },
  BAD_REQUEST: { ...invalidRequest, slack: 'message' },
  INVALID_PERIOD_KEY: { status: 400, title: 'Invalid period', slack: 'message' },
  INVALID_DURATION: { status: 400, title: 'Invalid duration', slack: 'message' },
  INVALID_SNOOZE: { status: 400, title: 'Invalid snooze', slack: 'message' },
  COMMITMENT_NOT_FOUND: { status: 404, title: 'Commitment not found', slack: 'not-found' },
  CONCURRENT_UPDATE: { status: 409, title: 'Conflict', slack: { note: TRY_AGAIN } },
  VERSION_MISMATCH: { status: 409, title: 'Version conflict', slack: 'message' },
  PERIOD_CLOSED: { status: 409, title: 'Period closed', slack: 'message' },
  NO_OPEN_ALERT: { status: 409, title: 'No open alert', slack: { note: NOTHING_TO_ACT_ON } },
  ALERT_OVER: { status: 409, title: 'Alert over', slack: 'alert-over' },
  EVENT_NOT_FOUND: { status: 404, title: 'Event not found', slack: 'message' },
  EVENT_NOT_VOIDABLE: { status: 409, title: 'Event cannot be voided', slack: 'message' },
  FORBIDDEN: { status: 403, title: 'Forbidden', slack: 'forbidden' },
  EXCUSAL_NOT_FOUND: { status: 404, title: 'Excusal not found', slack: 'message' },
  EXCUSAL_DECIDED: { status: 409, title: 'Excusal already decided', slack: 'message' },
  // An HttpProblem carries its own status and title; these stand for the common case.
  HTTP_PROBLEM: { ...invalidRequest, slack: 'message' },

  INCOMPLETE_DEFINITION: INTERNAL,
  AGGREGATE_MISMATCH: INTERNAL,
  INVALID_INSTANT: INTERNAL,
  INVALID_TIME_ZONE: INTERNAL,
  PERIOD_NOT_ENDED: INTERNAL,
  CALENDAR_NEVER_OPENS: INTERNAL,
  ALERT_STATE_MISMATCH: INTERNAL,
  HOLIDAY_SOURCE: INTERNAL,
  UNPROCESSED_KEYS: INTERNAL,
  SLACK_POST_FAILED: INTERNAL,
  SLACK_UPDATE_FAILED: INTERNAL,
  SLACK_RESPONSE_URL_FAILED: INTERNAL,
  SLACK_SECRET_INVALID: INTERNAL,
  SECRET_INVALID: INTERNAL,
  SLACK_NOTIFY_FAILED: INTERNAL,
  INVALID_NOTIFICATION: INTERNAL,
  DELIVERY_IN_PROGRESS: INTERNAL,
  INVALID_INFRA_CONFIG: INTERNAL,
  DYNAMODB_LOCAL_START_FAILED: INTERNAL,
  JAVA_MISSING: INTERNAL,
  PORT_IN_USE: INTERNAL,
  REQUEST_TOO_LARGE: INTERNAL,
  CONFIG_FILE: INTERNAL,
  DATA_DIR: INTERNAL,
  USAGE: INTERNAL,
  API_ERROR: INTERNAL,
  NETWORK: INTERNAL,
};

/** An error the edges may show, and their answer to it. */
export interface ExposedError {
  error: CodedError;
  answer: ErrorAnswer;
}

/** The answer to `error` when its message may be shown; undefined for anything else. */
export function exposedAnswer(error: unknown): ExposedError | undefined {
  if (!(error instanceof CodedError) || !isExposedCode(error.code)) return undefined;
  return { error, answer: ERROR_TABLE[error.code] };
}
