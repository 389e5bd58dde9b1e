import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { CodedError } from '../domain/coded-error.js';
import type { FieldIssue } from '../domain/validation-error.js';

/** An HTTP error with a status and a message meant for the caller (RFC 9457 problem details). */
export class HttpProblem extends CodedError {
  readonly code = 'HTTP_PROBLEM';
  constructor(
    readonly statusCode: number,
    readonly title: string,
    detail: string,
    readonly errors?: FieldIssue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

const TYPE_BASE = 'https://sla-tracker.dev/problems/';

export function problemResponse(
  status: number,
  title: string,
  detail: string,
  errors?: FieldIssue[],
  headers: Record<string, string> = {},
): APIGatewayProxyResultV2 {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '');
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: JSON.stringify({
      type: `${TYPE_BASE}${slug}`,
      title,
      status,
      detail,
      ...(errors?.length ? { errors } : {}),
    }),
  };
}

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}
