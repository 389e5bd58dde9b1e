import { systemClock } from '../../shared/adapters/system-clock.js';
import {
  countingPoster,
  departmentsLoader,
  instrumented,
  observability,
  slackPosterOf,
  slackSecretFromEnv,
  tableFromEnv,
} from '../wiring.js';
import { makeNotifyHandler } from './handler.js';

const obs = observability('sla-notify-slack');
const { stores } = tableFromEnv();

export const handler = instrumented(
  makeNotifyHandler({
    clock: systemClock,
    // Slack messages posted and failed are counted at the poster, whatever the handler does.
    poster: countingPoster(slackPosterOf(slackSecretFromEnv()), obs.metrics),
    loadDepartments: departmentsLoader(stores.commitments),
    alerts: stores.alerts,
    log: obs.log,
  }),
  obs,
);
