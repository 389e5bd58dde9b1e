import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SNSEvent } from 'aws-lambda';
import { afterAll } from 'vitest';
import type { OutgoingNotification } from '../../shared/ports/alert-store.js';

export interface ApiCall {
  method: string;
  params: Record<string, string>;
  authorization?: string;
  /** The file's bytes, for a post to an upload URL (`method` is `upload`, `params.fileId` names it). */
  bytes?: Buffer;
}

export type Scripted = { status: number; headers?: Record<string, string>; body?: unknown } | 'default';

/** The one file part of a multipart/form-data body, as the Slack client posts it to an upload URL. */
function filePart(body: Buffer, contentType: string | undefined): Buffer {
  const boundary = /boundary=([^;]+)/.exec(contentType ?? '')?.[1];
  if (!boundary) return body;
  const start = body.indexOf('\r\n\r\n', body.indexOf(`--${boundary}`)) + 4;
  return body.subarray(start, body.indexOf(`\r\n--${boundary}`, start));
}

/**
 * A stand-in for slack.com/api that the real @slack/web-api client talks to: it records each call
 * and answers like Slack (a DM posted to a user id lands in a `D…` conversation; a file upload
 * gets an upload URL on this server, takes the bytes there and is shared on completion), unless a
 * test scripted the next answers.
 */
export async function startFakeSlack() {
  const calls: ApiCall[] = [];
  const script: Scripted[] = [];
  let sequence = 0;
  let base = '';
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const answer = (method: string, params: Record<string, string>): Record<string, unknown> => {
    if (method === 'files.getUploadURLExternal') {
      const fileId = `F0CHART${String(++sequence).padStart(4, '0')}`;
      return { ok: true, upload_url: `${base}/upload/${fileId}`, file_id: fileId };
    }
    if (method === 'files.completeUploadExternal') {
      const files = JSON.parse(params.files ?? '[]') as Array<{ id: string; title?: string }>;
      return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
    }
    const channel = params.channel ?? '';
    const conversation = channel.startsWith('U') ? `D${channel.slice(1)}` : channel;
    const ts = method === 'chat.update' ? params.ts : `1795017900.${String(++sequence).padStart(6, '0')}`;
    return { ok: true, channel: conversation, ts };
  };
  const server = createServer(async (req, res) => {
    const body = await read(req);
    const url = req.url ?? '';
    const upload = /^\/upload\/([^/?]+)/.exec(url);
    const call: ApiCall = upload
      ? {
          method: 'upload',
          params: { fileId: upload[1] ?? '' },
          bytes: filePart(body, req.headers['content-type']),
        }
      : {
          method: url.replace(/^\/api\//, ''),
          params: Object.fromEntries(new URLSearchParams(body.toString('utf8'))),
        };
    calls.push({ ...call, authorization: req.headers.authorization });
    const next = script.shift() ?? 'default';
    if (next !== 'default') {
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(JSON.stringify(next.body ?? { ok: false, error: 'internal_error' }));
      return;
    }
    if (upload) {
      // Slack's upload URL answers in plain text.
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`OK - ${call.bytes?.length ?? 0}`);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer(call.method, call.params)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `${base}/api/`, calls, script };
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
