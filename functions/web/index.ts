import * as wiring from '../wiring.js';
import { makeHandler } from './handler.js';

const obs = wiring.observability('sla-web');
const { stores } = wiring.tableFromEnv();

export const handler = wiring.instrumented(makeHandler({ ...stores, log: obs.log }), obs);
