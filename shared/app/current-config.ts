/**
 * The applied configuration's departments, calendars and policy. A module of its own so that the
 * Slack function reads it without loading configuration parsing and planning.
 */
import type { StoredConfig } from '../ports/commitment-store.js';
import type { StoreDeps } from './deps.js';
import { BadRequestError } from './errors.js';

export async function currentContext(deps: Pick<StoreDeps, 'commitments'>): Promise<StoredConfig> {
  const config = await deps.commitments.getConfig();
  if (!config) {
    throw new BadRequestError(
      'No configuration has been applied yet: apply one with POST /v1/config:apply first.',
    );
  }
  return config;
}
