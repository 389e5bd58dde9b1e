/**
 * The `sources:` section: each sender by name, its type and the rules that turn what it delivers
 * into events. Checked with the rest of the configuration, against the commitments it declares, so
 * a rule can never point at a commitment that does not exist or a phase its measure lacks.
 */
import * as z from 'zod';
import { boundedString } from '../bounded-schemas.js';
import { atMostItems, required, slugSchema, strictObject } from '../config-fields.js';
import { lazy } from '../lazy.js';
import {
  MAX_CODE_LENGTH,
  MAX_KEY_LENGTH,
  MAX_NAME_LENGTH,
  MAX_SOURCE_RULES,
  MAX_WHEN_FIELDS,
} from '../limits.js';
import type { Measure } from '../model.js';
import { describeValue, type FieldIssue, joinPath, meantHint } from '../validation-error.js';
import { SOURCE_TYPE_RULES, SOURCE_TYPES, type SourceTypeName } from './source-types.js';

/** The phases each measure's events carry; the others take none. */
export const PHASES_BY_MEASURE: Record<Measure, readonly string[]> = {
  total: [],
  ratio: [],
  duration: ['start', 'pause', 'resume', 'stop'],
  availability: ['down', 'up'],
};

export type WhenValue = string | number | boolean | { [field: string]: WhenValue };

export interface SourceRule {
  /** Fields of one delivered item that must all be equal; nested objects match by their listed fields. */
  when: Record<string, WhenValue>;
  record: { commitment: string; phase?: string; subject?: string };
}

export interface SourceDefinition {
  name: string;
  type: SourceTypeName;
  rules: SourceRule[];
  /** The public URL the sender calls, for schemes that sign it, when the request cannot tell it. */
  url?: string;
}

/** Longer than any target URL a sender accepts, short enough to keep an item small. */
export const MAX_SOURCE_URL_LENGTH = 500;

function isAbsoluteHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hash === '' && !text.includes('#');
}

const scalar = lazy(() => z.union([boundedString(MAX_KEY_LENGTH), z.number(), z.boolean()]));
const whenValue = lazy(
  (): z.ZodType<WhenValue> =>
    z.lazy(() =>
      z.union([scalar(), z.record(boundedString(MAX_NAME_LENGTH), whenValue())], {
        error: (issue) =>
          issue.code === 'invalid_union'
            ? `must be a text, number or true/false to match, or a mapping of nested fields; got ${describeValue(issue.input)}`
            : undefined,
      }),
    ),
);

const ruleSchema = lazy(() =>
  strictObject({
    when: z.record(boundedString(MAX_NAME_LENGTH), whenValue(), {
      error: required('a mapping of fields to the values they must have, such as { status: won }'),
    }),
    record: strictObject({
      commitment: slugSchema(),
      phase: boundedString(MAX_CODE_LENGTH, required('a phase such as start or down')).optional(),
      subject: boundedString(
        MAX_NAME_LENGTH,
        required('the name of a field of the delivered item'),
      ).optional(),
    }),
  }),
);

export const rawSourceSchema = lazy(() =>
  strictObject({
    type: z.enum(SOURCE_TYPES, {
      error: (issue) =>
        `must be one of ${SOURCE_TYPES.join(', ')}; got ${describeValue(issue.input)}${typeof issue.input === 'string' ? meantHint(issue.input, SOURCE_TYPES) : ''}`,
    }),
    rules: z
      .array(ruleSchema(), { error: required('a list of rules such as - { when: {...}, record: {...} }') })
      .max(MAX_SOURCE_RULES, atMostItems(MAX_SOURCE_RULES, 'rules'))
      .optional(),
    url: boundedString(
      MAX_SOURCE_URL_LENGTH,
      required('the full URL the sender calls, such as https://sla.example.com/sources/crm'),
    )
      .refine(isAbsoluteHttpUrl, {
        message: 'must be the full http(s) URL the sender calls, such as https://sla.example.com/sources/crm',
      })
      .optional(),
  }),
);

export type RawSource = z.infer<ReturnType<typeof rawSourceSchema>>;

function countFields(when: Record<string, WhenValue>): number {
  return Object.values(when).reduce<number>(
    (sum, value) => sum + (typeof value === 'object' ? countFields(value) : 1),
    0,
  );
}

/**
 * Checks what a source's shape cannot say alone: that each rule names a declared commitment and a
 * phase its measure has. `measures` maps each commitment id to its measure, or to undefined when
 * the commitment is declared but itself invalid (reported there, not again here).
 */
export function normalizeSource(
  name: string,
  raw: RawSource,
  measures: ReadonlyMap<string, Measure | undefined>,
  path: string,
  issues: FieldIssue[],
): SourceDefinition | undefined {
  const before = issues.length;
  const rules = raw.rules ?? [];
  if (rules.length === 0 && SOURCE_TYPE_RULES[raw.type].rulesRequired) {
    issues.push({ path: joinPath(path, 'rules'), message: `a ${raw.type} source needs at least one rule` });
  }
  rules.forEach((rule, index) => {
    const rulePath = joinPath(path, 'rules', index);
    const fields = countFields(rule.when);
    if (fields > MAX_WHEN_FIELDS) {
      issues.push({
        path: joinPath(rulePath, 'when'),
        message: `names ${fields} fields; a rule may match at most ${MAX_WHEN_FIELDS}`,
      });
    }
    const { commitment, phase } = rule.record;
    if (!measures.has(commitment)) {
      issues.push({
        path: joinPath(rulePath, 'record', 'commitment'),
        message: `names '${commitment}', which is not a commitment of this configuration${meantHint(commitment, measures.keys())}`,
      });
      return;
    }
    const measure = measures.get(commitment);
    if (measure === undefined || phase === undefined) return;
    const phases = PHASES_BY_MEASURE[measure];
    if (!phases.includes(phase)) {
      issues.push({
        path: joinPath(rulePath, 'record', 'phase'),
        message:
          phases.length === 0
            ? `must be left out: '${commitment}' measures ${measure}, whose events have no phase`
            : `must be one of ${phases.join(', ')} for '${commitment}' (${measure}); got '${phase}'`,
      });
    }
  });
  if (raw.url !== undefined && !SOURCE_TYPE_RULES[raw.type].signsUrl) {
    issues.push({
      path: joinPath(path, 'url'),
      message: `must be left out: a ${raw.type} source does not sign the URL it calls`,
    });
  }
  if (issues.length > before) return undefined;
  return { name, type: raw.type, rules, ...(raw.url === undefined ? {} : { url: raw.url }) };
}

/** Refuses a second source of a kind whose deliveries are routed by kind, naming the later ones. */
export function checkOnePerConfiguration(
  sources: Readonly<Record<string, SourceDefinition>>,
  issues: FieldIssue[],
): void {
  const firstOfType = new Map<SourceTypeName, string>();
  for (const source of Object.values(sources)) {
    const reason = SOURCE_TYPE_RULES[source.type].onePerConfiguration;
    if (reason === undefined) continue;
    const first = firstOfType.get(source.type);
    if (first === undefined) {
      firstOfType.set(source.type, source.name);
      continue;
    }
    issues.push({
      path: joinPath('sources', source.name, 'type'),
      message: `must not be ${source.type} again: '${first}' is already the ${source.type} source, and there may be only one (${reason})`,
    });
  }
}
