import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../infra/api-routes.js';
import { type Runtime, startRuntime } from '../../local/runtime.js';
import { exampleAgreedSince } from '../support/example-since.js';

/** The local runtime over real HTTP, as `npm start` runs it, in a temporary data folder. */
const dataDir = mkdtempSync(join(tmpdir(), 'sla-e2e-'));
let runtime: Runtime;
const logs: string[] = [];
// The leads were agreed from Nov 1, so November is judged whole although the runtime starts on the 18th.
const CONFIG = exampleAgreedSince('2026-11-01');
const sourceSecret = `whsec_${Buffer.from('the e2e source secret, 32 bytes!').toString('base64')}`;

async function start() {
  runtime = await startRuntime({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    configPath: CONFIG,
    clockStart: Date.parse('2026-11-18T10:00:00-05:00'),
    sourceSecrets: async (name) => (name === 'scripts' ? sourceSecret : undefined),
    log: (line) => logs.push(line),
  });
}

async function http(method: string, path: string, body?: unknown) {
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

function outbox(): Array<Record<string, any>> {
  return readFileSync(join(dataDir, 'outbox.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

beforeAll(start);
afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the local runtime', () => {
  it('answers /health and serves the example commitments', async () => {
    expect(await http('GET', '/health')).toEqual({ status: 200, body: { status: 'ok' } });
    const { body } = await http('GET', '/v1/status');
    expect(body.statuses.map((s: { commitmentId: string }) => s.commitmentId)).toEqual([
      'marketing-qualified-leads',
      'sales-lead-follow-up',
      'website-availability',
    ]);
  });

  it('records 40 leads, evaluates, and reports at_risk with one level-1 alert', async () => {
    const events = Array.from({ length: 40 }, (_, i) => ({
      id: `lead-${i}`,
      at: '2026-11-17T11:00:00-05:00',
    }));
    const recorded = await http('POST', '/v1/commitments/marketing-qualified-leads/events', { events });
    expect(recorded.body).toEqual({ accepted: 40, duplicates: 0, rejected: [] });
    const evaluation = await http('POST', '/v1/evaluations', {});
    expect(evaluation.status).toBe(200);
    const status = await http('GET', '/v1/commitments/marketing-qualified-leads/status');
    expect(status.body).toMatchObject({ status: 'at_risk', actual: 40, target: 100 });
    expect(status.body.expected).toBeCloseTo(61, 0);
    expect(status.body.projected).toBeCloseTo(65.6, 0);
    const alerts = outbox().filter((e) => e.commitmentId === 'marketing-qualified-leads');
    // One level-1 line per transport: the SNS message, and the Slack post to Marketing's channel.
    expect(alerts.filter((e) => e.transport === 'sns')).toEqual([
      expect.objectContaining({ kind: 'at_risk', level: 1, target: 'alerts', period: '2026-11' }),
    ]);
    expect(alerts.filter((e) => e.transport === 'slack')).toEqual([
      expect.objectContaining({ kind: 'at_risk', level: 1, target: 'C0MARKETING', period: '2026-11' }),
    ]);
  });

  it('escalates to level 2 when the clock moves past 8 business hours, at the next open hour', async () => {
    const moved = await http('POST', '/local/clock', { to: '2026-11-19T09:00:00-05:00' });
    expect(moved.status).toBe(200);
    expect(moved.body.ran.filter((r: { job: string }) => r.job === 'evaluate').length).toBeGreaterThan(80);
    const escalations = outbox().filter(
      (e) =>
        e.transport === 'sns' && e.kind === 'escalated' && e.commitmentId === 'marketing-qualified-leads',
    );
    expect(escalations).toEqual([expect.objectContaining({ level: 2 })]);
    // The alert opened a moment after 10:00 on Wednesday; 8 business hours later the office is shut,
    // so the escalation goes out with the first scheduled run once it opens on Thursday (08:00-08:15).
    const at = Date.parse(escalations[0]?.at);
    expect(at).toBeGreaterThanOrEqual(Date.parse('2026-11-19T08:00:00-05:00'));
    expect(at).toBeLessThanOrEqual(Date.parse('2026-11-19T08:15:01-05:00'));
  });

  it('answers a signed /sla status with the live numbers, and refuses an unsigned one', async () => {
    const { slackSignature } = await import('../../shared/slack/verify-signature.js');
    const body = new URLSearchParams({
      command: '/sla',
      text: 'status marketing-qualified-leads',
      user_id: 'U0SALESLEAD',
      channel_id: 'C0SALES',
      trigger_id: 'e2e.1',
    }).toString();
    const timestamp = Math.floor(runtime.clock.now() / 1000);
    const signed = await fetch(`${runtime.url}/slack/commands`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(runtime.slackSigningSecret, timestamp, body),
      },
      body,
    });
    expect(signed.status).toBe(200);
    const reply = (await signed.json()) as { response_type: string; text: string };
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(/40 \/ 100 leads/);
    const unsigned = await fetch(`${runtime.url}/slack/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(unsigned.status).toBe(401);
  });

  it('with a simulated clock, takes a request Slack signed with real time and refuses one 6 minutes off both', async () => {
    const { slackSignature } = await import('../../shared/slack/verify-signature.js');
    // The premise: the runtime's clock is days away from real time.
    expect(Math.abs(Date.now() - runtime.clock.now())).toBeGreaterThan(24 * 3_600_000);
    const body = new URLSearchParams({
      command: '/sla',
      text: 'help',
      user_id: 'U0SALESLEAD',
      channel_id: 'C0SALES',
      trigger_id: 'e2e.2',
    }).toString();
    const send = (timestamp: number) =>
      fetch(`${runtime.url}/slack/commands`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': slackSignature(runtime.slackSigningSecret, timestamp, body),
        },
        body,
      });
    const realNow = Math.floor(Date.now() / 1000);
    expect((await send(realNow)).status).toBe(200);
    expect((await send(realNow - 360)).status).toBe(401);
  });

  it('stops escalating after an acknowledgement', async () => {
    const ack = await http('POST', '/v1/commitments/marketing-qualified-leads/ack', { by: 'U0MKTLEAD' });
    expect(ack.body).toMatchObject({ acknowledgedBy: 'U0MKTLEAD', level: 2 });
    await http('POST', '/local/clock', { advance: 'P1DT8H' });
    const level3 = outbox().filter((e) => e.commitmentId === 'marketing-qualified-leads' && e.level === 3);
    expect(level3).toEqual([]);
  });

  it('refuses to move the clock backwards', async () => {
    const back = await http('POST', '/local/clock', { to: '2026-11-01T00:00:00-04:00' });
    expect(back.status).toBe(400);
    expect(back.body.errors[0].path).toBe('to');
    const far = await http('POST', '/local/clock', { advance: 'P2Y' });
    expect(far.status).toBe(400);
    expect(far.body.errors[0]).toMatchObject({ path: 'advance', message: expect.stringMatching(/a year/) });
  });

  it('refuses a second runtime on the same data folder', async () => {
    await expect(
      startRuntime({
        host: '127.0.0.1',
        port: 0,
        dataDir,
        configPath: 'examples/commitments.yaml',
        log: () => undefined,
      }),
    ).rejects.toThrow(/in use by another runtime \(pid \d+\).*SLA_DATA_DIR/);
    // The first one is unharmed.
    expect((await http('GET', '/health')).status).toBe(200);
  });

  it('records a Standard Webhooks delivery to /sources/<name> once, refuses a forged one and counts both', async () => {
    const config = `${readFileSync(CONFIG, 'utf8')}\nsources:\n  scripts:\n    type: webhook\n`;
    const applied = await fetch(`${runtime.url}/v1/config:apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: config,
    });
    expect(applied.status).toBe(200);
    const body = JSON.stringify({
      commitment: 'marketing-qualified-leads',
      events: [{ id: 'crm-1', at: '2026-11-17T12:00:00-05:00' }],
    });
    const send = (secret: string) => {
      const at = new Date(runtime.clock.now());
      return fetch(`${runtime.url}/sources/scripts`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': 'msg_e2e_1',
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': new Webhook(secret).sign('msg_e2e_1', at, body),
        },
        body,
      });
    };
    const signed = await send(sourceSecret);
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ recorded: 1, duplicates: 0, ignored: 0, rejected: [] });
    expect(await (await send(sourceSecret)).json()).toMatchObject({ recorded: 0, duplicates: 1 });
    const forged = await send(`whsec_${Buffer.from('not the secret at all, 32 bytes!').toString('base64')}`);
    expect(forged.status).toBe(401);
    const { body: listed } = await http('GET', '/v1/sources');
    expect(listed.sources).toEqual([
      expect.objectContaining({ name: 'scripts', type: 'webhook', recorded: 1, duplicates: 1, refused: 1 }),
    ]);
  });

  it('keeps its data across a restart', async () => {
    await runtime.stop();
    await start();
    const status = await http('GET', '/v1/commitments/marketing-qualified-leads/status?period=2026-11');
    expect(status.body.actual).toBe(41);
    // Not applied again: the store was not empty.
    expect(runtime.loadedConfig).toBeUndefined();
  });

  it('serves every route of the HTTP API that AWS serves', async () => {
    // Deleting last, so the routes after it still find the commitment.
    // Sign-in exists only in AWS (locally no one signs in); test/integration/web-sign-in.test.ts
    // serves its routes.
    const awsOnly = API_ROUTES.filter((route) => route.path.startsWith('/auth/'));
    expect(awsOnly.map((route) => `${route.method} ${route.path}`)).toEqual(['POST /auth/logout']);
    const routes = API_ROUTES.filter((route) => !awsOnly.includes(route)).sort(
      (a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'),
    );
    const answers: string[] = [];
    for (const route of routes) {
      const path = route.path
        .replace('{id}', 'marketing-qualified-leads')
        .replace('{name}', 'scripts')
        .replace('{proxy+}', 'digest');
      const response = await fetch(`${runtime.url}${path}`, {
        method: route.method,
        headers:
          route.method === 'GET' || route.method === 'DELETE' ? {} : { 'content-type': 'application/json' },
        body: route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}',
      });
      await response.arrayBuffer();
      answers.push(`${route.method} ${route.path} ${response.status}`);
    }
    // Any answer but "no such route": a 400 for the empty body or a 401 for a missing signature is fine.
    expect(answers.filter((answer) => / (404|405)$/.test(answer))).toEqual([]);
    expect(answers).toHaveLength(API_ROUTES.length - awsOnly.length);
  });
});
