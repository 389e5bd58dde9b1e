import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paintFor, plain } from '../../../cli/color.js';
import { EXIT } from '../../../cli/exit-codes.js';
import { createApiClient } from '../../../cli/http-client.js';
import { apiUrlFor, COMMANDS, commandHelp, mainHelp, runCli } from '../../../cli/main.js';
import { renderStatusTable, type StatusRow } from '../../../cli/render/status.js';
import { closestName } from '../../../cli/suggest.js';
import { fakeIo } from './fake-io.js';

const REPO = resolve(import.meta.dirname, '../../..');
const example = readFileSync(resolve(REPO, 'examples/commitments.yaml'), 'utf8');
const noNetwork = () => new Error('validate must not reach the network');

describe('sla validate', () => {
  it('checks a good file offline: exit 0, a summary, no request at all', async () => {
    const fake = fakeIo(noNetwork, { 'commitments.yaml': example });
    expect(await runCli(['validate', '-f', 'commitments.yaml'], fake.io)).toBe(EXIT.ok);
    expect(fake.requests).toEqual([]);
    expect(fake.out).toEqual(['commitments.yaml is valid: 3 commitments, 4 departments.']);
  });

  it('names every problem by its path and line, exit 2', async () => {
    const broken = example
      .replace('closeRate: 0.2', 'closeRate: 0')
      .replace('objective: 0.995', 'objective: 2');
    const fake = fakeIo(noNetwork, { 'broken.yaml': broken });
    expect(await runCli(['validate', '-f', 'broken.yaml'], fake.io)).toBe(EXIT.invalid);
    expect(fake.requests).toEqual([]);
    expect(fake.err[0]).toBe('sla: broken.yaml has 2 problems:');
    expect(fake.err.join('\n')).toMatch(/commitments\[0\]\.target\.derive\.closeRate: .*\(line \d+\)/);
    expect(fake.err.join('\n')).toMatch(/commitments\[2\]\.objective: .*\(line \d+\)/);
  });

  it('answers JSON for scripts, and reads .json files as JSON', async () => {
    const fake = fakeIo(noNetwork, { 'c.json': '{"timezone": "UTC", "departments": {}' });
    expect(await runCli(['validate', '-f', 'c.json', '--json'], fake.io)).toBe(EXIT.invalid);
    const answer = JSON.parse(fake.out.join('\n'));
    expect(answer.valid).toBe(false);
    expect(answer.errors[0].message).toMatch(/^not valid JSON/);
  });

  it('takes no API options: it never talks to one', async () => {
    const fake = fakeIo(noNetwork, { 'c.yaml': example });
    expect(await runCli(['validate', '-f', 'c.yaml', '--api', 'http://x'], fake.io)).toBe(EXIT.usage);
    expect(fake.err[0]).toBe('sla: unknown option --api');
  });
});

describe('a CLI that feels native', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(resolve(REPO, 'package.json'), 'utf8'));
    const fake = fakeIo(noNetwork);
    expect(await runCli(['--version'], fake.io)).toBe(EXIT.ok);
    expect(fake.out).toEqual([`sla-tracker ${version}`]);
  });

  it('no arguments: short help on stderr, exit 1', async () => {
    const fake = fakeIo(noNetwork);
    expect(await runCli([], fake.io)).toBe(EXIT.usage);
    const text = fake.err.join('\n');
    expect(text).toContain('Usage: sla COMMAND');
    expect(text).toContain('validate');
    expect(text).not.toContain('Exit codes:');
    expect(fake.out).toEqual([]);
  });

  it('suggests the command or option that was meant', async () => {
    const command = fakeIo(noNetwork);
    expect(await runCli(['stauts'], command.io)).toBe(EXIT.usage);
    expect(command.err[0]).toBe("sla: unknown command 'stauts'; did you mean 'status'?");

    const option = fakeIo(noNetwork);
    expect(await runCli(['apply', '-f', 'x.yaml', '--dryrun'], option.io)).toBe(EXIT.usage);
    expect(option.err[0]).toBe("sla: unknown option --dryrun; did you mean '--dry-run'?");

    const nothingClose = fakeIo(noNetwork);
    expect(await runCli(['frobnicate'], nothingClose.io)).toBe(EXIT.usage);
    expect(nothingClose.err[0]).toBe("sla: unknown command 'frobnicate'");
  });

  it('closestName: slips and prefixes, not guesses', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(closestName('stat', names)).toBe('status');
    expect(closestName('histroy', names)).toBe('history');
    expect(closestName('aply', names)).toBe('apply');
    expect(closestName('xyz', names)).toBeUndefined();
  });

  it("says the shared options and exit codes once, in `sla --help`, not in each command's help", async () => {
    expect(mainHelp().match(/Exit codes:/g)).toHaveLength(1);
    expect(mainHelp()).toContain('--api URL');
    for (const command of COMMANDS) {
      const help = commandHelp(command);
      expect(help, command.name).not.toContain('Exit codes:');
      expect(help, command.name).not.toContain('standard AWS chain');
      expect(help, command.name).toContain('sla --help');
    }
    expect(mainHelp()).not.toContain('__ids');
  });

  it('colours only on a terminal, never with NO_COLOR or TERM=dumb', () => {
    const red = (paint: ReturnType<typeof paintFor>) => paint('red', 'x');
    expect(red(paintFor({ isTTY: true }, {}))).not.toBe('x');
    expect(red(paintFor({ isTTY: true }, { NO_COLOR: '' }))).toBe('x');
    expect(red(paintFor({ isTTY: true }, { NO_COLOR: '1' }))).toBe('x');
    expect(red(paintFor({ isTTY: true }, { TERM: 'dumb' }))).toBe('x');
    expect(red(paintFor({ isTTY: false }, {}))).toBe('x');
    expect(red(paintFor({}, {}))).toBe('x');
  });

  it('a coloured status table lines up exactly like the plain one', () => {
    const row = {
      commitmentId: 'leads',
      period: '2026-11',
      measure: 'total',
      status: 'at_risk',
      actual: 40,
      target: 100,
      expected: 61,
      projected: 65.6,
      attainment: 0.4,
      elapsed: 0.61,
      unit: 'leads',
      evaluatedAt: '2026-11-18T15:00:00Z',
      final: false,
      title: 'Leads',
      provider: 'marketing',
      consumer: 'sales',
    } as unknown as StatusRow;
    const rows = [row, { ...row, commitmentId: 'up', status: 'breached' } as StatusRow];
    const coloured = renderStatusTable(rows, paintFor({ isTTY: true }, {}));
    expect(coloured).toContain('\u001b[');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing the colour codes
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(renderStatusTable(rows, plain));
  });
});

