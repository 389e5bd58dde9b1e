import * as wiring from '../wiring.js';
import { makeHandler } from './handler.js';

const obs = wiring.observability('sla-evaluate');

export const handler = wiring.instrumented(
  makeHandler({
    ...wiring.tableFromEnv().stores,
    publisher: wiring.alertsPublisherFromEnv(),
    log: obs.logger,
    metrics: obs.metrics,
  }),
  obs,
);
