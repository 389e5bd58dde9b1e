import * as wiring from '../wiring.js';
import { makeHandler } from './handler.js';

const obs = wiring.observability('sla-webhook');

export const handler = wiring.instrumented(
  makeHandler({
    ...wiring.tableFromEnv().stores,
    secret: wiring.secretFromEnv('WEBHOOK_SECRET_ARN'),
    log: obs.log,
    metrics: obs.metrics,
  }),
  obs,
);
