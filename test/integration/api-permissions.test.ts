import { describe, expect, it } from 'vitest';
import { iamCaller, localCaller } from '../../shared/http/caller.js';
import { testRequestContext } from '../support/api-gateway-event.js';
import { TEST_PRINCIPAL, useApp } from './app-context.js';

const LEADS = 'marketing-qualified-leads';
const app = await useApp('2026-11-18T10:00:00-05:00');

const excusal = {
  // After the commitment took effect (it was created on the 18th), so the excused time is judged.
  from: '2026-11-19T08:00:00-05:00',
  to: '2026-11-20T18:00:00-05:00',
  causedBy: 'sales',
  reason: 'CRM import broken',
};

describe('the /v1 API', () => {
  it('refuses a request without an IAM principal with a 403, and records nothing', async () => {
    const events = await app.call('POST', `/v1/commitments/${LEADS}/events`, {
      body: { id: 'e1' },
      principal: null,
    });
    expect(events.status).toBe(403);
    expect(events.body).toMatchObject({
      title: 'Forbidden',
      detail: expect.stringMatching(/no IAM caller identity/),
    });
    const excused = await app.call('POST', `/v1/commitments/${LEADS}/excusals`, {
      body: excusal,
      principal: null,
    });
    expect(excused.status).toBe(403);
    const ack = await app.call('POST', `/v1/commitments/${LEADS}/ack`, {
      body: { by: 'ops' },
      principal: null,
    });
    expect(ack.status).toBe(403);
    const status = await app.call('GET', `/v1/commitments/${LEADS}/status`);
    expect(status.body.actual).toBe(0);
    expect(status.body.excused).toBeUndefined();
  });

  it('lets an IAM principal act as an admin, whoever the file names', async () => {
    const events = await app.call('POST', `/v1/commitments/${LEADS}/events`, { body: { id: 'e1' } });
    expect(events.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const excused = await app.call('POST', `/v1/commitments/${LEADS}/excusals`, { body: excusal });
    expect(excused.status).toBe(201);
    // An admin's excusal is approved at once, and counts at once.
    expect(excused.body.excusal).toMatchObject({ status: 'approved', requestedBy: TEST_PRINCIPAL });
    const status = await app.call('GET', `/v1/commitments/${LEADS}/status`);
    expect(status.body.excused).toMatchObject({ causedBy: ['sales'], windows: 1 });
  });

  it('decides excusals: an approved one cannot be rejected, an unknown one is a 404', async () => {
    const id = (await app.call('POST', `/v1/commitments/${LEADS}/excusals`, { body: excusal })).body.excusal
      .id;
    const decisions = `/v1/commitments/${LEADS}/excusals/decisions`;
    const again = await app.call('POST', decisions, { body: { excusalId: id, decision: 'approve' } });
    expect(again.body).toMatchObject({ changed: false, excusal: { id, status: 'approved' } });
    const reject = await app.call('POST', decisions, { body: { excusalId: id, decision: 'reject' } });
    expect(reject.status).toBe(409);
    expect(reject.body).toMatchObject({ title: 'Excusal already decided' });
    const unknown = await app.call('POST', decisions, { body: { excusalId: 'nope', decision: 'approve' } });
    expect(unknown.status).toBe(404);
    const bad = await app.call('POST', decisions, { body: { excusalId: id, decision: 'maybe' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'decision', message: "must be 'approve' or 'reject'" }]);
    const unsigned = await app.call('POST', decisions, {
      body: { excusalId: id, decision: 'approve' },
      principal: null,
    });
    expect(unsigned.status).toBe(403);
  });
});

describe('the caller of a request', () => {
  const event = (userAgent: string, authorizer?: unknown) =>
    ({
      requestContext: { ...testRequestContext('POST', '/v1/x', 0, userAgent), authorizer },
    }) as never;

  it('is the IAM principal API Gateway names, through the CLI when the CLI says so', () => {
    const iam = { iam: { userArn: TEST_PRINCIPAL } };
    expect(iamCaller(event('curl/8', iam))).toEqual({ kind: 'iam', id: TEST_PRINCIPAL, via: 'api' });
    expect(iamCaller(event('sla-cli', iam))).toEqual({ kind: 'iam', id: TEST_PRINCIPAL, via: 'cli' });
    expect(() => iamCaller(event('curl/8'))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => iamCaller(event('curl/8', { iam: { userArn: '' } }))).toThrow(/no IAM caller identity/);
  });

  it('is the local admin on the local runtime', () => {
    expect(localCaller(event('sla-cli'))).toEqual({ kind: 'local', id: 'local', via: 'cli' });
  });
});
