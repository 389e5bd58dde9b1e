/**
 * Whether any of a commitment's snapshots can carry a health score, judged from the commitment
 * alone, so the digest does not read snapshots that cannot change a trend or a sparkline.
 */
import type { JudgedCommitment } from '../judgement.js';

/**
 * False for a commitment that has measured availability in every version and has never received an
 * availability event. Availability counts as measured only once an outage or heartbeat has been
 * recorded, and recording either one sets `firstEventAt`, which is never cleared; without it every
 * evaluation the commitment ever had, and so every snapshot, is `no_data`, which scores nothing.
 * Any other measure, or a version of one, may have scored at some point.
 */
export function mayHaveScoredSnapshots(record: Pick<JudgedCommitment, 'versions' | 'firstEventAt'>): boolean {
  if (record.firstEventAt !== undefined) return true;
  return record.versions.some((v) => v.definition.measure !== 'availability');
}
