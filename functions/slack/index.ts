import { systemClock } from '../../shared/adapters/system-clock.js';
import * as wiring from '../wiring.js';
import { makeHandler } from './handler.js';

// Module scope does only cheap, synchronous work: Slack answers within 3 seconds, cold start
// included. The secret is fetched on the first request; the Slack SDK is loaded only when a
// button click needs to update a message.
const obs = wiring.observability('sla-slack');
const { stores } = wiring.tableFromEnv();
const secret = wiring.slackSecretFromEnv();
const poster = wiring.slackPosterOf(secret);

export const handler = wiring.instrumented(
  makeHandler({
    stores,
    clock: systemClock,
    signingSecret: async () => (await secret()).signingSecret,
    poster,
    ...wiring.slackListeners(stores, poster, obs.log),
    log: obs.log,
  }),
  obs,
);
