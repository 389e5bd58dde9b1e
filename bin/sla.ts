/**
 * `sla`: the command-line tool. All the work is in `cli/`; this file binds it to the process.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { paintFor } from '../cli/color.js';
import { runCli } from '../cli/main.js';

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stdoutRaw: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  fetch: globalThis.fetch,
  now: () => Date.now(),
  newId: () => `cli-${randomUUID()}`,
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, data) => writeFileSync(path, data),
  paint: paintFor(process.stdout, process.env),
});
process.exitCode = code;
