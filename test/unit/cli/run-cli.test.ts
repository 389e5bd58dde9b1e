import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeForStatus } from '../../../cli/exit-codes.js';
import { runCli } from '../../../cli/main.js';
import { renderProblem } from '../../../cli/render/problem.js';
import { fakeIo } from './fake-io.js';

const problem = (
  status: number,
  detail: string,
  errors?: Array<{ path: string; message: string; line?: number }>,
) => ({
  status,
  body: {
    type: 'https://sla-tracker.dev/problems/x',
    title: 'X',
    status,
    detail,
    ...(errors ? { errors } : {}),
  },
});

describe('exitCodeForStatus', () => {
  it('maps HTTP answers onto the documented exit codes', () => {
    expect([200, 201, 400, 401, 403, 404, 409, 412, 413, 415, 500, 502, 503].map(exitCodeForStatus)).toEqual([
      0, 0, 2, 2, 2, 3, 4, 4, 2, 2, 5, 5, 5,
    ]);
  });
});

describe('runCli exit codes', () => {
  it('1 for a usage error, without sending anything', async () => {
    const fake = fakeIo(() => ({ body: {} }));
    expect(await runCli(['record'], fake.io)).toBe(EXIT.usage);
    expect(await runCli(['nonsense'], fake.io)).toBe(EXIT.usage);
    expect(await runCli(['apply', '-f', 'missing.yaml'], fake.io)).toBe(EXIT.usage);
    expect(await runCli(['status', '--api', 'ftp://x'], fake.io)).toBe(EXIT.usage);
    expect(fake.requests).toEqual([]);
    expect(fake.err).toContain('sla: missing COMMITMENT');
    expect(fake.err).toContain('Run `sla record --help` for usage.');
  });

  it('2 for a refused config, naming every field with its line', async () => {
    const fake = fakeIo(
      () =>
        problem(400, '1 problem:\n  commitments[0].target.derive.closeRate: must be > 0 (line 12)', [
          { path: 'commitments[0].target.derive.closeRate', message: 'must be > 0', line: 12 },
        ]),
      { 'bad.yaml': 'timezone: UTC' },
    );
    expect(await runCli(['apply', '-f', 'bad.yaml'], fake.io)).toBe(EXIT.invalid);
    expect(fake.err).toEqual([
      'bad.yaml was refused; nothing was applied.',
      'sla: 1 problem:',
      '  commitments[0].target.derive.closeRate: must be > 0 (line 12)',
    ]);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:3999/v1/config:apply',
      headers: { 'content-type': 'application/yaml' },
      body: 'timezone: UTC',
    });
  });

  it('3 for an unknown commitment, 4 for a conflict, 5 for a server error', async () => {
    const notFound = fakeIo(() => problem(404, "No active commitment with id 'nope'."));
    expect(await runCli(['history', 'nope'], notFound.io)).toBe(EXIT.notFound);
    expect(notFound.err).toEqual(["sla: No active commitment with id 'nope'."]);

    const conflict = fakeIo(() => problem(409, 'There is no open alert to act on'));
    expect(await runCli(['ack', 'leads', '--by', 'U1'], conflict.io)).toBe(EXIT.conflict);

    const broken = fakeIo(() => ({
      status: 502,
      body: '<html>Bad gateway</html>',
      contentType: 'text/html',
    }));
    expect(await runCli(['status'], broken.io)).toBe(EXIT.unavailable);
    expect(broken.err[0]).toBe('sla: the API answered 502 Bad Gateway: <html>Bad gateway</html>');
  });

  it('5 with one line when the API cannot be reached', async () => {
    const refused = new TypeError('fetch failed', {
      cause: new Error('connect ECONNREFUSED 127.0.0.1:3999'),
    });
    const fake = fakeIo(() => refused);
    expect(await runCli(['status'], fake.io)).toBe(EXIT.unavailable);
    expect(fake.err).toEqual([
      'sla: cannot reach the SLA API at http://127.0.0.1:3999: connect ECONNREFUSED 127.0.0.1:3999; is `npm start` running?',
    ]);
  });

  it('5 with one line when something other than the SLA API answers 200 (a wrong --api)', async () => {
    const fake = fakeIo(() => ({ status: 200, body: '<html>Sign in</html>', contentType: 'text/html' }));
    for (const args of [['status'], ['status', 'marketing-qualified-leads'], ['ack', 'x', '--by', 'me']]) {
      fake.err.length = 0;
      expect(await runCli(args, fake.io)).toBe(EXIT.unavailable);
      expect(fake.err).toEqual([
        expect.stringMatching(/answered 200 with text\/html, not the SLA API's JSON; check --api/),
      ]);
    }
  });

  it('prints a generated event id so that a failed record can be retried with it', async () => {
    const fake = fakeIo(() => ({ status: 503, body: { title: 'Unavailable', detail: 'try later' } }));
    expect(await runCli(['record', 'leads', '5'], fake.io)).toBe(EXIT.unavailable);
    expect(fake.err[0]).toBe(
      'Event cli-test-1 may or may not have been recorded: run again with --id cli-test-1.',
    );
    expect(JSON.parse(fake.requests[0]?.body ?? '')).toEqual({ id: 'cli-test-1', value: 5 });
  });

  it('2 when the API rejects the event itself, with its reasons', async () => {
    const fake = fakeIo(() => ({
      status: 400,
      contentType: 'application/json',
      body: {
        accepted: 0,
        duplicates: 0,
        rejected: [{ index: 0, errors: [{ path: 'outcome', message: "unknown field 'outcome'" }] }],
      },
    }));
    expect(await runCli(['record', 'website-availability', '--good', '--id', 'e1'], fake.io)).toBe(
      EXIT.invalid,
    );
    expect(fake.err).toEqual([
      'Refused: event e1 (a good outcome) on website-availability was not recorded.',
      "  outcome: unknown field 'outcome'",
    ]);
  });

  it('0 and help text for --help, with the exit codes documented', async () => {
    const fake = fakeIo(() => ({ body: {} }));
    expect(await runCli(['--help'], fake.io)).toBe(EXIT.ok);
    expect(await runCli(['snooze', '--help'], fake.io)).toBe(EXIT.ok);
    expect(fake.out[0]).toContain('Exit codes:\n  0  ok');
    expect(fake.out[1]).toMatch(/^Usage: sla snooze COMMITMENT --by WHO/);
    expect(fake.requests).toEqual([]);
  });
});

