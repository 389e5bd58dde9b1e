/**
 * What the page of one commitment shows, read through the same use cases as the API and Slack:
 * its status now, its closed periods with credits, this period's excusals, its late subjects and
 * the latest entries of its audit trail.
 */
import { listAudit } from '../app/audit-queries.js';
import type { StoreDeps } from '../app/deps.js';
import { CommitmentNotFoundError } from '../app/errors.js';
import { getHistory, getStatus, type ZonedEvaluation } from '../app/status.js';
import { lateSubjectsOf } from '../app/subjects.js';
import type { AuditEntry } from '../domain/audit.js';
import type { ClosedPeriodResult } from '../domain/close.js';
import { latestVersion, periodAt } from '../domain/judgement.js';
import type { LateSubjects } from '../domain/late-subjects.js';
import type { CommitmentDefinition, Department, Excusal } from '../domain/model.js';
import { aggregateMapKey } from '../ports/event-store.js';

/** Closed periods shown: a year of monthly periods, as the history chart draws. */
export const HISTORY_PERIODS = 12;
/** Audit entries shown; the rest are one `sla audit` away. */
export const RECENT_AUDIT = 20;

export interface CommitmentPageData {
  definition: CommitmentDefinition;
  evaluation: ZonedEvaluation;
  history: ClosedPeriodResult[];
  excusals: Excusal[];
  late?: LateSubjects;
  audit: Array<Omit<AuditEntry, 'at'> & { at: string }>;
  departments: Record<string, Department>;
  /** The zone the audit trail's times are read in (the company's). */
  auditZone: string;
}

export async function commitmentPageData(deps: StoreDeps, id: string): Promise<CommitmentPageData> {
  const record = await deps.commitments.get(id);
  if (record?.state !== 'active') throw new CommitmentNotFoundError(id);
  const now = deps.clock.now();
  const { period } = periodAt(record, now);
  const definition = latestVersion(record).definition;
  const [evaluation, history, aggregates, late, audit, config] = await Promise.all([
    getStatus(deps, id),
    getHistory(deps, id, HISTORY_PERIODS),
    deps.events.getAggregates([{ commitmentId: id, periodKey: period.key }]),
    lateSubjectsOf(deps, { definition, periodKey: period.key, at: now }),
    listAudit(deps, { commitment: id, limit: String(RECENT_AUDIT) }),
    deps.commitments.getConfig(),
  ]);
  const excusals = aggregates.get(aggregateMapKey(id, period.key))?.excusals ?? [];
  return {
    definition,
    evaluation,
    history,
    excusals: [...excusals].sort((a, b) => a.from - b.from),
    ...(late ? { late } : {}),
    audit: audit.entries,
    auditZone: audit.timezone,
    departments: config?.departments ?? {},
  };
}
