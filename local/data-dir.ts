import {
  accessSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../shared/domain/coded-error.js';

export class DataDirError extends CodedError {
  readonly code = 'DATA_DIR';
}

/** Creates the data folder if needed and checks that it is writable, in one clear line when not. */
export function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new DataDirError(
      `Data folder ${dir} is not writable (${(error as NodeJS.ErrnoException).code ?? 'error'}): set SLA_DATA_DIR to a folder you can write to.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders this process holds: a second runtime in the same process must be refused too. */
const heldHere = new Set<string>();

/**
 * Takes the data folder's lock so two runtimes never share it by accident. A lock left by a
 * process that no longer runs is taken over. Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, 'runtime.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(path);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(path);
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8').trim());
      const ours = pid === process.pid;
      if (Number.isInteger(pid) && pid > 0 && ((ours && heldHere.has(path)) || (!ours && isAlive(pid)))) {
        throw new DataDirError(
          `Data folder ${dir} is in use by another runtime (pid ${pid}): stop it, or set SLA_DATA_DIR to another folder.`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DataDirError(`Could not lock data folder ${dir}.`);
}
