import { describe, expect, it } from 'vitest';
import {
  rawRequestBody,
  slackSignature,
  verifySlackSignature,
} from '../../../shared/slack/verify-signature.js';
import { slackEvent } from './slack-requests.js';

// Slack's published example (https://docs.slack.dev/authentication/verifying-requests-from-slack).
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = 1531420618;
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const EXPECTED = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const AT = TIMESTAMP * 1000;

const verify = (headers: Record<string, string>, body = BODY, now = AT, secret = SECRET) =>
  verifySlackSignature({ signingSecret: secret, headers, body: Buffer.from(body), now });

const signed = { 'x-slack-signature': EXPECTED, 'x-slack-request-timestamp': String(TIMESTAMP) };

describe('Slack v0 request signatures', () => {
  it("computes Slack's published example signature", () => {
    expect(slackSignature(SECRET, TIMESTAMP, BODY)).toBe(EXPECTED);
  });

  it("accepts Slack's published example request with the clock at that moment", () => {
    expect(verify(signed)).toEqual({ ok: true });
  });

  it('reads the headers whatever their case', () => {
    expect(verify({ 'X-Slack-Signature': EXPECTED, 'X-Slack-Request-Timestamp': String(TIMESTAMP) })).toEqual(
      {
        ok: true,
      },
    );
  });

  it('refuses a forged signature, a tampered body and the wrong secret', () => {
    const forged = `v0=${'0'.repeat(64)}`;
    expect(verify({ ...signed, 'x-slack-signature': forged })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify(signed, BODY.replace('text=', 'text=ack'))).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify(signed, BODY, AT, 'another-secret')).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses a signature of the wrong length or shape without comparing', () => {
    expect(verify({ ...signed, 'x-slack-signature': EXPECTED.slice(0, -2) })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verify({ ...signed, 'x-slack-signature': EXPECTED.replace('v0=', 'v1=') })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verify({ ...signed, 'x-slack-request-timestamp': '1531420618.5' })).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('refuses a request 6 minutes old and one 6 minutes ahead, but takes one 4 minutes either way', () => {
    const minute = 60_000;
    expect(verify(signed, BODY, AT + 6 * minute)).toEqual({ ok: false, reason: 'stale' });
    expect(verify(signed, BODY, AT - 6 * minute)).toEqual({ ok: false, reason: 'future' });
    expect(verify(signed, BODY, AT + 4 * minute)).toEqual({ ok: true });
    expect(verify(signed, BODY, AT - 4 * minute)).toEqual({ ok: true });
    expect(verify(signed, BODY, AT + 5 * minute)).toEqual({ ok: true });
    expect(verify(signed, BODY, AT + 5 * minute + 1000)).toEqual({ ok: false, reason: 'stale' });
  });

  it('with several clocks, takes a request close to any of them and refuses one 6 minutes off all', () => {
    const minute = 60_000;
    const day = 24 * 60 * minute;
    const simulated = AT - 3 * day;
    const readings = (real: number) =>
      verifySlackSignature({
        signingSecret: SECRET,
        headers: signed,
        body: Buffer.from(BODY),
        now: [simulated, real],
      });
    expect(readings(AT + 4 * minute)).toEqual({ ok: true });
    expect(readings(AT - 4 * minute)).toEqual({ ok: true });
    expect(readings(AT + 6 * minute)).toEqual({ ok: false, reason: 'stale' });
    expect(readings(AT - 6 * minute)).toEqual({ ok: false, reason: 'future' });
    expect(
      verifySlackSignature({ signingSecret: SECRET, headers: signed, body: Buffer.from(BODY), now: [] }),
    ).toEqual({ ok: false, reason: 'stale' });
  });

  it('refuses unsigned requests and ones missing either header', () => {
    expect(verify({})).toEqual({ ok: false, reason: 'unsigned' });
    expect(verify({ 'x-slack-signature': EXPECTED })).toEqual({ ok: false, reason: 'unsigned' });
    expect(verify({ 'x-slack-request-timestamp': String(TIMESTAMP) })).toEqual({
      ok: false,
      reason: 'unsigned',
    });
  });

  it('verifies a base64-encoded API Gateway body against the decoded bytes', () => {
    const event = slackEvent('/slack/commands', BODY, {
      timestamp: TIMESTAMP,
      secret: SECRET,
      base64: true,
    });
    expect(event.body).not.toBe(BODY);
    const body = rawRequestBody(event);
    expect(body.toString('utf8')).toBe(BODY);
    expect(verifySlackSignature({ signingSecret: SECRET, headers: event.headers, body, now: AT })).toEqual({
      ok: true,
    });
    // Signing the base64 text instead of the bytes would not verify.
    expect(
      verifySlackSignature({
        signingSecret: SECRET,
        headers: event.headers,
        body: Buffer.from(event.body ?? ''),
        now: AT,
      }),
    ).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('signs non-ASCII bodies byte for byte', () => {
    const body = 'text=log+leads+3+caf%C3%A9+%E2%9C%93&user_id=U1';
    const utf8 = 'text=café ✓';
    const sig = slackSignature(SECRET, TIMESTAMP, Buffer.from(utf8, 'utf8'));
    expect(
      verify({ 'x-slack-signature': sig, 'x-slack-request-timestamp': String(TIMESTAMP) }, utf8),
    ).toEqual({
      ok: true,
    });
    expect(slackSignature(SECRET, TIMESTAMP, body)).not.toBe(sig);
  });
});
