import { makeHandler } from '../functions/webhook/handler.js';
import type { StoreDeps } from '../shared/app/deps.js';
import { problemResponse } from '../shared/http/problem.js';
import { asHttpHandler, type HttpHandler } from './lambda-bridge.js';

/**
 * The HMAC webhook on the same path as in AWS. Its secret comes from SLA_WEBHOOK_SECRET (Secrets
 * Manager in AWS); without one no signature can be checked, so every request is refused with a 403
 * that says how to turn it on, rather than a 404 that would look like a wrong URL.
 */
export function makeWebhookRoute(
  deps: StoreDeps & { secret: string | undefined; log: { error(message: string, error: unknown): void } },
): HttpHandler {
  const { secret } = deps;
  if (secret === undefined) {
    return async () =>
      problemResponse(
        403,
        'Webhook disabled',
        'The webhook is off in this local runtime: start it with SLA_WEBHOOK_SECRET set to the shared HMAC secret.',
      );
  }
  return asHttpHandler('sla-webhook', makeHandler({ ...deps, secret: async () => secret }));
}
