import { DateTime } from 'luxon';
import type { Instant } from '../domain/model.js';

const LOCALE = 'en-US';
const HOUSE_FORMAT = 'ccc LLL d, yyyy, HH:mm ZZZZ';

/**
 * An instant as people read it everywhere (CLI, Slack, digest, error messages): the wall clock in
 * the company's or the commitment's zone with the zone's abbreviation, to the minute, e.g.
 * `Wed Nov 18, 2026, 10:00 EST`. Never the reader's machine zone: two people reading the same
 * output must see the same time. An unknown zone (an older server sent none) reads as UTC.
 */
export function localTimeWords(at: Instant | string, zone: string | undefined): string {
  const instant = typeof at === 'string' ? Date.parse(at) : at;
  if (!Number.isFinite(instant)) return String(at);
  const utc = DateTime.fromMillis(instant, { zone: 'UTC' }).setLocale(LOCALE);
  const local = zone ? utc.setZone(zone) : utc;
  return (local.isValid ? local : utc).toFormat(HOUSE_FORMAT);
}
