/**
 * The action ids of our buttons and what their values carry. Kept apart from the builders and the
 * handler so both sides read the same names.
 */
import { parseSpan } from '../domain/duration.js';

export const ACK_ACTION = 'sla_ack';
export const SNOOZE_ACTION = 'sla_snooze_1d';
export const DETAILS_ACTION = 'sla_details';

/**
 * What a Snooze button posted before it said how long it snoozes does: 24 hours of elapsed time,
 * which its label "Snooze 1 day" meant.
 */
export const LEGACY_SNOOZE_FOR = '24h';

/**
 * Which alert a button acts on: the commitment, the period and the episode (an alert can open,
 * recover and open again in one period), and the notification it was posted with. A button acts
 * on that alert only, never on a newer one that happens to be open when it is clicked.
 */
export interface AlertButtonValue {
  commitmentId: string;
  period: string;
  episode: number;
  dedupKey?: string;
  /** How long the Snooze button snoozes (`1bd`, `24h`), so a click does what its label said. */
  snoozeFor?: string;
}

/** A value as read back from Slack: buttons posted before episodes were written carry none. */
export type ReadAlertButtonValue = Omit<AlertButtonValue, 'episode'> & { episode?: number };

function isSpan(text: string): boolean {
  try {
    parseSpan(text);
    return true;
  } catch {
    return false;
  }
}

export function encodeAlertValue(value: AlertButtonValue): string {
  return JSON.stringify({
    c: value.commitmentId,
    p: value.period,
    e: value.episode,
    ...(value.dedupKey ? { k: value.dedupKey } : {}),
    ...(value.snoozeFor ? { s: value.snoozeFor } : {}),
  });
}

/** The button's value, or undefined when it is not one of ours (an old or foreign message). */
export function decodeAlertValue(raw: string | undefined): ReadAlertButtonValue | undefined {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as { c?: unknown; p?: unknown; e?: unknown; k?: unknown; s?: unknown };
    if (typeof parsed.c !== 'string' || typeof parsed.p !== 'string') return undefined;
    return {
      commitmentId: parsed.c,
      period: parsed.p,
      ...(Number.isSafeInteger(parsed.e) && (parsed.e as number) > 0 ? { episode: parsed.e as number } : {}),
      ...(typeof parsed.k === 'string' ? { dedupKey: parsed.k } : {}),
      ...(typeof parsed.s === 'string' && isSpan(parsed.s) ? { snoozeFor: parsed.s } : {}),
    };
  } catch {
    return undefined;
  }
}
