import type { AuditAction, Author } from '../domain/audit.js';
import { CodedError } from '../domain/coded-error.js';
import { parseCommitment } from '../domain/config.js';
import { isoInstant } from '../domain/instant-format.js';
import { latestVersion } from '../domain/judgement.js';
import type { CommitmentDefinition, SlaConfig } from '../domain/model.js';
import { type Plan, planCommitments } from '../domain/plan.js';
import { ValidationError } from '../domain/validation-error.js';
import { type CommitmentVersion, effectiveFromFor } from '../domain/versions.js';
import type { CommitmentRecord, StoredConfig } from '../ports/commitment-store.js';
import { HolidaySourceError, type HolidaySources } from '../ports/holiday-sources.js';
import { appendAudit, UNATTRIBUTED } from './audit.js';
import { traceConfigApply } from './config-audit.js';
import { type ResolvedHolidays, readConfigDocument, readConfigText } from './config-reading.js';
import { currentContext } from './current-config.js';
import type { StoreDeps } from './deps.js';
import { CommitmentNotFoundError, ConcurrentUpdateError } from './errors.js';
import { annotateEffects, takesEffectAt } from './plan-effects.js';

export interface ApplyResult {
  plan: Plan;
  dryRun: boolean;
  applied: boolean;
  /** Holidays that calendars took from a country or an .ics file, this year's and next. */
  holidays: ResolvedHolidays[];
}

/** Where no holiday data or files were wired in: a config that needs them is told so. */
const NO_HOLIDAY_SOURCES: HolidaySources = {
  country: async () => {
    throw new HolidaySourceError(
      'holiday data is not available to this caller; list the dates instead',
      'country',
    );
  },
  ics: async (path) => {
    throw new HolidaySourceError(`${path} cannot be read here; list the dates instead`, 'ics');
  },
};

/**
 * Applies a whole configuration (YAML or JSON): validates all of it first, plans, and only then
 * writes. Nothing is written when anything is invalid, and nothing at all on a dry run.
 */
export async function applyConfig(
  deps: StoreDeps,
  input: {
    text?: string;
    document?: unknown;
    format?: 'yaml' | 'json';
    dryRun: boolean;
    immediate?: boolean;
    /** Country holiday data and the .ics files the config names. */
    holidaySources?: HolidaySources;
    actor?: Author;
  },
): Promise<ApplyResult> {
  const actor = input.actor ?? UNATTRIBUTED;
  const reading = { sources: input.holidaySources ?? NO_HOLIDAY_SOURCES, now: deps.clock.now() };
  const { config, holidays } =
    input.text !== undefined
      ? await readConfigText(input.text, input.format ?? 'yaml', reading)
      : await readConfigDocument(input.document, reading);
  const all = await deps.commitments.list();
  const active = all.filter((r) => r.state === 'active');
  const plan = planCommitments(
    active.map((r) => latestVersion(r).definition),
    config.commitments,
  );
  const now = deps.clock.now();
  const byId = new Map(all.map((r) => [r.id, r]));
  const wanted = new Map(config.commitments.map((c) => [c.id, c]));
  annotateEffects(plan, byId, wanted, now, input.immediate ?? false);
  if (input.dryRun) return { plan, dryRun: true, applied: false, holidays };

  for (const entry of plan.entries) {
    const existing = byId.get(entry.id);
    if (entry.action === 'archive' && existing) {
      await saveCommitment(
        deps,
        { ...existing, state: 'archived', archivedAt: now, updatedAt: now },
        existing.revision,
        actor,
      );
      continue;
    }
    const definition = wanted.get(entry.id);
    if (!definition || entry.action === 'unchanged') continue;
    await saveDefinition(deps, existing, definition, input.immediate ?? false, actor);
  }
  const stored = storedConfigOf(config, now);
  await traceConfigApply(deps, actor, await deps.commitments.getConfig(), stored, plan);
  await deps.commitments.putConfig(stored);
  return { plan, dryRun: false, applied: true, holidays };
}

/**
 * Saves a commitment, or fails when someone changed it since it was read: the change was worked out
 * from what the caller saw, so it is theirs to redo, not something to replay against newer state.
 */
async function saveCommitment(
  deps: StoreDeps,
  record: CommitmentRecord,
  expectedRevision: number | null,
  actor: Author,
): Promise<CommitmentRecord> {
  const saved = await deps.commitments.save(record, expectedRevision);
  if (saved === 'conflict') throw new ConcurrentUpdateError(`Commitment '${record.id}'`);
  // Each save moves the head to a new revision, so the revision is the save's own key.
  const version = saved.versions[saved.versions.length - 1];
  const action: AuditAction =
    saved.state === 'archived'
      ? 'commitment.archived'
      : expectedRevision === null
        ? 'commitment.created'
        : 'commitment.amended';
  await appendAudit(deps, actor, {
    action,
    key: `r${saved.revision}`,
    commitmentId: saved.id,
    detail: {
      revision: saved.revision,
      ...(version ? { version: version.version, effectiveFrom: isoInstant(version.effectiveFrom) } : {}),
    },
  });
  return saved;
}

export { currentContext };

function storedConfigOf(config: SlaConfig, now: number): StoredConfig {
  const { commitments: _commitments, ...rest } = config;
  return { ...rest, appliedAt: now };
}

