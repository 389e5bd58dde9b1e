/**
 * `npm run demo`: November 2026 on the example configuration, replayed on the local clock at high
 * speed through the real local runtime (HTTP API, Slack routes, schedules, outbox). It prints what
 * each person would have seen: the sales lead's `/sla`, the alerts and escalations Marketing got,
 * and the executives' digest.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slackSignature } from '../shared/slack/verify-signature.js';
import { CRM_CONTACT, CRM_SECRET, demoConfig, hubspotDelivery } from './demo-crm.js';
import type { OutboxEntry } from './outbox.js';
import { type Runtime, startRuntime } from './runtime.js';

type Print = (line: string) => void;

const LEADS = 'marketing-qualified-leads';
const FOLLOW_UP = 'sales-lead-follow-up';
const WEBSITE = 'website-availability';
const SALES_LEAD = 'U0SALESLEAD';
const MARKETING_LEAD = 'U0MKTLEAD';

/** Qualified leads delivered each business day of November (90 in all: the month ends short). */
const LEADS_BY_DAY: Record<number, number> = {
  2: 3,
  3: 3,
  4: 3,
  5: 3,
  6: 3,
  9: 3,
  10: 3,
  11: 3,
  12: 3,
  13: 3,
  16: 5,
  17: 5,
  18: 2,
  19: 2,
  20: 38,
  23: 2,
  24: 2,
  25: 1,
  27: 1,
  30: 2,
};

const nov = (day: number, time: string) => `2026-11-${String(day).padStart(2, '0')}T${time}:00-05:00`;

export interface DemoResult {
  outbox: OutboxEntry[];
}

export interface DemoOptions {
  keepData?: boolean;
  /** Runs at the end of each replayed day of November, with the runtime up (to look at it mid-month). */
  onDayEnd?: (day: number, runtime: Runtime) => Promise<void>;
  /** Ends the replay after this day of November (the runtime stops; nothing more is printed). */
  lastDay?: number;
  /** Called once November is closed (December 1, 09:00), before the runtime stops. */
  atEnd?: (url: string) => Promise<void>;
}

