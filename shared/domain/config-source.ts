/**
 * Reading configuration text (YAML, or JSON which YAML contains) and pointing issues back at
 * the line they are about, so a person can jump straight to it.
 */
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { type FieldIssue, ValidationError } from './validation-error.js';

/** Aliases repeat a node; a handful is useful, thousands only multiply memory. */
const MAX_ALIAS_COUNT = 100;

export interface ConfigSource {
  data: unknown;
  /** Adds `line` to issues whose path can be found in the text. */
  locate(issue: FieldIssue): FieldIssue;
}

export function readConfigSource(text: string, format: 'yaml' | 'json'): ConfigSource {
  const lineCounter = new LineCounter();
  // The core schema of YAML 1.2 keeps `08:00-18:00` and `2026-11-26` as strings (YAML 1.1 would
  // turn them into a sexagesimal number and a timestamp) and duplicate keys are refused.
  const doc = parseDocument(text, {
    lineCounter,
    schema: 'core',
    version: '1.2',
    uniqueKeys: true,
    prettyErrors: false,
  });
  let data: unknown;
  if (format === 'json') {
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new ValidationError([{ path: '', message: `not valid JSON: ${(error as Error).message}` }]);
    }
  } else {
    if (doc.errors.length > 0) {
      throw new ValidationError(
        doc.errors.map((error) => {
          const { line, col } = lineCounter.linePos(error.pos[0]);
          const what = error.message.split('\n')[0] ?? error.message;
          return { path: '', message: `YAML syntax error at line ${line}, column ${col}: ${what}`, line };
        }),
      );
    }
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      // The yaml library refuses a document whose aliases would expand into a huge structure
      // (an "alias bomb"); that is a problem with the input, not with us.
      if (!(error instanceof ReferenceError)) throw error;
      const message = /excessive alias count/i.test(error.message)
        ? `YAML aliases (*name) expand too far (excessive alias count): at most ${MAX_ALIAS_COUNT} values may come from aliases; write the values out instead`
        : `YAML aliases (*name) cannot be resolved: ${error.message}`;
      throw new ValidationError([{ path: '', message }]);
    }
  }
  return {
    data,
    locate: (issue) => {
      const offset = offsetOf(doc, pathSegments(issue.path));
      return offset === undefined ? issue : { ...issue, line: lineCounter.linePos(offset).line };
    },
  };
}

/** `commitments[2].target.derive` → ['commitments', 2, 'target', 'derive']. */
function pathSegments(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    segments.push(match[2] === undefined ? (match[1] as string) : Number(match[2]));
  }
  return segments;
}

/**
 * Where the deepest existing part of a path starts: a field's key when the path ends at a key
 * (an unknown or wrong field), the parent when the field is missing.
 */
function offsetOf(doc: Document, segments: Array<string | number>): number | undefined {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (pair === undefined) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      node = item;
      offset = (item as Node).range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}
