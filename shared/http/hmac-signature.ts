import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Instant } from '../domain/model.js';

/**
 * Request signing for clients that cannot sign SigV4 (a CRM's webhook): the signature header is
 * `v1=` + hex HMAC-SHA256 of `v1:{timestamp}:{raw body}` with the shared secret, the timestamp
 * (Unix seconds) travels in its own header, and requests more than 5 minutes away from our clock
 * are refused so a captured request cannot be replayed later. The same scheme as Slack's `v0`.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'x-sla-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-sla-timestamp';
export const REPLAY_WINDOW_MS = 5 * 60_000;

export function signWebhook(secret: string, timestampSeconds: number, body: string | Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`v1:${timestampSeconds}:`);
  mac.update(body);
  return `v1=${mac.digest('hex')}`;
}

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

export function verifyWebhookSignature(input: {
  secret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
  now: Instant;
}): SignatureVerdict {
  if (!input.signature || !input.timestamp) {
    return { ok: false, reason: `missing ${WEBHOOK_SIGNATURE_HEADER} or ${WEBHOOK_TIMESTAMP_HEADER} header` };
  }
  const seconds = Number(input.timestamp);
  if (!Number.isInteger(seconds))
    return { ok: false, reason: `${WEBHOOK_TIMESTAMP_HEADER} must be Unix seconds` };
  if (Math.abs(input.now - seconds * 1000) > REPLAY_WINDOW_MS) {
    return { ok: false, reason: 'timestamp is more than 5 minutes away from the server clock' };
  }
  const expected = Buffer.from(signWebhook(input.secret, seconds, input.body));
  const given = Buffer.from(input.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'signature does not match' };
  }
  return { ok: true };
}
