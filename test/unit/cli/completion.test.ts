/**
 * The completion script as bash runs it: sourced in a real bash, asked what `sla st<TAB>` means,
 * with commitment ids read through the real `sla` from an API on this machine.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.js';
import { fakeIo } from './fake-io.js';

const REPO = resolve(import.meta.dirname, '../../..');
let dir: string;
let server: Server;
let apiUrl: string;

async function script(shell: string): Promise<string> {
  const fake = fakeIo(() => new Error('no network'));
  expect(await runCli(['completion', shell], fake.io)).toBe(0);
  return fake.out.join('');
}

/** What bash offers for the words typed so far (the last one being completed). */
function complete(words: string[]): Promise<string[]> {
  const typed = words.map((w) => `'${w}'`).join(' ');
  const program = `source ${join(dir, 'sla.bash')}; COMP_WORDS=(${typed}); COMP_CWORD=${words.length - 1}; _sla_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return new Promise((done, fail) => {
    execFile(
      'bash',
      ['--noprofile', '--norc', '-c', program],
      { env: { PATH: `${dir}:${process.env.PATH}`, SLA_API_URL: apiUrl, HOME: dir }, timeout: 30_000 },
      (error, stdout, stderr) =>
        error ? fail(new Error(`${error.message}\n${stderr}`)) : done(stdout.split('\n').filter(Boolean)),
    );
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sla-completion-'));
  writeFileSync(join(dir, 'sla.bash'), await script('bash'));
  const sla = join(dir, 'sla');
  writeFileSync(sla, `#!/bin/sh\nexec "${process.execPath}" "${join(REPO, 'bin/sla.js')}" "$@"\n`);
  chmodSync(sla, 0o755);
  server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.url === '/v1/commitments') {
      response.end(
        JSON.stringify({
          commitments: [{ id: 'marketing-qualified-leads' }, { id: 'sales-lead-follow-up' }],
        }),
      );
    } else {
      response.statusCode = 404;
      response.end('{}');
    }
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((closed) => server.close(closed));
  rmSync(dir, { recursive: true, force: true });
});

describe('sla completion bash', () => {
  it('completes `sla st` to status', async () => {
    expect(await complete(['sla', 'st'])).toEqual(['status']);
  });

  it("completes a command's options, including the shared ones", async () => {
    expect(await complete(['sla', 'apply', '--dr'])).toEqual(['--dry-run']);
    expect(await complete(['sla', 'status', '--a'])).toEqual(['--api']);
    expect(await complete(['sla', 'validate', '--a'])).toEqual([]);
  });

  it('completes commitment ids from the API through sla itself', { timeout: 60_000 }, async () => {
    expect(await complete(['sla', 'history', 'sa'])).toEqual(['sales-lead-follow-up']);
    expect(await complete(['sla', 'record', ''])).toEqual([
      'marketing-qualified-leads',
      'sales-lead-follow-up',
    ]);
  });

  it('completes the shells of `sla completion`', async () => {
    expect(await complete(['sla', 'completion', 'z'])).toEqual(['zsh']);
  });
});

describe('zsh and fish scripts', () => {
  it('name every command and hook into the shell', async () => {
    const zsh = await script('zsh');
    const fish = await script('fish');
    expect(zsh).toContain('compdef _sla sla');
    expect(fish).toContain('complete -c sla -n __fish_use_subcommand -a validate');
    for (const text of [zsh, fish]) {
      expect(text).toContain('sla __ids');
      expect(text).not.toContain('-a __ids');
    }
  });

  it('refuses a shell it does not know', async () => {
    const fake = fakeIo(() => new Error('no network'));
    expect(await runCli(['completion', 'tcsh'], fake.io)).toBe(1);
    expect(fake.err[0]).toBe("sla: unknown shell 'tcsh'; choose bash, zsh or fish");
  });
});
