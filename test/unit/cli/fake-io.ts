import type { CliIo } from '../../../cli/command.js';

export interface Captured {
  io: CliIo;
  out: string[];
  err: string[];
  requests: Array<{ method: string; url: string; headers: Record<string, string>; body?: string }>;
  /** What the command wrote to files, by path. */
  written: Record<string, Uint8Array>;
}

type Reply = { status?: number; body?: unknown; contentType?: string } | Error;

/**
 * A CliIo whose fetch answers from `reply` and records every request; the clock stands at
 * 2026-11-18T15:00:00Z and ids count up.
 */
export function fakeIo(
  reply: (method: string, url: URL) => Reply,
  files: Record<string, string> = {},
): Captured {
  const out: string[] = [];
  const err: string[] = [];
  const requests: Captured['requests'] = [];
  const written: Record<string, Uint8Array> = {};
  let ids = 0;
  const fetchFake = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    requests.push({
      method,
      url: url.toString(),
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    const answer = reply(method, url);
    if (answer instanceof Error) throw answer;
    const status = answer.status ?? 200;
    const contentType =
      answer.contentType ?? (status >= 400 ? 'application/problem+json' : 'application/json');
    const text =
      typeof answer.body === 'string'
        ? answer.body
        : answer.body instanceof Uint8Array
          ? new Uint8Array(answer.body)
          : JSON.stringify(answer.body ?? {});
    return new Response(text, { status, headers: { 'content-type': contentType } });
  };
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stdoutRaw: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: { SLA_API_URL: 'http://127.0.0.1:3999' },
    fetch: fetchFake as typeof fetch,
    now: () => Date.parse('2026-11-18T15:00:00Z'),
    newId: () => `cli-test-${++ids}`,
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    writeFile: (path, data) => {
      written[path] = data;
    },
  };
  return { io, out, err, requests, written };
}
