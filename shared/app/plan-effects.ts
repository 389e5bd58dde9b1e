import { DateTime } from 'luxon';
import { effectiveInstant, planEffect } from '../domain/effective-start.js';
import { isoInstant } from '../domain/instant-format.js';
import { latestVersion } from '../domain/judgement.js';
import type { CommitmentDefinition, Instant } from '../domain/model.js';
import { periodOf } from '../domain/periods.js';
import type { AmendmentEffect, Plan } from '../domain/plan.js';
import { effectiveFromFor } from '../domain/versions.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';

/** Says on each created (or re-activated) commitment when it takes effect. */
export function annotateEffects(
  plan: Plan,
  records: Map<string, CommitmentRecord>,
  definitions: Map<string, CommitmentDefinition>,
  now: Instant,
  immediate: boolean,
): void {
  for (const entry of plan.entries) {
    const definition = definitions.get(entry.id);
    if (!definition) continue;
    if (entry.action === 'change') entry.amendment = amendmentEffect(definition, now, immediate);
    if (entry.action !== 'create') continue;
    const at = takesEffectAt(records.get(entry.id), definition, now);
    if (at !== undefined) entry.effect = planEffect(definition, at);
  }
}

/** When an amendment saved now would govern: the rule `saveDefinition` applies, told in advance. */
function amendmentEffect(
  definition: CommitmentDefinition,
  now: Instant,
  immediate: boolean,
): AmendmentEffect {
  const at = effectiveFromFor({
    kind: definition.period,
    zone: definition.timezone,
    createdAt: now,
    isFirst: false,
    immediate,
  });
  return {
    immediate,
    at: isoInstant(at),
    localDate: DateTime.fromMillis(at, { zone: definition.timezone }).toISODate() ?? '',
    period: periodOf(definition.period, at, definition.timezone).key,
  };
}

/**
 * When a save makes the commitment take effect, or undefined when it keeps the instant it has.
 * Created, or made active again, it takes effect now or at its `effectiveFrom`. Made active again
 * within the period it was archived in, it carries on as if never archived (that period's events
 * are still its own), unless `effectiveFrom` says otherwise. An amendment moves the instant only
 * while the commitment has not taken effect yet: what has already been judged stays as it was.
 */
export function takesEffectAt(
  existing: CommitmentRecord | undefined,
  definition: CommitmentDefinition,
  now: Instant,
): Instant | undefined {
  const effect = () =>
    effectiveInstant({
      kind: definition.period,
      zone: definition.timezone,
      setting: definition.effectiveFrom,
      now,
    });
  if (!existing) return effect();
  if (existing.state === 'archived') {
    const current = periodOf(definition.period, now, definition.timezone);
    const archivedThisPeriod = existing.archivedAt !== undefined && existing.archivedAt >= current.start;
    if (archivedThisPeriod && definition.effectiveFrom === undefined) return existing.activeSince;
    return effect();
  }
  const previous = latestVersion(existing).definition;
  const pending = existing.activeSince !== undefined && existing.activeSince > now;
  return pending && previous.effectiveFrom !== definition.effectiveFrom ? effect() : undefined;
}
