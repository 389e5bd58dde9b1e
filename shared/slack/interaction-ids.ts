/**
 * The action ids of our buttons and what their values carry. Kept apart from the builders and the
 * handler so both sides read the same names.
 */

export const ACK_ACTION = 'sla_ack';
export const SNOOZE_ACTION = 'sla_snooze_1d';
export const DETAILS_ACTION = 'sla_details';

/** The snooze button's length: one day of elapsed time. */
export const SNOOZE_BUTTON_DURATION = '1d';

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
}

/** A value as read back from Slack: buttons posted before episodes were written carry none. */
export type ReadAlertButtonValue = Omit<AlertButtonValue, 'episode'> & { episode?: number };

export function encodeAlertValue(value: AlertButtonValue): string {
  return JSON.stringify({
    c: value.commitmentId,
    p: value.period,
    e: value.episode,
    ...(value.dedupKey ? { k: value.dedupKey } : {}),
  });
}

/** The button's value, or undefined when it is not one of ours (an old or foreign message). */
export function decodeAlertValue(raw: string | undefined): ReadAlertButtonValue | undefined {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as { c?: unknown; p?: unknown; e?: unknown; k?: unknown };
    if (typeof parsed.c !== 'string' || typeof parsed.p !== 'string') return undefined;
    return {
      commitmentId: parsed.c,
      period: parsed.p,
      ...(Number.isSafeInteger(parsed.e) && (parsed.e as number) > 0 ? { episode: parsed.e as number } : {}),
      ...(typeof parsed.k === 'string' ? { dedupKey: parsed.k } : {}),
    };
  } catch {
    return undefined;
  }
}
