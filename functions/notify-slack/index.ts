import { systemClock } from '../../shared/adapters/system-clock.js';
import * as wiring from '../wiring.js';
import { makeNotifyHandler } from './handler.js';

const obs = wiring.observability('sla-notify-slack');
const { stores } = wiring.tableFromEnv();

export const handler = wiring.instrumented(
  makeNotifyHandler({
    clock: systemClock,
    // Slack messages posted and failed are counted at the poster, whatever the handler does.
    poster: wiring.countingPoster(wiring.slackPosterOf(wiring.slackSecretFromEnv()), obs.metrics),
    loadDepartments: wiring.departmentsLoader(stores.commitments),
    alerts: stores.alerts,
    log: obs.log,
  }),
  obs,
);