export async function runDemo(print: Print, options: DemoOptions = {}): Promise<DemoResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sla-demo-'));
  const runtime = await startRuntime({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    configPath: demoConfig(dataDir),
    sourceSecrets: async (name) => (name === 'crm' ? CRM_SECRET : undefined),
    clockStart: Date.parse('2026-11-02T07:00:00-05:00'),
    // Hourly instead of every 15 minutes keeps the replay short; every rule is the same.
    evaluateEveryMinutes: 60,
    log: (line) => {
      if (line.startsWith('error')) print(line);
    },
  });
  try {
    const api = client(runtime);
    print(`Replaying November 2026 on ${runtime.url} (data in ${dataDir})\n`);
    let lead = 0;
    for (let day = 2; day <= 30; day++) {
      if (day === 10) await outage(api, 'incident-1', nov(10, '10:00'), nov(10, '10:40'));
      if (day === 24) await outage(api, 'incident-2', nov(24, '09:00'), nov(24, '09:30'));
      const count = LEADS_BY_DAY[day] ?? 0;
      if (count > 0) {
        const at = day === 20 ? nov(day, '15:00') : nov(day, '11:00');
        await api.moveTo(at);
        // On the first day one lead comes from HubSpot instead: its MQL counts the lead and starts its follow-up.
        const fromCrm = day === 2;
        const events = Array.from({ length: fromCrm ? count - 1 : count }, (_, i) => ({
          id: `lead-${day}-${i}`,
          at,
        }));
        await api.post(`/v1/commitments/${LEADS}/events`, { events });
        if (fromCrm) {
          print('── Monday, November 2, 11:00 ── HubSpot reports contact 4711 as a marketing-qualified lead');
          print(`  ${await api.hubspot(CRM_CONTACT, 'lifecyclestage', 'marketingqualifiedlead')}\n`);
        }
        // Sales picks up two of the day's leads; one of them waits until the next afternoon.
        const first = fromCrm ? String(CRM_CONTACT) : `lead-${++lead}`;
        const second = `lead-${++lead}`;
        await api.post(`/v1/commitments/${FOLLOW_UP}/events`, {
          events: [
            ...(fromCrm ? [] : [{ id: `${first}-start`, subject: first, phase: 'start', at }]),
            { id: `${second}-start`, subject: second, phase: 'start', at },
          ],
        });
        await api.moveTo(day === 20 ? nov(day, '16:00') : nov(day, '14:00'));
        if (fromCrm) {
          print('── Monday, November 2, 14:00 ── Sales connects with contact 4711; HubSpot reports it');
          print(`  ${await api.hubspot(CRM_CONTACT, 'hs_lead_status', 'CONNECTED')}\n`);
        } else {
          await api.post(`/v1/commitments/${FOLLOW_UP}/events`, {
            id: `${first}-stop`,
            subject: first,
            phase: 'stop',
          });
        }
      }
      if (day === 12) {
        await api.post(`/v1/commitments/${LEADS}/excusals`, {
          from: nov(12, '08:00'),
          to: nov(13, '18:00'),
          causedBy: 'sales',
          reason: "Sales' CRM import was down, so qualified leads could not be handed over",
        });
      }
      if (day === 18) {
        await api.moveTo(nov(18, '10:30'));
        print('── Wednesday, November 18, 10:30 ── the sales lead types /sla');
        print(await api.slash(SALES_LEAD, 'C0SALES', ''));
      }
      if (day === 19) {
        await api.moveTo(nov(19, '09:10'));
        print('── Thursday, November 19, 09:10 ── the marketing lead acknowledges: /sla ack');
        print(await api.slash(MARKETING_LEAD, 'C0MARKETING', `ack ${LEADS} two campaigns launch Friday`));
      }
      await options.onDayEnd?.(day, runtime);
      if (day === options.lastDay) return { outbox: readOutbox(runtime.outboxPath) };
      await api.moveTo(day < 30 ? nov(day + 1, '07:00') : nov(30, '18:00'));
    }
    await api.moveTo('2026-12-01T09:00:00-05:00');
    await options.atEnd?.(runtime.url);
    print('── Tuesday, December 1, 09:00 ── the sales lead types /sla status marketing');
    print(await api.slash(SALES_LEAD, 'C0SALES', 'status marketing'));

    const outbox = readOutbox(runtime.outboxPath);
    print('── What Marketing received (channel #marketing and its lead) ──');
    const updated = (e: OutboxEntry) => (e.kind.endsWith('_updated') ? '(message updated) ' : '');
    for (const entry of outbox.filter(
      (e) => e.transport === 'slack' && ['C0MARKETING', MARKETING_LEAD].includes(e.target),
    )) {
      print(`${stamp(entry.at)}  ${entry.target.padEnd(11)} ${updated(entry)}${entry.text.split('\n')[0]}`);
    }
    print('\n── What the executives received (#exec) ──');
    for (const entry of outbox.filter(
      (e) => e.transport === 'slack' && e.target === 'C0EXEC' && !e.threadTs,
    )) {
      print(`${stamp(entry.at)}  ${updated(entry)}${entry.text.split('\n')[0]}`);
    }
    const digests = outbox.filter((e) => e.kind === 'digest' && e.transport === 'sns');
    const last = digests[digests.length - 1];
    print(`\n── The executives' weekly digest (${digests.length} sent; the last one, as emailed) ──`);
    print(last ? last.text : '(no digest was sent)');
    return { outbox };
  } finally {
    await runtime.stop();
    if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The monitoring system reports an outage once it is over, with the times it saw. */
async function outage(api: ReturnType<typeof client>, incident: string, down: string, up: string) {
  await api.moveTo(up);
  await api.post(`/v1/commitments/${WEBSITE}/events`, {
    events: [
      { id: `${incident}-down`, incident, phase: 'down', at: down },
      { id: `${incident}-up`, incident, phase: 'up', at: up },
    ],
  });
}

/** UTC instants as New York wall time, the example company's zone. */
function stamp(iso: string): string {
  return new Date(iso).toLocaleString('en-US', {
    timeZone: 'America/New_York',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

function readOutbox(path: string): OutboxEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutboxEntry);
}

/** Talks to the runtime the way a CRM, an admin and Slack would: over HTTP. */
function client(runtime: Runtime) {
  const request = async (
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${runtime.url}${path}`, { method, body, headers });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return text;
  };
  return {
    post: (path: string, body: unknown) =>
      request('POST', path, JSON.stringify(body), { 'content-type': 'application/json' }),
    moveTo: async (to: string) => {
      if (Date.parse(to) > runtime.clock.now()) {
        await request('POST', '/local/clock', JSON.stringify({ to }), { 'content-type': 'application/json' });
      }
    },
    /** A contact property change as a HubSpot app's webhook sends it: a batch signed with signature v3. */
    hubspot: (objectId: number, propertyName: string, propertyValue: string) => {
      const delivery = hubspotDelivery(runtime.url, runtime.clock.now(), {
        objectId,
        propertyName,
        propertyValue,
      });
      return request('POST', '/sources/crm', delivery.body, delivery.headers);
    },
    /** A slash command as Slack sends it: form-encoded and signed. Returns the reply as plain text. */
    slash: async (user: string, channel: string, text: string) => {
      const body = new URLSearchParams({
        command: '/sla',
        text,
        user_id: user,
        channel_id: channel,
        trigger_id: `demo.${runtime.clock.now()}`,
        response_url: 'https://hooks.slack.invalid/demo',
      }).toString();
      const timestamp = Math.floor(runtime.clock.now() / 1000);
      const reply = JSON.parse(
        await request('POST', '/slack/commands', body, {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': slackSignature(runtime.slackSigningSecret, timestamp, body),
        }),
      ) as { text: string; blocks?: ReplyBlock[] };
      return renderBlocks(reply);
    },
  };
}

/** Block Kit as a person reads it in a terminal. */
interface ReplyBlock {
  type: string;
  text?: { text?: string };
  fields?: Array<{ text: string }>;
  elements?: Array<{ text?: string | { text?: string } }>;
}

function renderBlocks(reply: { text: string; blocks?: ReplyBlock[] }): string {
  if (!reply.blocks?.length) return `${reply.text}\n`;
  const lines: string[] = [];
  for (const block of reply.blocks) {
    if (block.type === 'divider') lines.push('  ────────');
    if (block.text?.text) lines.push(`  ${String(block.text.text).replace(/\n/g, '\n  ')}`);
    for (const field of block.fields ?? []) lines.push(`    ${field.text.replace(/\n/g, ' ')}`);
    for (const element of block.elements ?? []) {
      const text = typeof element.text === 'string' ? element.text : element.text?.text;
      if (text) lines.push(block.type === 'actions' ? `    [${text}]` : `    ${text}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  runDemo((line) => console.log(line)).catch((error) => {
    console.error(`demo failed: ${(error as Error).message}`);
    process.exit(1);
  });
}
