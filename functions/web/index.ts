import { systemClock } from '../../shared/adapters/system-clock.js';
import { signInClientOf } from '../../shared/slack/slack-secret.js';
import { lazySlackSignIn } from '../../shared/web/sign-in/lazy-sign-in.js';
import * as wiring from '../wiring.js';
import { makeHandler } from './handler.js';

const obs = wiring.observability('sla-web');
const { stores } = wiring.tableFromEnv();
const secret = wiring.slackSecretFromEnv();

// In AWS every page is behind Sign in with Slack; until the secret holds the app's client, the
// sign-in answers each request with a page saying how to set it up, and shows no data.
const auth = lazySlackSignIn({
  clock: systemClock,
  client: async () => signInClientOf(await secret()),
  people: () => stores.commitments.getConfig(),
  log: obs.log,
});

export const handler = wiring.instrumented(makeHandler({ ...stores, log: obs.log, auth }), obs);
