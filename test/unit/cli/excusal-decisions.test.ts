import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../cli/exit-codes.js';
import { runCli } from '../../../cli/main.js';
import { fakeIo } from './fake-io.js';

describe('sla approve and sla reject', () => {
  it('sends the decision to the API, names itself as the CLI, and says what happened', async () => {
    const fake = fakeIo(() => ({
      body: { commitmentId: 'leads', excusal: { id: 'x1', status: 'approved' }, changed: true },
    }));
    expect(await runCli(['approve', 'leads', 'x1'], fake.io)).toBe(EXIT.ok);
    const request = fake.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.url).toMatch(/\/v1\/commitments\/leads\/excusals\/decisions$/);
    expect(JSON.parse(request?.body ?? '')).toEqual({ excusalId: 'x1', decision: 'approve' });
    expect(request?.headers['user-agent']).toBe('sla-cli');
    expect(fake.out).toEqual(['Approved: excusal x1 on leads.']);
  });

  it('says when the excusal was already decided that way', async () => {
    const fake = fakeIo(() => ({
      body: { commitmentId: 'leads', excusal: { id: 'x1', status: 'rejected' }, changed: false },
    }));
    expect(await runCli(['reject', 'leads', 'x1'], fake.io)).toBe(EXIT.ok);
    expect(JSON.parse(fake.requests[0]?.body ?? '')).toEqual({ excusalId: 'x1', decision: 'reject' });
    expect(fake.out).toEqual(['Already rejected: excusal x1 on leads.']);
  });

  it('needs the commitment and the excusal', async () => {
    const fake = fakeIo(() => ({ body: {} }));
    expect(await runCli(['approve', 'leads'], fake.io)).toBe(EXIT.usage);
    expect(fake.requests).toEqual([]);
    expect(fake.err).toContain('sla: missing EXCUSAL');
  });
});
