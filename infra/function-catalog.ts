import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The Lambda functions, each bundled from `functions/<name>/index.ts` (its `handler` export). */
export const FUNCTION_NAMES = [
  'api',
  'evaluate',
  'notify-slack',
  'slack',
  'digest',
  'sources',
  'web',
] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export function entryPath(sourceRoot: string, name: FunctionName): string {
  return join(sourceRoot, 'functions', name, 'index.ts');
}

/** Entry files that do not exist yet under `sourceRoot`; bundling needs all of them. */
export function missingEntries(sourceRoot: string): FunctionName[] {
  return FUNCTION_NAMES.filter((name) => !existsSync(entryPath(sourceRoot, name)));
}
