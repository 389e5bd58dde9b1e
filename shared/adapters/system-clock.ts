import type { Clock } from '../domain/model.js';

/** The real clock, for Lambda. Everything else receives a Clock, so tests and the local runtime can move time. */
export const systemClock: Clock = { now: () => Date.now() };
