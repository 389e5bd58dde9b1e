import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../../local/runtime.js';
import { ACK_ACTION, encodeAlertValue, SNOOZE_ACTION } from '../../shared/slack/interaction-ids.js';
import { slackSignature } from '../../shared/slack/verify-signature.js';
import { exampleAgreedSince } from '../support/example-since.js';
import { buttonClick, type ExcuseFormValues, excuseFormSubmission } from '../unit/slack/slack-requests.js';

/**
 * Who may do what, end to end: signed Slack requests over HTTP to the local runtime, as Slack sends
 * them, with the example file's people (Marketing delivers leads to Sales; U0OUTSIDER is in no
 * department). Replies to button clicks arrive at a response_url served here.
 */
const LEADS = 'marketing-qualified-leads';
const OUTSIDER = 'U0OUTSIDER';
const dataDir = mkdtempSync(join(tmpdir(), 'sla-e2e-perm-'));
let runtime: Runtime;
let responseServer: Server;
let responseUrl = '';
const responses: Array<Record<string, any>> = [];
let requestCount = 0;

beforeAll(async () => {
  responseServer = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      responses.push(JSON.parse(body));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => responseServer.listen(0, '127.0.0.1', resolve));
  responseUrl = `http://127.0.0.1:${(responseServer.address() as AddressInfo).port}/actions/1`;
  runtime = await startRuntime({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    configPath: exampleAgreedSince('2026-11-01'),
    clockStart: Date.parse('2026-11-18T10:00:00-05:00'),
    log: () => undefined,
  });
  // 40 of 100 leads by the 18th: at risk, and the level-1 alert reaches Marketing.
  const events = Array.from({ length: 40 }, (_, i) => ({ id: `lead-${i}`, at: '2026-11-17T11:00:00-05:00' }));
  expect((await api('POST', `/v1/commitments/${LEADS}/events`, { events })).status).toBe(200);
  expect((await api('POST', '/v1/evaluations', {})).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
  await new Promise((resolve) => responseServer?.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function signedPost(path: string, body: string) {
  const timestamp = Math.floor(runtime.clock.now() / 1000);
  return fetch(`${runtime.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(runtime.slackSigningSecret, timestamp, body),
    },
    body,
  });
}

async function slaRaw(user: string, text: string, channel = 'C0MARKETING') {
  const trigger = `perm.${++requestCount}`;
  const body = new URLSearchParams({
    command: '/sla',
    text,
    user_id: user,
    channel_id: channel,
    trigger_id: trigger,
  });
  const response = await signedPost('/slack/commands', body.toString());
  expect(response.status).toBe(200);
  return { trigger, body: await response.text() };
}

async function sla(user: string, text: string, channel = 'C0MARKETING') {
  return JSON.parse((await slaRaw(user, text, channel)).body) as { response_type: string; text: string };
}

/** Submits the excusal form; returns Slack's answer (empty when the form closes). */
async function submitForm(user: string, viewId: string, metadata: string, values: ExcuseFormValues) {
  const payload = excuseFormSubmission({ userId: user, viewId, metadata, values });
  const response = await signedPost(
    '/slack/interactions',
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
  );
  expect(response.status).toBe(200);
  return response.text();
}

/** Clicks a button; returns what was posted to the response_url. */
async function clickButton(user: string, actionId: string, value: string) {
  const payload = buttonClick({ actionId, value, userId: user, channel: 'C0SALES', ts: '3.4', responseUrl });
  const before = responses.length;
  const response = await signedPost(
    '/slack/interactions',
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
  );
  expect(response.status).toBe(200);
  return responses.slice(before);
}

function outbox(): Array<Record<string, any>> {
  return readFileSync(runtime.outboxPath, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** Clicks a button of the open alert's message; returns what was posted to the response_url. */
async function click(user: string, actionId: string) {
  const state = await runtime.stores.alerts.get(LEADS, '2026-11');
  if (!state) throw new Error('no alert on the leads commitment');
  const value = encodeAlertValue({ commitmentId: LEADS, period: '2026-11', episode: state.episode });
  const payload = buttonClick({
    actionId,
    value,
    userId: user,
    channel: 'C0MARKETING',
    ts: '1.2',
    responseUrl,
  });
  const before = responses.length;
  const response = await signedPost(
    '/slack/interactions',
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
  );
  expect(response.status).toBe(200);
  return responses.slice(before);
}

const leadsStatus = async () => (await api('GET', `/v1/commitments/${LEADS}/status`)).body;
const alertState = () => runtime.stores.alerts.get(LEADS, '2026-11');

describe('a Slack user in no department', () => {
  it('is refused log, ack, snooze and excuse, each with who may, and nothing changes', async () => {
    const alertBefore = await alertState();
    expect(alertBefore).toMatchObject({ level: 1 });

    const log = await sla(OUTSIDER, `log ${LEADS} 5 found some`);
    expect(log.response_type).toBe('ephemeral');
    expect(log.text).toContain(
      `You may not log work on '${LEADS}': only Marketing (its lead and members), Sales (its lead and members) or an admin may.`,
    );
    const ack = await sla(OUTSIDER, `ack ${LEADS}`);
    expect(ack.text).toContain(
      `You may not acknowledge the alert on '${LEADS}': only Marketing (its lead and members) or an admin may.`,
    );
    const snooze = await sla(OUTSIDER, `snooze ${LEADS} 4h`);
    expect(snooze.text).toContain(
      `You may not snooze the alert on '${LEADS}': only Marketing's lead or an admin may.`,
    );
    const excuse = await sla(OUTSIDER, `excuse ${LEADS} 2026-11-09 2026-11-10 sales CRM import broke`);
    expect(excuse.text).toContain(`You may not record an excusal on '${LEADS}'`);
    // The form is refused before it opens, and a submission of one is refused under its first field.
    const form = await sla(OUTSIDER, `excuse ${LEADS}`);
    expect(form.text).toContain(`You may not record an excusal on '${LEADS}'`);
    expect(outbox().filter((e) => e.kind === 'modal')).toEqual([]);
    const submitted = JSON.parse(
      await submitForm(OUTSIDER, 'VOUTSIDER', LEADS, {
        from: '2026-11-09',
        to: '2026-11-10',
        causedBy: 'sales',
        reason: 'CRM import broke',
      }),
    );
    expect(submitted.response_action).toBe('errors');
    expect(submitted.errors.excuse_from).toContain(`You may not record an excusal on '${LEADS}'`);
    for (const reply of [log, ack, snooze, excuse, form]) {
      expect(reply.response_type).toBe('ephemeral');
      expect(reply.text).toContain('Nothing was changed.');
    }

    for (const action of [ACK_ACTION, SNOOZE_ACTION]) {
      const answered = await click(OUTSIDER, action);
      expect(answered).toEqual([
        expect.objectContaining({ response_type: 'ephemeral', replace_original: false }),
      ]);
      expect(answered[0]?.text).toMatch(/You may not (acknowledge|snooze) the alert/);
    }

    const status = await leadsStatus();
    expect(status.actual).toBe(40);
    expect(status.excused).toBeUndefined();
    const alertAfter = await alertState();
    expect(alertAfter).toEqual(alertBefore);
    expect(alertAfter?.acknowledgedBy).toBeUndefined();
    expect(alertAfter?.snoozedUntil).toBeUndefined();
  });
});

