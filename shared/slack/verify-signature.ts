/**
 * Slack request verification (https://docs.slack.dev/authentication/verifying-requests-from-slack):
 * `x-slack-signature` is `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the app's
 * signing secret. Requests more than 5 minutes away from our clock, either way, are refused so a
 * captured request cannot be replayed. Runs before anything else looks at the request.
 *
 * "Our clock" may be several readings: a runtime whose clock is simulated still receives requests
 * that real Slack signed with real time, so it accepts a timestamp close to any of them.
 */
import type { Instant } from '../domain/model.js';
import { freshness, hmacSha256, REPLAY_WINDOW_MS, sameBytes } from '../http/hmac-signature.js';

export const SIGNATURE_HEADER = 'x-slack-signature';
export const TIMESTAMP_HEADER = 'x-slack-request-timestamp';
export const SLACK_REPLAY_WINDOW_MS = REPLAY_WINDOW_MS;

export type SlackSignatureVerdict =
  | { ok: true }
  | { ok: false; reason: 'unsigned' | 'malformed' | 'stale' | 'future' | 'mismatch' };

/** The signature Slack would send for this body at this timestamp (Unix seconds). */
export function slackSignature(
  signingSecret: string,
  timestamp: string | number,
  body: Buffer | string,
): string {
  return `v0=${hmacSha256(signingSecret, [`v0:${timestamp}:`, body]).toString('hex')}`;
}

/** A header's value whatever its case (API Gateway lower-cases them, other callers may not). */
export function headerValue(
  headers: Record<string, string | undefined> | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === lower) return value;
  }
  return undefined;
}

/** The body exactly as Slack sent it: API Gateway may have base64-encoded it, and Slack signed the bytes. */
export function rawRequestBody(event: { body?: string; isBase64Encoded?: boolean }): Buffer {
  return Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
}

const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^v0=[0-9a-f]{64}$/;

export function verifySlackSignature(input: {
  signingSecret: string;
  headers: Record<string, string | undefined> | undefined;
  body: Buffer;
  /** The current time, or each clock's reading when more than one may vouch for a request. */
  now: Instant | readonly Instant[];
}): SlackSignatureVerdict {
  const signature = headerValue(input.headers, SIGNATURE_HEADER);
  const timestamp = headerValue(input.headers, TIMESTAMP_HEADER);
  if (!signature || !timestamp) return { ok: false, reason: 'unsigned' };
  if (!TIMESTAMP.test(timestamp) || !SIGNATURE.test(signature)) return { ok: false, reason: 'malformed' };
  const fresh = freshness(Number(timestamp), input.now, SLACK_REPLAY_WINDOW_MS);
  if (fresh !== 'fresh') return { ok: false, reason: fresh };
  const expected = Buffer.from(slackSignature(input.signingSecret, timestamp, input.body), 'utf8');
  if (!sameBytes(expected, Buffer.from(signature, 'utf8'))) return { ok: false, reason: 'mismatch' };
  return { ok: true };
}
