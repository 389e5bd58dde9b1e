/**
 * Answers through an interaction's `response_url` (replace the clicked message, or an ephemeral
 * note to the person who clicked). Bounded by a timeout: Slack wants the click answered in 3 seconds.
 */
import { CodedError } from '../domain/coded-error.js';

export type Responder = (responseUrl: string, body: Record<string, unknown>) => Promise<void>;

export class ResponseUrlError extends CodedError {
  readonly code = 'SLACK_RESPONSE_URL_FAILED';
  constructor(readonly status: number) {
    super(`Slack refused the response_url post with HTTP ${status}`);
  }
}

export function createResponder(timeoutMs = 2500): Responder {
  return async (responseUrl, body) => {
    const response = await fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new ResponseUrlError(response.status);
  };
}
