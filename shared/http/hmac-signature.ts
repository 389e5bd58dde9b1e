/**
 * What every HMAC-signed sender (Slack, a source's webhook) is checked with: the MAC over the
 * parts the scheme names, a comparison whose time does not tell how many bytes matched, and a
 * replay window judged against one or several clock readings.
 *
 * Several readings, because a runtime whose clock is simulated still receives requests that the
 * sender signed with real time: a timestamp close to any of them is fresh.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Instant } from '../domain/model.js';

/** A captured request older (or newer) than this is refused, so it cannot be replayed later. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

/** HMAC-SHA256 of the parts, in order, as one message. */
export function hmacSha256(key: string | Buffer, parts: ReadonlyArray<string | Buffer>): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** Whether the bytes are equal, in time that depends only on the expected length. */
export function sameBytes(expected: Buffer, given: Buffer): boolean {
  // timingSafeEqual needs equal lengths; a length differing from a fixed-size MAC says nothing secret.
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type Freshness = 'fresh' | 'stale' | 'future';

/** Where a timestamp (Unix seconds) falls against the readings: within the window of the nearest one, or not. */
export function freshness(
  sentAtSeconds: number,
  now: Instant | readonly Instant[],
  windowMs: number = REPLAY_WINDOW_MS,
): Freshness {
  const readings = typeof now === 'number' ? [now] : now;
  let closest = Number.POSITIVE_INFINITY;
  for (const reading of readings) {
    const skew = reading - sentAtSeconds * 1000;
    if (Math.abs(skew) < Math.abs(closest)) closest = skew;
  }
  if (closest > windowMs) return 'stale';
  if (closest < -windowMs) return 'future';
  return 'fresh';
}
