import { DateTime } from 'luxon';
import type { Evaluation } from '../domain/evaluate.js';
import type { AmendmentEffect } from '../domain/plan.js';

/**
 * How people are told that a commitment's first period is judged on only part of it:
 * `prorated from Nov 27`, or `takes effect Dec 1` for a period before it applies at all.
 */

/** `Nov 27` for a local date (`2026-11-27`); the year is left out, it is the period's. */
export function shortLocalDate(localDate: string): string {
  const date = DateTime.fromISO(localDate, { zone: 'UTC' }).setLocale('en-US');
  return date.isValid ? date.toFormat('LLL d') : localDate;
}

export function proratedWords(localDate: string): string {
  return `prorated from ${shortLocalDate(localDate)}`;
}

export function takesEffectWords(localDate: string): string {
  return `takes effect ${shortLocalDate(localDate)}`;
}

/** The note a status carries about when the commitment took effect, if there is one to make. */
export function effectNote(e: Pick<Evaluation, 'proration' | 'notInEffectUntil'>): string | undefined {
  if (!e.proration) return undefined;
  return e.notInEffectUntil !== undefined
    ? takesEffectWords(e.proration.localDate)
    : proratedWords(e.proration.localDate);
}

/** `from Dec 1 (2026-12, the next period)`, or `immediately (in the running period 2026-11)`. */
export function amendmentWords(amendment: AmendmentEffect): string {
  return amendment.immediate
    ? `immediately (in the running period ${amendment.period})`
    : `from ${shortLocalDate(amendment.localDate)} (${amendment.period}, the next period)`;
}
