import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSpecifiers, sourceFiles } from '../../support/source-files.js';

/**
 * A house rule: `shared/domain/` knows nothing of AWS, Slack, HTTP or the environment, and takes
 * time only as values or through an injected clock. This test keeps it that way.
 */
const root = new URL('../../../shared/domain/', import.meta.url).pathname;

const ALLOWED_PACKAGES = new Set(['luxon', 'zod', 'yaml']);
const FORBIDDEN_CODE: Array<[RegExp, string]> = [
  [/\bprocess\./, 'process access'],
  [/Date\.now\(/, 'Date.now()'],
  [/new Date\(\s*\)/, 'new Date() without an argument'],
  [/DateTime\.now\(|DateTime\.local\(\s*\)/, "Luxon's own clock"],
  [/\bfetch\(/, 'HTTP'],
  [/Math\.random\(/, 'randomness'],
];

const files = sourceFiles(root);

describe('the domain core is pure', () => {
  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [relative(root, f), f]))(
    '%s imports only the domain and luxon/zod/yaml',
    (_name, file) => {
      const source = readFileSync(file, 'utf8');
      const imports = importSpecifiers(file);
      for (const spec of imports) {
        if (spec.startsWith('.')) {
          expect(
            spec.startsWith('../') ? join(file, '..', spec).startsWith(root) : true,
            `${spec} leaves shared/domain`,
          ).toBe(true);
        } else {
          expect(ALLOWED_PACKAGES.has(spec), `imports ${spec}`).toBe(true);
        }
      }
      for (const [pattern, what] of FORBIDDEN_CODE) {
        expect(pattern.test(source), `uses ${what}`).toBe(false);
      }
    },
  );
});
