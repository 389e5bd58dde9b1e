/**
 * Every code an error of this system carries, and whether its message is written for the person
 * whose request failed. `true`: the HTTP and Slack edges show the message (a bad input, a record that
 * is not there, a conflict to retry). `false`: a bug, an outage or the operator's setup; the edges
 * log it and answer with words that leak nothing. The edges' wording for each code is one table,
 * typed against this list, so a new code cannot ship without an answer.
 */
export const ERROR_CODES = {
  // Input a person can fix, or a state they can act on.
  VALIDATION_FAILED: true,
  BAD_REQUEST: true,
  INVALID_PERIOD_KEY: true,
  INVALID_DURATION: true,
  INVALID_SNOOZE: true,
  COMMITMENT_NOT_FOUND: true,
  CONCURRENT_UPDATE: true,
  VERSION_MISMATCH: true,
  PERIOD_CLOSED: true,
  NO_OPEN_ALERT: true,
  ALERT_OVER: true,
  EVENT_NOT_FOUND: true,
  EVENT_NOT_VOIDABLE: true,
  /** The person may not do this; the message says who may. */
  FORBIDDEN: true,
  EXCUSAL_NOT_FOUND: true,
  EXCUSAL_DECIDED: true,
  /** An HTTP answer the handler already decided (status, title and detail). */
  HTTP_PROBLEM: true,

  // The core was called wrongly: validation should have stopped it earlier.
  INCOMPLETE_DEFINITION: false,
  AGGREGATE_MISMATCH: false,
  INVALID_INSTANT: false,
  INVALID_TIME_ZONE: false,
  PERIOD_NOT_ENDED: false,
  CALENDAR_NEVER_OPENS: false,
  ALERT_STATE_MISMATCH: false,
  /** Caught while reading a configuration and reported there as a field issue. */
  HOLIDAY_SOURCE: false,

  // Stores, Slack and SNS failing, or a delivery to be retried.
  UNPROCESSED_KEYS: false,
  SLACK_POST_FAILED: false,
  SLACK_UPDATE_FAILED: false,
  SLACK_RESPONSE_URL_FAILED: false,
  SLACK_SECRET_INVALID: false,
  SECRET_INVALID: false,
  SLACK_NOTIFY_FAILED: false,
  INVALID_NOTIFICATION: false,
  DELIVERY_IN_PROGRESS: false,

  // The CDK app, the local runtime and the CLI print these themselves, to the person at the keyboard.
  INVALID_INFRA_CONFIG: false,
  DYNAMODB_LOCAL_START_FAILED: false,
  JAVA_MISSING: false,
  PORT_IN_USE: false,
  REQUEST_TOO_LARGE: false,
  CONFIG_FILE: false,
  DATA_DIR: false,
  USAGE: false,
  API_ERROR: false,
  NETWORK: false,
} as const satisfies Record<string, boolean>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes whose message the edges may show. */
export type ExposedCode = {
  [C in ErrorCode]: (typeof ERROR_CODES)[C] extends true ? C : never;
}[ErrorCode];

export function isExposedCode(code: ErrorCode): code is ExposedCode {
  return ERROR_CODES[code];
}

/**
 * The one base of this system's errors: a readable `code` to branch on (rather than a message to
 * parse) and `expose`, whether the message may be shown, as middy and Slack's SDK do it.
 */
export abstract class CodedError extends Error {
  abstract readonly code: ErrorCode;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }

  /** A getter, not a field, so loggers that print an error's own fields (Powertools) print no more. */
  get expose(): boolean {
    return isExposedCode(this.code);
  }
}
