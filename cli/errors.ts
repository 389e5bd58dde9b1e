import { CodedError } from '../shared/domain/coded-error.js';
import type { FieldIssue } from '../shared/domain/validation-error.js';

/** A mistake in the command line itself: the user fixes the arguments, nothing was sent. */
export class UsageError extends CodedError {
  readonly code = 'USAGE';
  constructor(
    message: string,
    /** The command whose `--help` explains the fix. */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** The problem+json body of an error answer (RFC 9457), as far as the API filled it in. */
export interface Problem {
  title?: string;
  detail?: string;
  status?: number;
  errors?: FieldIssue[];
}

/** The API answered with an error status; `body` is whatever it sent, `problem` its reading. */
export class ApiError extends CodedError {
  readonly code = 'API_ERROR';
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly body: unknown,
  ) {
    super(problem.detail ?? problem.title ?? `the API answered ${status}`);
  }
}

/** The request never got an answer: the server is down, the name does not resolve, a timeout. */
export class NetworkError extends CodedError {
  readonly code = 'NETWORK';
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`cannot reach the SLA API at ${url}: ${reason}`);
  }
}
