import { alertsPublisherFromEnv, instrumented, observability, tableFromEnv } from '../wiring.js';
import { makeHandler } from './handler.js';

const obs = observability('sla-evaluate');

export const handler = instrumented(
  makeHandler({
    ...tableFromEnv().stores,
    publisher: alertsPublisherFromEnv(),
    log: obs.logger,
    metrics: obs.metrics,
  }),
  obs,
);