describe('commands send what the API expects', () => {
  it('snooze --for counts from the local runtime clock when talking to it', async () => {
    const fake = fakeIo((_method, url) =>
      url.pathname === '/local/clock'
        ? { body: { now: '2026-11-18T15:00:00.000Z' } }
        : {
            body: {
              commitmentId: 'leads',
              period: '2026-11',
              level: 1,
              snoozedUntil: '2026-11-18T19:00:00.000Z',
            },
          },
    );
    expect(await runCli(['snooze', 'leads', '--by', 'U1', '--for', '4h'], fake.io)).toBe(EXIT.ok);
    expect(JSON.parse(fake.requests[1]?.body ?? '')).toEqual({ by: 'U1', until: '2026-11-18T19:00:00.000Z' });
  });

  it('snooze --for counts from this machine against a deployed API', async () => {
    const fake = fakeIo(() => ({ body: { commitmentId: 'leads', period: '2026-11', level: 1 } }));
    fake.io.env = { SLA_API_URL: 'https://sla.example.com/prod' };
    expect(await runCli(['snooze', 'leads', '--by', 'U1', '--for', '1d'], fake.io)).toBe(EXIT.ok);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.url).toBe('https://sla.example.com/prod/v1/commitments/leads/snooze');
    expect(JSON.parse(fake.requests[0]?.body ?? '')).toEqual({ by: 'U1', until: '2026-11-19T15:00:00.000Z' });
  });

  it('snooze --for in business days leaves the counting to the server, which knows the calendar', async () => {
    const fake = fakeIo(() => ({
      body: { commitmentId: 'leads', period: '2026-11', level: 1, snoozedUntil: '2026-11-23T20:00:00.000Z' },
    }));
    fake.io.env = { SLA_API_URL: 'https://sla.example.com/prod' };
    expect(await runCli(['snooze', 'leads', '--by', 'U1', '--for', '1bd'], fake.io)).toBe(EXIT.ok);
    expect(fake.requests).toHaveLength(1);
    expect(JSON.parse(fake.requests[0]?.body ?? '')).toEqual({ by: 'U1', for: '1bd' });
  });

  it('status of a department filters the list; of neither exits 3', async () => {
    const list = {
      evaluatedAt: '2026-11-18T15:00:00Z',
      statuses: [
        {
          commitmentId: 'a',
          provider: 'it',
          consumer: 'marketing',
          measure: 'total',
          status: 'on_track',
          actual: 1,
          target: 2,
          expected: 1,
          projected: 2,
          attainment: 0.5,
          elapsed: 0.5,
          unit: 'x',
          period: '2026-11',
          evaluatedAt: '',
        },
        {
          commitmentId: 'b',
          provider: 'sales',
          consumer: 'marketing',
          measure: 'total',
          status: 'on_track',
          actual: 1,
          target: 2,
          expected: 1,
          projected: 2,
          attainment: 0.5,
          elapsed: 0.5,
          unit: 'x',
          period: '2026-11',
          evaluatedAt: '',
        },
      ],
    };
    const reply = (_: string, url: URL) =>
      url.pathname === '/v1/status' ? { body: list } : problem(404, 'No active commitment');
    const it = fakeIo(reply);
    expect(await runCli(['status', 'it', '--json'], it.io)).toBe(EXIT.ok);
    expect(JSON.parse(it.out[0] ?? '').statuses.map((s: { commitmentId: string }) => s.commitmentId)).toEqual(
      ['a'],
    );
    const nobody = fakeIo(reply);
    expect(await runCli(['status', 'legal'], nobody.io)).toBe(EXIT.notFound);
  });

  it('clock --advance sends an ISO-8601 duration', async () => {
    const fake = fakeIo(() => ({
      body: {
        from: 'a',
        to: 'b',
        ran: [
          { job: 'evaluate', at: 'x' },
          { job: 'evaluate', at: 'y' },
        ],
      },
    }));
    expect(await runCli(['clock', '--advance', '1d'], fake.io)).toBe(EXIT.ok);
    expect(await runCli(['clock', '--advance', 'P1D'], fake.io)).toBe(EXIT.ok);
    expect(fake.requests.map((r) => JSON.parse(r.body ?? ''))).toEqual([
      { advance: 'PT24H' },
      { advance: 'PT24H' },
    ]);
    expect(fake.out[0]).toBe('Local clock moved from a to b; ran evaluate ×2.');
    expect(await runCli(['clock', '--advance', '1mo'], fake.io)).toBe(EXIT.usage);
  });
});

describe('renderProblem', () => {
  it('prints the detail and each error it does not already spell out', () => {
    expect(
      renderProblem({
        detail: 'The request is invalid.',
        errors: [
          { path: 'to', message: 'must be after from' },
          { path: 'causedBy', message: "unknown department 'legal'" },
        ],
      }),
    ).toEqual([
      'The request is invalid.',
      '  to: must be after from',
      "  causedBy: unknown department 'legal'",
    ]);
    expect(
      renderProblem({
        detail: 'period 2027-01 has not started yet',
        errors: [{ path: 'period', message: 'period 2027-01 has not started yet' }],
      }),
    ).toEqual(['period 2027-01 has not started yet', '  period: period 2027-01 has not started yet']);
  });
});

describe('answers that are not problem+json', () => {
  it("shows API Gateway's own refusal", async () => {
    const fake = fakeIo(() => ({
      status: 403,
      contentType: 'application/json',
      body: { message: 'Missing Authentication Token' },
    }));
    expect(await runCli(['status'], fake.io)).toBe(EXIT.invalid);
    expect(fake.err).toEqual(['sla: 403: Missing Authentication Token']);
  });
});
