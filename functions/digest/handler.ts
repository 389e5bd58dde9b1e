import type { StoreDeps } from '../../shared/app/deps.js';
import { sendWeeklyDigest } from '../../shared/app/digest.js';
import type { DigestDeliveryDeps, DigestDeliveryReport } from '../../shared/app/digest-delivery.js';
import { digestDueWeek, scheduleTickOf } from '../../shared/app/schedule-due.js';
import type { DigestContent } from '../../shared/domain/digest/digest-types.js';

export interface DigestLog {
  info(message: string, details: Record<string, unknown>): void;
}

export interface DigestRunSummary {
  week: string;
  headline: DigestContent['headline'];
  messages: number;
  delivery: DigestDeliveryReport;
}

export type DigestResult = DigestRunSummary | { skipped: 'not_due'; tick: string };

const WEEK = /^\d{4}-W\d{2}$/;

/**
 * The weekly digest. The schedule ticks every five minutes; a tick sends the digest only when the
 * applied config's `digest.schedule` (`mon 08:00` in the company zone by default) falls due at it,
 * and then reports the ISO week that ended last before that time, with the state as of now. The
 * delivery log sends a week once, however many ticks or retries ask for it. Invoked by hand, the
 * payload may name a week (`{"week": "2026-W48"}`) to send it again; any other payload sends the
 * week that ended last by the clock.
 */
export function makeHandler(deps: StoreDeps & Omit<DigestDeliveryDeps, 'clock'> & { log: DigestLog }) {
  return async (event?: unknown): Promise<DigestResult> => {
    const tick = scheduleTickOf(event);
    let week = weekOf(event);
    if (tick !== undefined) {
      week = await digestDueWeek(deps, tick.at);
      if (week === undefined) return { skipped: 'not_due', tick: tick.iso };
    }
    const { digest, delivery } = await sendWeeklyDigest(deps, week ? { week } : {});
    const summary = {
      week: digest.week,
      headline: digest.headline,
      messages: digest.messages.length,
      delivery,
    };
    deps.log.info('digest sent', { ...summary });
    return summary;
  };
}

function weekOf(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const week = (event as { week?: unknown }).week;
  return typeof week === 'string' && WEEK.test(week) ? week : undefined;
}
