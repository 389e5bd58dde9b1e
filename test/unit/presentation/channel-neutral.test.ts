import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSpecifiers, sourceFiles } from '../../support/source-files.js';

/**
 * `shared/presentation/` says how things read for people whatever the channel: Slack's blocks and
 * mrkdwn are built in `shared/slack/`, so the email text and the CLI never load them, and the
 * presentation files do not import each other in a circle.
 */
const root = new URL('../../../shared/presentation/', import.meta.url).pathname;

const files = sourceFiles(root);

/** The presentation files `file` imports, as absolute `.ts` paths. */
const localImports = (file: string): string[] =>
  importSpecifiers(file)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolve(dirname(file), spec).replace(/\.js$/, '.ts'))
    .filter((path) => path.startsWith(root));

describe('presentation is channel-neutral', () => {
  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s imports nothing of Slack', (_name, file) => {
    for (const spec of importSpecifiers(file)) {
      expect(spec, `${spec} is Slack code`).not.toMatch(/(^|\/)slack\/|^@slack\//);
    }
    expect(readFileSync(file, 'utf8'), 'builds Slack mrkdwn or blocks').not.toMatch(/mrkdwn|\bblocks?\s*:/i);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      for (const next of localImports(file)) {
        if (path.includes(next)) {
          cycles.push([...path.slice(path.indexOf(next)), next].map((f) => relative(root, f)).join(' → '));
        } else {
          visit(next, [...path, next]);
        }
      }
    };
    for (const file of files) visit(file, [file]);
    expect(cycles).toEqual([]);
  });
});
