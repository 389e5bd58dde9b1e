import { instrumented, observability, secretFromEnv, tableFromEnv } from '../wiring.js';
import { makeHandler } from './handler.js';

const obs = observability('sla-webhook');

export const handler = instrumented(
  makeHandler({
    ...tableFromEnv().stores,
    secret: secretFromEnv('WEBHOOK_SECRET_ARN'),
    log: obs.log,
    metrics: obs.metrics,
  }),
  obs,
);
