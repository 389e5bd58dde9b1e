import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { ValidationError } from '../domain/validation-error.js';
import { exposedAnswer } from '../edge/error-table.js';
import { HttpProblem, problemResponse } from './problem.js';

/**
 * Turns any error into a problem+json response. An error whose code may be shown keeps its message
 * (it says what to fix) under the status and title of the shared error table; anything else is a
 * bug or an outage and becomes a bare 500 that leaks nothing.
 */
export function toProblem(error: unknown, log: (error: unknown) => void): APIGatewayProxyResultV2 {
  if (error instanceof HttpProblem) {
    return problemResponse(error.statusCode, error.title, error.message, error.errors, error.headers);
  }
  const exposed = exposedAnswer(error);
  if (exposed) {
    const { error: known, answer } = exposed;
    const issues = known instanceof ValidationError ? known.issues : undefined;
    const path = (known as { path?: unknown }).path;
    const errors = issues ?? (typeof path === 'string' ? [{ path, message: known.message }] : undefined);
    return problemResponse(answer.status, answer.title, known.message, errors);
  }
  log(error);
  return problemResponse(500, 'Internal error', 'Something went wrong on our side; it has been logged.');
}
