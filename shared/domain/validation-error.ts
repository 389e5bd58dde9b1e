import type * as z from 'zod';
import { CodedError } from './coded-error.js';

/** One problem with an input, located by a path such as `commitments[2].target.derive.closeRate`. */
export interface FieldIssue {
  /** `''` means the document as a whole (a YAML syntax error, a top level that is not a mapping). */
  path: string;
  /** What to fix, in words a person can act on: `must be > 0`. */
  message: string;
  /** The line in the source text, when the input came from YAML or JSON text. */
  line?: number;
}

export class ValidationError extends CodedError {
  readonly code = 'VALIDATION_FAILED';

  constructor(
    readonly issues: FieldIssue[],
    message?: string,
  ) {
    super(message ?? describeIssues(issues));
  }
}

/** `3 problems:\n  commitments[0].id: …` — every issue, so a person fixes them in one pass. */
export function describeIssues(issues: FieldIssue[]): string {
  const lines = issues.map((issue) => {
    const where = issue.path === '' ? '' : `${issue.path}: `;
    const known = issue.line === undefined || issue.message.includes(`line ${issue.line}`);
    const line = known ? '' : ` (line ${issue.line})`;
    return `  ${where}${issue.message}${line}`;
  });
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return `${count}:\n${lines.join('\n')}`;
}

/** Joins path segments as `a.b[2].c`, the form people see in error messages. */
export function joinPath(prefix: string, ...segments: ReadonlyArray<PropertyKey>): string {
  let path = prefix;
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path === '' ? String(segment) : `.${String(segment)}`;
  }
  return path;
}

/** The closest candidate to a misspelt word, if one is close enough to be the likely intent. */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Two edits covers the usual slips (a dropped, doubled or swapped letter) without
  // suggesting unrelated short words.
  const allowed = Math.min(2, Math.max(1, Math.floor(word.length / 3)));
  return bestDistance <= allowed ? best : undefined;
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : `; did you mean '${match}'?`;
}

/** The same hint in brackets, for the middle of a sentence: ` (did you mean 'sales'?)`. */
export function meantHint(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` (did you mean '${match}'?)`;
}

/** Optimal string alignment distance: a swap of two neighbouring letters counts as one edit. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [];
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const previous = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(value);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

type ZodIssue = z.core.$ZodIssue;

/**
 * Turns zod's issues into `{ path, message }` pairs. Messages a schema chose itself are kept;
 * zod's generic English defaults are rewritten into what to fix. Unknown keys become one issue
 * per key, located at the key itself.
 */
export function issuesFromZod(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.flatMap((issue) => fromIssue(issue, prefix));
}

function fromIssue(issue: ZodIssue, prefix: string): FieldIssue[] {
  const path = joinPath(prefix, ...issue.path);
  if (issue.code === 'unrecognized_keys') {
    // Our strict objects put one line per key (with a suggestion); zod's default is one line for all.
    const lines = issue.message.split('\n');
    const own = lines.length === issue.keys.length && !isZodDefault(issue.message);
    return issue.keys.map((key, index) => ({
      path: joinPath(path, key),
      message: own ? (lines[index] as string) : `unknown field '${key}'`,
    }));
  }
  if (issue.code === 'invalid_union') {
    // When exactly one alternative got past the type check (`target: { derve: … }` is an object,
    // not a number), its issues say what is wrong; the bare "no alternative matched" does not.
    const plausible = issue.errors.filter((branch) => !branch.every(isTypeMismatchAtRoot));
    if (plausible.length === 1)
      return (plausible[0] as ZodIssue[]).flatMap((inner) => fromIssue(inner, path));
  }
  const message = isZodDefault(issue.message) ? humaneMessage(issue) : issue.message;
  return [{ path, message }];
}

function isTypeMismatchAtRoot(issue: ZodIssue): boolean {
  return (issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.path.length === 0;
}

// Zod's English defaults all start like this; the messages our schemas set are lower-case
// instructions (`must be …`), so this tells the two apart without a registry of messages.
const ZOD_DEFAULT = /^(Invalid|Too small|Too big|Unrecognized key)/;

function isZodDefault(message: string): boolean {
  return ZOD_DEFAULT.test(message);
}

function humaneMessage(issue: ZodIssue): string {
  const input: unknown = 'input' in issue ? issue.input : undefined;
  const hasInput = 'input' in issue;
  switch (issue.code) {
    case 'invalid_type': {
      const missing = hasInput ? input === undefined : /received undefined$/.test(issue.message);
      if (missing) return 'is required';
      const got = hasInput ? `, got ${describeValue(input)}` : '';
      return `must be ${expectedName(issue.expected)}${got}`;
    }
    case 'too_small':
      return sizeMessage('at least', issue.origin, Number(issue.minimum), issue.inclusive ?? true, '>');
    case 'too_big':
      return sizeMessage('at most', issue.origin, Number(issue.maximum), issue.inclusive ?? true, '<');
    case 'invalid_value': {
      if (hasInput && input === undefined)
        return `is required (one of ${issue.values.map(String).join(', ')})`;
      const options = issue.values.map((value) => String(value));
      const hint = typeof input === 'string' ? meantHint(input, options) : '';
      const got = hasInput ? `; got ${describeValue(input)}${hint}` : '';
      return `must be one of ${options.join(', ')}${got}`;
    }
    case 'invalid_format':
      if (issue.format === 'email') return 'must be an email address';
      if (issue.format === 'regex' && issue.pattern) return `must match ${issue.pattern}`;
      return `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      return `has the wrong shape${hasInput ? ` (got ${describeValue(input)})` : ''}`;
    case 'invalid_key':
      return 'has an invalid key';
    case 'invalid_element':
      return 'has an invalid entry';
    default:
      return issue.message;
  }
}

function sizeMessage(
  words: string,
  origin: string,
  limit: number,
  inclusive: boolean,
  strict: '>' | '<',
): string {
  if (origin === 'array' || origin === 'set') {
    if (strict === '>' && limit === 1 && inclusive) return 'must not be empty';
    return `must have ${words} ${limit} item${limit === 1 ? '' : 's'}`;
  }
  if (origin === 'string') {
    if (strict === '>' && limit === 1 && inclusive) return 'must not be empty';
    return `must be ${words} ${limit} character${limit === 1 ? '' : 's'} long`;
  }
  return `must be ${strict}${inclusive ? '=' : ''} ${limit}`;
}

function expectedName(expected: string): string {
  switch (expected) {
    case 'object':
    case 'record':
      return 'a mapping (key: value)';
    case 'array':
      return 'a list';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'number':
      return 'a number';
    case 'string':
      return 'text';
    default:
      return `a ${expected}`;
  }
}

/** A short, quoted rendering of a bad value for messages (`'abc'`, `5`, `a list`). */
export function describeValue(value: unknown): string {
  if (value === null) return 'an empty value';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 37)}...` : value}'`;
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}
