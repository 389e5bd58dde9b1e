import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SNSEvent } from 'aws-lambda';
import { afterAll } from 'vitest';
import type { OutgoingNotification } from '../../shared/ports/alert-store.js';

export interface ApiCall {
  method: string;
  params: Record<string, string>;
  authorization?: string;
}

export type Scripted = { status: number; headers?: Record<string, string>; body?: unknown } | 'default';

/**
 * A stand-in for slack.com/api that the real @slack/web-api client talks to: it records each call
 * and answers like Slack (a DM posted to a user id lands in a `D…` conversation), unless a test
 * scripted the next answers.
 */
export async function startFakeSlack() {
  const calls: ApiCall[] = [];
  const script: Scripted[] = [];
  let sequence = 0;
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server = createServer(async (req, res) => {
    const params = Object.fromEntries(new URLSearchParams(await read(req)));
    const method = (req.url ?? '').replace(/^\/api\//, '');
    calls.push({ method, params, authorization: req.headers.authorization });
    const next = script.shift() ?? 'default';
    if (next !== 'default') {
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(JSON.stringify(next.body ?? { ok: false, error: 'internal_error' }));
      return;
    }
    const channel = params.channel ?? '';
    const conversation = channel.startsWith('U') ? `D${channel.slice(1)}` : channel;
    const ts = method === 'chat.update' ? params.ts : `1795017900.${String(++sequence).padStart(6, '0')}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, channel: conversation, ts }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${port}/api/`, calls, script };
}

export function snsEvent(notification: OutgoingNotification): SNSEvent {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:us-east-1:000000000000:alerts:sub',
        Sns: {
          Type: 'Notification',
          MessageId: notification.dedupKey,
          TopicArn: 'arn:aws:sns:us-east-1:000000000000:alerts',
          Subject: notification.title,
          Message: JSON.stringify(notification),
          Timestamp: new Date(notification.at).toISOString(),
          SignatureVersion: '1',
          Signature: '',
          SigningCertUrl: '',
          UnsubscribeUrl: '',
          MessageAttributes: {},
        },
      },
    ],
  };
}
