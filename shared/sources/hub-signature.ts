/**
 * The body signature GitHub and Jira share (the WebSub `X-Hub-Signature` form): `sha256=` and the
 * hex HMAC-SHA256 of the raw body, keyed by the webhook's secret. It signs neither a time nor the
 * delivery's id, so a delivery's identity comes from its own header, read here with a bound.
 */
import { createHash } from 'node:crypto';
import { hmacSha256, sameBytes } from '../http/hmac-signature.js';
import { type DeliveryRequest, headerOf, type Verification } from './source-type.js';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/** Delivery ids become part of stored event ids, which are at most 200 characters. */
export const MAX_DELIVERY_ID_LENGTH = 100;

export function verifyHubSignature(
  request: DeliveryRequest,
  secret: string,
  names: { signature: string; delivery: string },
): Verification {
  const header = headerOf(request.headers, names.signature);
  if (!header) return { ok: false, reason: `unsigned: the ${names.signature} header is required` };
  const hex = SIGNATURE.exec(header.trim())?.[1];
  if (hex === undefined) {
    return { ok: false, reason: `${names.signature} must be sha256= and 64 hex digits` };
  }
  if (!sameBytes(hmacSha256(secret, [request.body]), Buffer.from(hex, 'hex'))) {
    return { ok: false, reason: `the ${names.signature} signature does not match the body` };
  }
  const delivery = headerOf(request.headers, names.delivery)?.trim();
  if (delivery !== undefined && delivery.length > MAX_DELIVERY_ID_LENGTH) {
    return {
      ok: false,
      reason: `${names.delivery} is longer than ${MAX_DELIVERY_ID_LENGTH} characters`,
    };
  }
  // A sender that names no delivery is still deduplicated: its retries resend the same bytes.
  const deliveryId = delivery || `sha256:${createHash('sha256').update(request.body).digest('hex')}`;
  return { ok: true, deliveryId };
}