describe('the people the configuration names', () => {
  it("a consumer's member may log", async () => {
    const reply = await sla('U0REP1', `log ${LEADS} 2 from the trade fair`, 'C0SALES');
    expect(reply.text).toContain('Logged 2 leads');
    expect((await leadsStatus()).actual).toBe(42);
  });

  it("the provider's lead may acknowledge the alert that reached them", async () => {
    // The runtime updates the clicked message through its poster, so nobody is told anything privately.
    expect(await click('U0MKTLEAD', ACK_ACTION)).toEqual([]);
    expect(await alertState()).toMatchObject({ acknowledgedBy: 'U0MKTLEAD' });
  });

  it('the admin of the file may snooze, though in no department', async () => {
    const reply = await sla('U0OPSADMIN', `snooze ${LEADS} 4h`);
    expect(reply.text).toContain('Snoozed the alert');
    expect(await alertState()).toMatchObject({ snoozedBy: 'U0OPSADMIN' });
  });

  it('a provider member may claim an excusal blaming Sales, read in the commitment’s days', async () => {
    const reply = await sla('U0MKTLEAD', `excuse ${LEADS} 2026-11-09 2026-11-10 sales CRM import broke`);
    expect(reply.text).toContain(`Recorded an excusal on \`${LEADS}\``);
    expect(reply.text).toContain('caused by Sales');
    expect(reply.text).toContain('It counts once Sales approves it');
    const typo = await sla('U0MKTLEAD', `excuse ${LEADS} yesterday 2026-11-10 sales CRM import broke`);
    expect(typo.text).toContain('from: must be a date such as 2026-11-09');
  });
});

