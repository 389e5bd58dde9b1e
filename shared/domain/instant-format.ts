/**
 * The one written form of an instant in machine-read output (API JSON, the outbox): UTC with `Z`,
 * to the whole second, e.g. `2026-11-18T15:00:00Z`. One form means clients compare and parse
 * instants without caring which route, zone or clock produced them; sub-second precision says
 * nothing a person or a report needs.
 */
import { InvalidInstantError } from './measures/errors.js';
import type { Instant } from './model.js';

/** Whether a string is an instant in the one form. */
export const ISO_INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** `2026-11-18T15:00:00Z` (milliseconds are dropped, never rounded up into the next second). */
export function isoInstant(at: Instant): string {
  const date = new Date(Math.floor(at / 1000) * 1000);
  // Years past 9999 would need ISO's expanded form, which no client of ours expects.
  const text = Number.isNaN(date.getTime()) ? '' : `${date.toISOString().slice(0, 19)}Z`;
  if (!ISO_INSTANT_PATTERN.test(text)) throw new InvalidInstantError(at, 'UTC');
  return text;
}

/** The same instant in the one form, from any ISO-8601 date-time with an offset (e.g. data stored earlier). */
export function reformatIsoInstant(text: string): string {
  const at = Date.parse(text);
  return Number.isNaN(at) ? text : isoInstant(at);
}