describe('finding the local runtime', () => {
  const file = (url: string) => JSON.stringify({ url, pid: 1 });

  it('takes the URL the runtime left in its data folder when neither --api nor SLA_API_URL is set', async () => {
    const fake = fakeIo(() => ({ body: { evaluatedAt: 'x', statuses: [] } }), {
      '.sla-local/runtime.json': file('http://127.0.0.1:43117'),
    });
    fake.io.env = {};
    expect(await runCli(['status'], fake.io)).toBe(EXIT.ok);
    expect(fake.requests[0]?.url).toBe('http://127.0.0.1:43117/v1/status');
  });

  it('looks in SLA_DATA_DIR, and --api and SLA_API_URL still win', () => {
    const fake = fakeIo(noNetwork, {
      'elsewhere/runtime.json': file('http://127.0.0.1:5000'),
      '.sla-local/runtime.json': file('http://127.0.0.1:6000'),
    });
    expect(apiUrlFor(undefined, { ...fake.io, env: { SLA_DATA_DIR: 'elsewhere' } })).toBe(
      'http://127.0.0.1:5000',
    );
    expect(apiUrlFor(undefined, { ...fake.io, env: {} })).toBe('http://127.0.0.1:6000');
    expect(apiUrlFor(undefined, { ...fake.io, env: { SLA_API_URL: 'http://h:1' } })).toBe('http://h:1');
    expect(apiUrlFor('http://o:2', { ...fake.io, env: { SLA_API_URL: 'http://h:1' } })).toBe('http://o:2');
    expect(apiUrlFor(undefined, { ...fake.io, env: { SLA_DATA_DIR: 'none' } })).toBe('http://127.0.0.1:3000');
  });

  it('ignores a file that is not a runtime file', () => {
    const fake = fakeIo(noNetwork, { '.sla-local/runtime.json': 'garbage' });
    expect(apiUrlFor(undefined, { ...fake.io, env: {} })).toBe('http://127.0.0.1:3000');
  });
});

describe('waiting for the API', () => {
  const hanging = (seen: Array<AbortSignal | undefined>) =>
    ((_input: unknown, init?: RequestInit) => {
      seen.push(init?.signal ?? undefined);
      return new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    }) as typeof fetch;

  it('gives up on a request after the client wait, unless the request asks for longer', async () => {
    const seen: Array<AbortSignal | undefined> = [];
    const api = createApiClient({ baseUrl: 'http://127.0.0.1:1', fetch: hanging(seen), timeoutMs: 20 });
    await expect(api.request('GET', '/v1/status')).rejects.toThrow('no answer within 0 s');
    const longer = api.request('POST', '/local/clock', { json: {}, timeoutMs: 2_000 });
    await new Promise((done) => setTimeout(done, 100));
    expect(seen[1]?.aborted).toBe(false);
    await expect(longer).rejects.toThrow('no answer within 2 s');
  });
});
