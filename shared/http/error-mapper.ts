import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { ValidationError } from '../domain/validation-error.js';
import { HttpProblem, problemResponse } from './problem.js';

/** Error codes of the use cases and the domain, and how the HTTP edge answers them. */
const STATUS_BY_CODE: Record<string, { status: number; title: string }> = {
  VALIDATION_FAILED: { status: 400, title: 'Invalid request' },
  BAD_REQUEST: { status: 400, title: 'Invalid request' },
  INVALID_PERIOD_KEY: { status: 400, title: 'Invalid period' },
  INVALID_DURATION: { status: 400, title: 'Invalid duration' },
  INVALID_SNOOZE: { status: 400, title: 'Invalid snooze' },
  COMMITMENT_NOT_FOUND: { status: 404, title: 'Commitment not found' },
  CONCURRENT_UPDATE: { status: 409, title: 'Conflict' },
  VERSION_MISMATCH: { status: 409, title: 'Version conflict' },
  PERIOD_CLOSED: { status: 409, title: 'Period closed' },
  NO_OPEN_ALERT: { status: 409, title: 'No open alert' },
};

/**
 * Turns any error into a problem+json response. Known errors keep their message (it says what to
 * fix); anything else is a bug or an outage and becomes a bare 500 that leaks nothing.
 */
export function toProblem(error: unknown, log: (error: unknown) => void): APIGatewayProxyResultV2 {
  if (error instanceof HttpProblem) {
    return problemResponse(error.statusCode, error.title, error.message, error.errors, error.headers);
  }
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const known = typeof code === 'string' ? STATUS_BY_CODE[code] : undefined;
  if (known && error instanceof Error) {
    const issues = error instanceof ValidationError ? error.issues : undefined;
    const path = (error as { path?: unknown }).path;
    const errors = issues ?? (typeof path === 'string' ? [{ path, message: error.message }] : undefined);
    return problemResponse(known.status, known.title, error.message, errors);
  }
  log(error);
  return problemResponse(500, 'Internal error', 'Something went wrong on our side; it has been logged.');
}
