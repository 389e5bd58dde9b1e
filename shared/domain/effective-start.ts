/**
 * When a commitment takes effect, and how its first period is judged.
 *
 * A commitment is measured from the instant it takes effect: when it is created or made active
 * again, or later when its configuration says `effectiveFrom` (a local date, or `next-period`).
 * Nothing before that instant is judged, so a commitment created on the 27th is not held to a
 * whole month: its first period is judged on the part that is left, and its target (for totals)
 * shrinks pro rata to the pacing time remaining, the same weight excusals use. Objectives are
 * ratios, so they do not scale; their measurement window simply starts at the effect.
 */
import { DateTime } from 'luxon';
import { isoInstant } from './instant-format.js';
import type { CommitmentDefinition, Instant, Period, PeriodKind } from './model.js';
import { clampShare, paceMeter } from './pacing.js';
import { nextPeriod, periodOf } from './periods.js';

/** `effectiveFrom` as written in the configuration: a local date or `next-period`. */
export type EffectiveFromSetting = string;

export const NEXT_PERIOD = 'next-period';

export interface EffectInput {
  kind: PeriodKind;
  zone: string;
  setting?: EffectiveFromSetting;
  /** When the commitment is created or made active again. */
  now: Instant;
}

/**
 * The instant a commitment takes effect. A date earlier in the running period says the agreement
 * already held then (entered late into the tool), so that period is judged from it; a date before
 * the running period means its start, as earlier periods are over and never judged after the fact.
 */
export function effectiveInstant(input: EffectInput): Instant {
  const { setting, now, kind, zone } = input;
  if (setting === undefined) return now;
  const current = periodOf(kind, now, zone);
  if (setting === NEXT_PERIOD) return nextPeriod(current).start;
  const midnight = DateTime.fromISO(setting, { zone }).startOf('day').toMillis();
  return Math.max(current.start, midnight);
}

/** The part of a period a commitment is judged on, and what share of its pacing time that is. */
export interface JudgedSpan {
  /** The period itself, or its tail from the effective instant. */
  span: Period;
  /** Share (0..1] of the period's pacing time in the span; 1 when the whole period is judged. */
  share: number;
  /** Set when the span starts after the period does: the first period of a commitment. */
  proratedFrom?: Instant;
  /** Set when the commitment takes effect only after this period: nothing in it is judged. */
  notInEffectUntil?: Instant;
}

export function judgedSpan(
  definition: CommitmentDefinition,
  period: Period,
  effectiveFrom: Instant | undefined,
): JudgedSpan {
  if (effectiveFrom === undefined || effectiveFrom <= period.start) return { span: period, share: 1 };
  if (effectiveFrom >= period.end) {
    return { span: { ...period, start: period.end }, share: 0, notInEffectUntil: effectiveFrom };
  }
  const meter = paceMeter(definition, period);
  const share = clampShare(meter.between(effectiveFrom, period.end) / meter.total);
  // Taking effect before any paced time has passed (a Sunday, under business pacing) loses
  // nothing: the period is judged whole, and there is no proration to speak of.
  if (share >= 1) return { span: period, share: 1 };
  return { span: { ...period, start: effectiveFrom }, share, proratedFrom: effectiveFrom };
}

/** The target a total is held to on a span: the full target scaled by the span's share. */
export function proratedTarget(target: number, share: number): number {
  return target * clampShare(share);
}

/** What the plan says about when a created commitment takes effect. */
export interface PlanEffect {
  /** ISO-8601 UTC. */
  at: string;
  /** The local date in the commitment's zone (`2026-11-27`). */
  localDate: string;
  /** It takes effect inside a period, so that period is judged on the rest of it. */
  prorated: boolean;
}

export function planEffect(definition: CommitmentDefinition, at: Instant): PlanEffect {
  const period = periodOf(definition.period, at, definition.timezone);
  return {
    at: isoInstant(at),
    localDate: DateTime.fromMillis(at, { zone: definition.timezone }).toISODate() ?? '',
    prorated: at > period.start,
  };
}