describe('two-sided excusals', () => {
  const requestOf = () => {
    const posts = outbox().filter((e) => e.transport === 'slack' && e.kind === 'excusal_request');
    expect(posts).toHaveLength(1);
    return posts[0] as Record<string, any>;
  };
  const excusalButton = (actionId: string) =>
    (requestOf().blocks as any[]).flatMap((b) => b.elements ?? []).find((e: any) => e.action_id === actionId);

  it('a pending excusal changes nothing, and its request with Approve and Reject goes to Sales', async () => {
    expect((await leadsStatus()).excused).toBeUndefined();
    const request = requestOf();
    expect(request.target).toBe('C0SALES');
    expect(request.text).toContain('because of Sales: “CRM import broke”');
    expect(excusalButton('sla_excusal_approve')).toBeDefined();
    expect(excusalButton('sla_excusal_reject')).toBeDefined();
  });

  it('the provider cannot approve its own claim; a member of Sales can, and then it counts', async () => {
    const approve = excusalButton('sla_excusal_approve');
    expect((await leadsStatus()).target).toBe(100);
    const refused = await clickButton('U0MKTLEAD', approve.action_id, approve.value);
    expect(refused[0]?.text).toContain(
      `You may not approve or reject the excusal on '${LEADS}': only Sales (the department the excusal blames) or an admin may.`,
    );
    expect((await leadsStatus()).excused).toBeUndefined();

    expect((await leadsStatus()).target).toBe(100);
    expect(await clickButton('U0REP1', approve.action_id, approve.value)).toEqual([]);
    const approved = await leadsStatus();
    expect(approved.excused).toMatchObject({ causedBy: ['sales'], windows: 1 });
    expect(approved.target).toBeLessThan(100);
    const updated = outbox().filter((e) => e.kind === 'excusal_request_updated');
    expect(updated.at(-1)?.text).toContain('Approved by <@U0REP1>: it now counts.');

    const id = String(approve.value).split('|')[1];
    const late = await sla('U0SALESLEAD', `reject ${LEADS} ${id}`, 'C0SALES');
    expect(late.text).toContain('was already approved by U0REP1; nothing was changed.');
  });
});

describe('the excusal form, and a rejected excusal', () => {
  const lastRequest = () =>
    outbox()
      .filter((e) => e.kind === 'excusal_request')
      .at(-1) as Record<string, any>;

  it('/sla excuse <commitment> opens the form; its submission asks Sales and confirms to the claimant', async () => {
    const { trigger, body } = await slaRaw('U0MKTLEAD', `excuse ${LEADS}`);
    expect(body).toBe('');
    const modal = outbox().find((e) => e.kind === 'modal' && e.target === trigger);
    expect(modal?.view).toMatchObject({ type: 'modal', callback_id: 'sla_excuse', private_metadata: LEADS });

    const mistaken = JSON.parse(
      await submitForm('U0MKTLEAD', 'VE2E1', LEADS, {
        from: '2026-11-13',
        to: '2026-11-12',
        causedBy: 'sales',
      }),
    );
    expect(Object.keys(mistaken.errors).sort()).toEqual(['excuse_reason', 'excuse_to']);
    const values = {
      from: '2026-11-12',
      to: '2026-11-12',
      causedBy: 'sales',
      reason: 'Sales paused the CRM sync',
    };
    expect(await submitForm('U0MKTLEAD', 'VE2E1', LEADS, values)).toBe('');
    // Slack sends the same submission again: one claim, one request, one confirmation.
    expect(await submitForm('U0MKTLEAD', 'VE2E1', LEADS, values)).toBe('');
    const requests = outbox().filter((e) => e.kind === 'excusal_request');
    expect(requests).toHaveLength(2);
    expect(lastRequest()).toMatchObject({ target: 'C0SALES' });
    expect(lastRequest().text).toContain('because of Sales: “Sales paused the CRM sync”');
    const confirmations = outbox().filter((e) => e.kind === 'excusal_recorded');
    expect(confirmations).toEqual([expect.objectContaining({ target: 'U0MKTLEAD' })]);
    expect(confirmations[0]?.text).toContain(`Recorded an excusal on \`${LEADS}\``);
  });

  it('Sales rejects it with the button, and nothing changes', async () => {
    const before = await leadsStatus();
    const reject = (lastRequest().blocks as any[])
      .flatMap((b) => b.elements ?? [])
      .find((e: any) => e.action_id === 'sla_excusal_reject');
    expect(String(reject.value)).toBe(`${LEADS}|slack-VE2E1`);
    expect(await clickButton('U0REP1', reject.action_id, reject.value)).toEqual([]);
    const updated = outbox().filter((e) => e.kind === 'excusal_request_updated');
    expect(updated.at(-1)?.text).toContain('Rejected by <@U0REP1>: it does not count.');
    const after = await leadsStatus();
    expect(after.target).toBe(before.target);
    expect(after.excused).toEqual(before.excused);
  });
});
