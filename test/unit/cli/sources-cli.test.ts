import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../cli/exit-codes.js';
import { runCli } from '../../../cli/main.js';
import { fakeIo } from './fake-io.js';

const sources = [
  {
    name: 'scripts',
    type: 'webhook',
    lastDeliveryAt: '2026-11-18T15:00:00Z',
    recorded: 12,
    duplicates: 2,
    ignored: 1,
    refused: 3,
    rejected: 0,
    lastRefusal: { at: '2026-11-18T14:00:00Z', reason: 'no signature matches' },
  },
  {
    name: 'crm',
    type: 'webhook',
    lastDeliveryAt: null,
    recorded: 0,
    duplicates: 0,
    ignored: 0,
    refused: 0,
    rejected: 0,
    lastRefusal: null,
  },
];

describe('sla sources', () => {
  it('prints each source with its counts and last refusal, in the company zone', async () => {
    const fake = fakeIo(() => ({ body: { sources, timezone: 'America/New_York' } }));
    expect(await runCli(['sources'], fake.io)).toBe(EXIT.ok);
    expect(new URL(fake.requests[0]?.url ?? '').pathname).toBe('/v1/sources');
    const text = fake.out.join('\n');
    expect(text).toMatch(
      /SOURCE\s+TYPE\s+LAST DELIVERY\s+RECORDED\s+DUPLICATES\s+IGNORED\s+REFUSED\s+REJECTED/,
    );
    expect(text).toMatch(
      /scripts\s+webhook\s+.*10:00.*EST\s+12\s+2\s+1\s+3\s+0\s+.*09:00.*: no signature matches/,
    );
    expect(text).toMatch(/crm\s+webhook\s+—\s+0/);
  });

  it('prints the API answer as JSON with --json', async () => {
    const fake = fakeIo(() => ({ body: { sources, timezone: 'UTC' } }));
    expect(await runCli(['sources', '--json'], fake.io)).toBe(EXIT.ok);
    expect(JSON.parse(fake.out.join('\n'))).toEqual({ sources, timezone: 'UTC' });
  });
});
