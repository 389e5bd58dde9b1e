/**
 * The Slack secret's text checked against its schema. A module of its own so that the schema
 * library loads when a secret is first read, not with every function that might read one.
 */
import * as z from 'zod';
import { lazy } from '../domain/lazy.js';
import { type SlackSecret, SlackSecretError } from './slack-secret.js';

const slackSecretSchema = lazy(() =>
  z.object({
    signingSecret: z.string().min(1),
    botToken: z.string().default(''),
    oidcClientId: z.string().min(1).optional(),
    oidcClientSecret: z.string().min(1).optional(),
  }),
);

/** Parses the secret's text; the error names what is wrong, never the values. */
export function parseSlackSecret(text: string): SlackSecret {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new SlackSecretError('is not JSON');
  }
  const parsed = slackSecretSchema().safeParse(raw);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'value')))];
    throw new SlackSecretError(`has a missing or invalid ${fields.join(' and ')}`);
  }
  const { oidcClientId, oidcClientSecret, ...rest } = parsed.data;
  // Half a client cannot sign anyone in; saying so beats a sign-in page that fails at Slack.
  if ((oidcClientId === undefined) !== (oidcClientSecret === undefined)) {
    throw new SlackSecretError(
      `has ${oidcClientId === undefined ? 'oidcClientSecret without oidcClientId' : 'oidcClientId without oidcClientSecret'}`,
    );
  }
  return oidcClientId === undefined || oidcClientSecret === undefined
    ? rest
    : { ...rest, oidcClientId, oidcClientSecret };
}
