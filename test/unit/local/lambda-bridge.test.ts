import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { writeResult } from '../../../local/lambda-bridge.js';

/** Just enough of a Node response to see what the local runtime sends. */
function capture() {
  const sent: { status?: number; headers?: Record<string, unknown>; body?: unknown } = {};
  const res = {
    writeHead(status: number, headers: Record<string, unknown>) {
      sent.status = status;
      sent.headers = headers;
      return res;
    },
    end(body: unknown) {
      sent.body = body;
      return res;
    },
  };
  return { res: res as unknown as ServerResponse, sent };
}

describe('writeResult', () => {
  it('sends a base64 body as the bytes it encodes, as API Gateway does (PNG charts)', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255]);
    const { res, sent } = capture();
    writeResult(res, {
      statusCode: 200,
      headers: { 'content-type': 'image/png' },
      body: png.toString('base64'),
      isBase64Encoded: true,
    });
    expect(sent.status).toBe(200);
    expect(sent.headers).toEqual({ 'content-type': 'image/png' });
    expect(Buffer.isBuffer(sent.body) && (sent.body as Buffer).equals(png)).toBe(true);
  });

  it('sends a text body unchanged (SVG charts)', () => {
    const { res, sent } = capture();
    writeResult(res, { statusCode: 200, headers: { 'content-type': 'image/svg+xml' }, body: '<svg/>' });
    expect(sent.body).toBe('<svg/>');
  });
});
