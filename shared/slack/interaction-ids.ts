/**
 * The action ids of our buttons and what their values carry. Kept apart from the builders and the
 * handler so both sides read the same names.
 */

export const ACK_ACTION = 'sla_ack';
export const SNOOZE_ACTION = 'sla_snooze_1d';
export const DETAILS_ACTION = 'sla_details';

/** The snooze button's length: one day of elapsed time. */
export const SNOOZE_BUTTON_DURATION = '1d';

/** Which alert a button acts on: the commitment and period, and the notification it was posted with. */
export interface AlertButtonValue {
  commitmentId: string;
  period: string;
  dedupKey?: string;
}

export function encodeAlertValue(value: AlertButtonValue): string {
  return JSON.stringify({
    c: value.commitmentId,
    p: value.period,
    ...(value.dedupKey ? { k: value.dedupKey } : {}),
  });
}

/** The button's value, or undefined when it is not one of ours (an old or foreign message). */
export function decodeAlertValue(raw: string | undefined): AlertButtonValue | undefined {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as { c?: unknown; p?: unknown; k?: unknown };
    if (typeof parsed.c !== 'string' || typeof parsed.p !== 'string') return undefined;
    return {
      commitmentId: parsed.c,
      period: parsed.p,
      ...(typeof parsed.k === 'string' ? { dedupKey: parsed.k } : {}),
    };
  } catch {
    return undefined;
  }
}
