import { describe, expect, it } from 'vitest';
import { makeWebhookRoute } from '../../../local/webhook-route.js';
import type { StoreDeps } from '../../../shared/app/deps.js';

describe('the local webhook route without SLA_WEBHOOK_SECRET', () => {
  it('refuses with a 403 that says how to turn it on, not a 404 that looks like a wrong URL', async () => {
    // The stores are never reached: without a secret no request gets past the check.
    const route = makeWebhookRoute({
      ...({} as StoreDeps),
      secret: undefined,
      log: { error: () => undefined },
    });
    const result = await route({
      rawPath: '/webhook/commitments/leads/events',
      body: '{"id":"e1"}',
    } as Parameters<typeof route>[0]);
    expect(result).toMatchObject({ statusCode: 403 });
    const body = JSON.parse((result as { body: string }).body) as { title: string; detail: string };
    expect(body.title).toBe('Webhook disabled');
    expect(body.detail).toContain('SLA_WEBHOOK_SECRET');
  });
});
