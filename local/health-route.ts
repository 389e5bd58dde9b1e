import { problemResponse } from '../shared/http/problem.js';
import type { HttpHandler } from './lambda-bridge.js';
import type { SupervisedStore } from './store-supervisor.js';

/**
 * `/health` of the local runtime. In AWS it is a liveness probe that reads no data, but locally the
 * store is a process of ours that can die; then every other route fails, so health must not be 200.
 */
export function makeHealthHandler(store: SupervisedStore, api: HttpHandler): HttpHandler {
  return async (event) => {
    const down = store.downReason();
    if (down === undefined) return api(event);
    return problemResponse(503, 'Store unavailable', `The store (DynamoDB Local) is down: ${down}.`);
  };
}
