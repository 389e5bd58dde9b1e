import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../cli/http-client.js';
import { createSigV4Signer, NodeSha256, shouldSign, signingRegion } from '../../../cli/sigv4.js';
import { fakeIo } from './fake-io.js';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const signingDate = new Date('2026-11-18T15:00:00Z');
const apiUrl = new URL('https://abc123.execute-api.eu-west-1.amazonaws.com/prod/v1/status?period=2026-11');

describe('SigV4 signing', () => {
  it('adds authorization and x-amz-date for execute-api in the region', async () => {
    const sign = createSigV4Signer({ region: 'eu-west-1', credentials, signingDate });
    const headers = await sign({ method: 'GET', url: apiUrl, headers: { accept: 'application/json' } });
    expect(headers['x-amz-date']).toBe('20261118T150000Z');
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261118\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=accept;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(headers.accept).toBe('application/json');
    // fetch sets the host from the URL that was signed.
    expect(headers.host).toBeUndefined();
  });

  it('signs the body, so a changed body has another signature', async () => {
    const sign = createSigV4Signer({ region: 'eu-west-1', credentials, signingDate });
    const request = (body: string) => ({
      method: 'POST',
      url: new URL('https://abc123.execute-api.eu-west-1.amazonaws.com/prod/v1/commitments/leads/events'),
      headers: { 'content-type': 'application/json' },
      body,
    });
    const a = await sign(request('{"id":"e1","value":5}'));
    const again = await sign(request('{"id":"e1","value":5}'));
    const b = await sign(request('{"id":"e1","value":6}'));
    expect(again.authorization).toBe(a.authorization);
    expect(b.authorization).not.toBe(a.authorization);
    expect(a['x-amz-content-sha256']).toBe(
      Buffer.from(await digest(new NodeSha256(), '{"id":"e1","value":5}')).toString('hex'),
    );
  });

  it('carries a session token of temporary credentials', async () => {
    const sign = createSigV4Signer({
      region: 'eu-west-1',
      credentials: { ...credentials, sessionToken: 'session-token' },
      signingDate,
    });
    const headers = await sign({ method: 'GET', url: apiUrl, headers: {} });
    expect(headers['x-amz-security-token']).toBe('session-token');
  });

  it('goes through the API client on the wire', async () => {
    const fake = fakeIo(() => ({ body: { statuses: [] } }));
    const api = createApiClient({
      baseUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod',
      fetch: fake.io.fetch,
      signer: createSigV4Signer({ region: 'eu-west-1', credentials, signingDate }),
    });
    await api.request('GET', '/v1/status');
    expect(fake.requests[0]?.url).toBe('https://abc123.execute-api.eu-west-1.amazonaws.com/prod/v1/status');
    expect(fake.requests[0]?.headers).toMatchObject({
      authorization: expect.stringContaining('/eu-west-1/execute-api/aws4_request'),
      'x-amz-date': '20261118T150000Z',
    });
  });
});

describe('when and where to sign', () => {
  it('signs AWS hosts, or anything when asked', () => {
    expect(shouldSign(apiUrl, false)).toBe(true);
    expect(shouldSign(new URL('http://127.0.0.1:3000'), false)).toBe(false);
    expect(shouldSign(new URL('https://sla.example.com'), true)).toBe(true);
  });

  it('takes the region from the URL, else from AWS_REGION', () => {
    expect(signingRegion(apiUrl, { AWS_REGION: 'us-east-1' })).toBe('eu-west-1');
    expect(signingRegion(new URL('https://sla.example.com'), { AWS_REGION: 'us-east-1' })).toBe('us-east-1');
    expect(() => signingRegion(new URL('https://sla.example.com'), {})).toThrow(/set AWS_REGION/);
  });
});

describe('NodeSha256', () => {
  it('computes SHA-256 and HMAC-SHA-256 (RFC 4231 test case 2)', async () => {
    expect(Buffer.from(await digest(new NodeSha256(), 'abc')).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(
      Buffer.from(await digest(new NodeSha256('Jefe'), 'what do ya want for nothing?')).toString('hex'),
    ).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });
});

async function digest(hash: NodeSha256, text: string): Promise<Uint8Array> {
  hash.update(new TextEncoder().encode(text));
  return hash.digest();
}
