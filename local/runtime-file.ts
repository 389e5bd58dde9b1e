import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatRuntimeFile, RUNTIME_FILE } from '../shared/config/runtime-file.js';

/** Writes where this runtime listens into its data folder; returns the function that removes it. */
export function publishRuntimeUrl(dataDir: string, url: string): () => void {
  const path = join(dataDir, RUNTIME_FILE);
  writeFileSync(path, formatRuntimeFile({ url, pid: process.pid }));
  return () => rmSync(path, { force: true });
}