/** Creates a commitment, or amends it with a new version (from the next period unless immediate). */
export async function saveDefinition(
  deps: StoreDeps,
  existing: CommitmentRecord | undefined,
  definition: CommitmentDefinition,
  immediate: boolean,
  actor: Author = UNATTRIBUTED,
): Promise<{ record: CommitmentRecord; created: boolean; version: CommitmentVersion }> {
  const now = deps.clock.now();
  const previous = existing?.versions[existing.versions.length - 1];
  const isFirst = !previous;
  // Made active again after an archive: the definition applies at once, and the periods it spent
  // archived are not judged (nobody was measuring them; no back-dated breaches or credits).
  const reactivated = existing?.state === 'archived';
  const activeSince = takesEffectAt(existing, definition, now);
  const applyNow = immediate || reactivated;
  const version: CommitmentVersion = {
    version: (previous?.version ?? 0) + 1,
    // The next period is counted in the kind that governs now, so the running period ends under its own rules.
    effectiveFrom: effectiveFromFor({
      kind: previous?.definition.period ?? definition.period,
      zone: previous?.definition.timezone ?? definition.timezone,
      createdAt: now,
      immediate: applyNow,
      isFirst,
    }),
    createdAt: now,
    immediate: applyNow,
    definition,
  };
  const record: CommitmentRecord = existing
    ? {
        ...existing,
        state: 'active',
        archivedAt: undefined,
        versions: [...existing.versions, version],
        updatedAt: now,
        ...(activeSince === undefined ? {} : { activeSince }),
      }
    : {
        id: definition.id,
        state: 'active',
        versions: [version],
        openOutages: {},
        createdAt: now,
        updatedAt: now,
        activeSince: activeSince ?? now,
        revision: 0,
      };
  const saved = await saveCommitment(deps, record, existing ? existing.revision : null, actor);
  return { record: saved, created: !existing, version };
}

/** PUT /v1/commitments/{id}: create or amend one commitment against the applied configuration. */
export async function putCommitment(
  deps: StoreDeps,
  id: string,
  body: unknown,
  options: { immediate: boolean; expectedVersion?: number; actor?: Author },
) {
  const context = await currentContext(deps);
  const withId = typeof body === 'object' && body !== null && !Array.isArray(body) ? { id, ...body } : body;
  if (typeof withId === 'object' && withId !== null && (withId as { id?: unknown }).id !== id) {
    throw new ValidationError([{ path: 'id', message: `must match the id in the URL ('${id}')` }]);
  }
  const definition = parseCommitment(withId, context);
  const existing = await deps.commitments.get(id);
  if (options.expectedVersion !== undefined) {
    const current = existing ? latestVersion(existing).version : 0;
    if (current !== options.expectedVersion) {
      throw new VersionMismatchError(id, options.expectedVersion, current);
    }
  }
  const previous = existing?.state === 'active' ? latestVersion(existing).definition : undefined;
  const plan = planCommitments(previous ? [previous] : [], [definition]);
  annotateEffects(
    plan,
    new Map(existing ? [[id, existing]] : []),
    new Map([[id, definition]]),
    deps.clock.now(),
    options.immediate,
  );
  if (existing?.state === 'active' && plan.entries[0]?.action === 'unchanged') {
    return { record: existing, created: false, changed: false, version: latestVersion(existing), plan };
  }
  const saved = await saveDefinition(deps, existing, definition, options.immediate, options.actor);
  return { ...saved, changed: true, plan };
}

export class VersionMismatchError extends CodedError {
  readonly code = 'VERSION_MISMATCH';
  constructor(id: string, expected: number, actual: number) {
    super(
      `Commitment '${id}' is at version ${actual}, not ${expected}: read it again and re-apply your change.`,
    );
  }
}

/** DELETE /v1/commitments/{id}: archive; history, results and credits are kept. */
export async function archiveCommitment(deps: StoreDeps, id: string, actor: Author = UNATTRIBUTED) {
  const existing = await deps.commitments.get(id);
  if (existing?.state !== 'active') throw new CommitmentNotFoundError(id);
  const now = deps.clock.now();
  return saveCommitment(
    deps,
    { ...existing, state: 'archived', archivedAt: now, updatedAt: now },
    existing.revision,
    actor,
  );
}

/** GET /v1/commitments/{id}: the definition, the derivation of its target, and its versions. */
export async function getCommitment(deps: StoreDeps, id: string) {
  const record = await deps.commitments.get(id);
  if (!record) throw new CommitmentNotFoundError(id);
  const latest = latestVersion(record);
  return {
    id: record.id,
    state: record.state,
    version: latest.version,
    definition: latest.definition,
    derivation: latest.definition.derivation,
    versions: record.versions.map((v) => ({
      version: v.version,
      effectiveFrom: isoInstant(v.effectiveFrom),
      createdAt: isoInstant(v.createdAt),
      immediate: v.immediate,
    })),
    closedThrough: record.closedThrough,
    ...(record.activeSince === undefined ? {} : { activeSince: isoInstant(record.activeSince) }),
    createdAt: isoInstant(record.createdAt),
    updatedAt: isoInstant(record.updatedAt),
  };
}
