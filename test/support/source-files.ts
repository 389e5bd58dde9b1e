import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.ts` file below `dir`, for tests that hold a folder to a rule of the house. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The module specifiers a source file imports or re-exports from. */
export function importSpecifiers(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gm)].map(
    (m) => m[1] as string,
  );
}
