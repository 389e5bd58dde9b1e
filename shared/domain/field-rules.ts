/**
 * Rules for single config fields that other code checks too (a URL's commitment id, a stored
 * department id). They need no schema library, so the code that only checks an id does not load
 * one.
 */
import { MAX_SLUG_LENGTH } from './limits.js';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRealDate(value: string): boolean {
  const match = LOCAL_DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.UTC rolls 2026-02-30 over into March; a real date survives the round trip.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export function isSlug(value: string): boolean {
  return value.length <= MAX_SLUG_LENGTH && SLUG.test(value);
}
