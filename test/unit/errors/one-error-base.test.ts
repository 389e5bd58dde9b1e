import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../../support/source-files.js';

/**
 * Every error of the system extends the one coded base, so each carries a code the edges answer
 * from one table. This test keeps a new `extends Error` (and the name set by hand that came with
 * it) from growing back.
 */
const REPO = new URL('../../../', import.meta.url).pathname;
const PRODUCTION = ['shared', 'functions', 'local', 'cli', 'infra', 'bin', 'scripts'];
const BASE = 'shared/domain/coded-error.ts';

const files = PRODUCTION.flatMap((dir) => sourceFiles(join(REPO, dir))).map((f) => relative(REPO, f));

describe('one coded-error base', () => {
  it('has the production files to check, the base among them', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(BASE);
  });

  it('is the only class that extends Error directly', () => {
    const offenders = files.filter(
      (file) =>
        file !== BASE &&
        /\bextends\s+(Error|TypeError|RangeError)\b/.test(readFileSync(join(REPO, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('names every error, so no class sets its name by hand', () => {
    const offenders = files.filter(
      (file) =>
        file !== BASE &&
        /this\.name\s*=|override\s+(readonly\s+)?name\s*=/.test(readFileSync(join(REPO, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
