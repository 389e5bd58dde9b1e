/**
 * The plan `sla apply` prints before it writes: which commitments a configuration creates,
 * changes (and how), leaves alone or archives.
 */

import type { PlanEffect } from './effective-start.js';
import type { BusinessCalendar, CommitmentDefinition, LocalSpan, Weekday } from './model.js';
import { escalationDayNotes } from './plan-notes.js';
import { ValidationError } from './validation-error.js';

export interface PlanChange {
  path: string;
  from: unknown;
  to: unknown;
}

export interface PlanEntry {
  id: string;
  action: 'create' | 'change' | 'unchanged' | 'archive';
  changes?: PlanChange[];
  /** create: when the commitment takes effect (its first period is prorated when that is mid-period). */
  effect?: PlanEffect;
  /** change: when the amendment governs: from the next period, or at once with `immediate`. */
  amendment?: AmendmentEffect;
}

export interface AmendmentEffect {
  immediate: boolean;
  /** ISO-8601 UTC. */
  at: string;
  /** The local date in the commitment's zone (`2026-12-01`). */
  localDate: string;
  /** The period it first governs (`2026-12`). */
  period: string;
}

export interface Plan {
  entries: PlanEntry[];
  counts: { create: number; change: number; unchanged: number; archive: number };
  /** What the configuration means where its words could mislead (`1d` is 24 business hours). */
  notes?: string[];
}

/**
 * Compares normalized definitions field by field. The order of commitments does not matter;
 * entries come out sorted by id so the same inputs always print the same plan.
 */
export function planCommitments(current: CommitmentDefinition[], next: CommitmentDefinition[]): Plan {
  const before = indexById(current, 'current');
  const after = indexById(next, 'next');
  const entries: PlanEntry[] = [];
  for (const [id, definition] of after) {
    const existing = before.get(id);
    if (existing === undefined) {
      entries.push({ id, action: 'create' });
      continue;
    }
    const changes = diff(existing, definition);
    entries.push(changes.length === 0 ? { id, action: 'unchanged' } : { id, action: 'change', changes });
  }
  for (const id of before.keys()) {
    if (!after.has(id)) entries.push({ id, action: 'archive' });
  }
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const counts = { create: 0, change: 0, unchanged: 0, archive: 0 };
  for (const entry of entries) counts[entry.action]++;
  const notes = escalationDayNotes(next);
  return notes.length === 0 ? { entries, counts } : { entries, counts, notes };
}

function indexById(definitions: CommitmentDefinition[], side: string): Map<string, CommitmentDefinition> {
  const byId = new Map<string, CommitmentDefinition>();
  for (const definition of definitions) {
    if (byId.has(definition.id)) {
      throw new ValidationError([{ path: side, message: `duplicate commitment id '${definition.id}'` }]);
    }
    byId.set(definition.id, definition);
  }
  return byId;
}

/**
 * Fields computed from another field (`afterMs` from `after`, the derivation's sum from its
 * inputs) would only repeat a change already listed.
 */
const DERIVED = /(^|\.)(afterMs|afterBusinessDays|thresholdMs|longMs|shortMs)$|^derivation\.(exact|formula)$/;

function diff(from: CommitmentDefinition, to: CommitmentDefinition): PlanChange[] {
  const left = flatten(comparable(from));
  const right = flatten(comparable(to));
  const paths = [...new Set([...left.keys(), ...right.keys()])].filter((path) => !DERIVED.test(path));
  const changes: PlanChange[] = [];
  for (const path of paths) {
    const a = left.get(path);
    const b = right.get(path);
    if (!sameLeaf(a, b)) changes.push({ path, from: a, to: b });
  }
  // Definitions read back from storage may list their keys in any order; the plan should not.
  return changes.sort((x, y) => fieldRank(x.path) - fieldRank(y.path));
}

const FIELD_ORDER: ReadonlyArray<keyof CommitmentDefinition> = [
  'id',
  'title',
  'provider',
  'consumer',
  'measure',
  'unit',
  'period',
  'timezone',
  'calendar',
  'pacing',
  'comparator',
  'target',
  'derivation',
  'objective',
  'threshold',
  'thresholdMs',
  'atRisk',
  'alerts',
  'escalation',
  'credits',
  'review',
  'effectiveFrom',
];

function fieldRank(path: string): number {
  const field = /^[^.[]+/.exec(path)?.[0] as keyof CommitmentDefinition;
  const rank = FIELD_ORDER.indexOf(field);
  return rank === -1 ? FIELD_ORDER.length : rank;
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Opening hours read as people write them (`calendar.hours.mon: 08:00-18:00`), not as minute pairs. */
function comparable(definition: CommitmentDefinition): unknown {
  if (definition.calendar === undefined) return definition;
  return { ...definition, calendar: readableCalendar(definition.calendar) };
}

function readableCalendar(calendar: BusinessCalendar) {
  const hours: Record<string, string> = {};
  DAY_NAMES.forEach((name, index) => {
    const spans = calendar.hours[(index + 1) as Weekday] ?? [];
    hours[name] = spans.length === 0 ? 'closed' : spans.map(spanText).join(',');
  });
  return { ...calendar, hours };
}

function spanText(span: LocalSpan): string {
  const clock = (minute: number) =>
    `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return `${clock(span.start)}-${clock(span.end)}`;
}

/**
 * Paths to leaves: objects are walked, lists of objects by index (`credits[1].credit`), and
 * lists of plain values (notify targets, holidays) compared whole, which reads better.
 */
function flatten(value: unknown, path = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value) && value.some((item) => isObject(item))) {
    for (const [index, item] of value.entries()) flatten(item, `${path}[${index}]`, into);
  } else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (child !== undefined) flatten(child, path === '' ? key : `${path}.${key}`, into);
    }
  } else {
    into.set(path, value);
  }
  return into;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameLeaf(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameLeaf(item, b[index]));
  }
  return Object.is(a, b);
}
