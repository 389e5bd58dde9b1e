/**
 * A bearer token as the whole scheme, for senders that sign nothing but can send an
 * `Authorization` header (Alertmanager's `http_config`, a curl standing in for EventBridge).
 */
import { createHash } from 'node:crypto';
import { sameBytes } from '../http/hmac-signature.js';
import { type DeliveryRequest, headerOf, type Verification } from './source-type.js';

const BEARER = /^bearer\s+(.+)$/i;

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Whether the request carries `Authorization: Bearer <secret>`; such senders name no delivery. */
export function verifyBearerToken(request: DeliveryRequest, secret: string): Verification {
  const authorization = headerOf(request.headers, 'authorization');
  if (!authorization) {
    return { ok: false, reason: 'no Authorization header: a bearer token is required' };
  }
  const token = BEARER.exec(authorization.trim())?.[1];
  if (token === undefined) {
    return { ok: false, reason: 'the Authorization header is not a bearer token' };
  }
  // Comparing digests keeps the comparison constant-time whatever the token's length.
  if (!sameBytes(digest(secret), digest(token.trim()))) {
    return { ok: false, reason: 'the bearer token does not match' };
  }
  // The sender names no delivery; each event's id comes from its own identifiers instead.
  return { ok: true, deliveryId: '' };
}
