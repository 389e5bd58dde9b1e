/**
 * The Slack app's secrets, kept together in one Secrets Manager secret as JSON:
 * `{ "signingSecret": "...", "botToken": "xoxb-..." }`, plus the app's client id and secret once
 * the dashboard's Sign in with Slack is turned on. Read lazily, so a cold start does not wait for
 * it before the handler is ready; the text's source caches it.
 */
import { CodedError } from '../domain/coded-error.js';

export interface SlackSecret {
  signingSecret: string;
  /** Empty until an admin pastes it: commands still verify and answer, posting needs it. */
  botToken: string;
  /** The app's Client ID and Client Secret (Basic Information), for the dashboard's sign-in. */
  oidcClientId?: string;
  oidcClientSecret?: string;
}

/** The client the dashboard signs people in with, or undefined while sign-in is not set up. */
export function signInClientOf(secret: SlackSecret): { clientId: string; clientSecret: string } | undefined {
  if (secret.oidcClientId === undefined || secret.oidcClientSecret === undefined) return undefined;
  return { clientId: secret.oidcClientId, clientSecret: secret.oidcClientSecret };
}

export class SlackSecretError extends CodedError {
  readonly code = 'SLACK_SECRET_INVALID';
  constructor(problem: string) {
    super(
      `The Slack secret ${problem}; store it as {"signingSecret": "...", "botToken": "xoxb-..."} (see docs/connect-slack.md)`,
    );
  }
}

/** The bot token, or an error saying it still has to be pasted into the secret. */
export function botTokenOf(secret: SlackSecret): string {
  if (!secret.botToken.startsWith('xoxb-')) {
    throw new SlackSecretError(
      secret.botToken === '' ? 'has no botToken yet' : 'has a botToken that is not a bot token (xoxb-…)',
    );
  }
  return secret.botToken;
}

/**
 * The parsed secret from its text's source. Parsing is cheap, so only the text is cached (by the
 * source, for a few minutes): a rotated secret is parsed as soon as the source reads it again.
 */
export function slackSecretSource(load: () => Promise<string>): () => Promise<SlackSecret> {
  return async () => {
    const text = await load();
    const { parseSlackSecret } = await import('./slack-secret-parser.js');
    return parseSlackSecret(text);
  };
}
