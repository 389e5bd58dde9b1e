import type { StoreDeps } from '../../shared/app/deps.js';
import { sendWeeklyDigest } from '../../shared/app/digest.js';
import type { DigestDeliveryDeps, DigestDeliveryReport } from '../../shared/app/digest-delivery.js';
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

const WEEK = /^\d{4}-W\d{2}$/;

/**
 * The weekly digest (EventBridge Scheduler, `mon 08:00` in the company zone by default). It reports
 * the ISO week that ended last by its clock, with the state as of now. The schedule's payload may
 * name another week (`{"week": "2026-W48"}`) to send one again by hand; anything else is ignored.
 */
export function makeHandler(deps: StoreDeps & Omit<DigestDeliveryDeps, 'clock'> & { log: DigestLog }) {
  return async (event?: unknown): Promise<DigestRunSummary> => {
    const week = weekOf(event);
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
