/**
 * The Slack app's two secrets, kept together in one Secrets Manager secret as JSON:
 * `{ "signingSecret": "...", "botToken": "xoxb-..." }`. Read lazily, so a cold start does not wait
 * for it before the handler is ready; the text's source caches it.
 */
import * as z from 'zod';
import { CodedError } from '../domain/coded-error.js';

export interface SlackSecret {
  signingSecret: string;
  /** Empty until an admin pastes it: commands still verify and answer, posting needs it. */
  botToken: string;
}

const slackSecretSchema = z.object({
  signingSecret: z.string().min(1),
  botToken: z.string().default(''),
});

export class SlackSecretError extends CodedError {
  readonly code = 'SLACK_SECRET_INVALID';
  constructor(problem: string) {
    super(
      `The Slack secret ${problem}; store it as {"signingSecret": "...", "botToken": "xoxb-..."} (see docs/connect-slack.md)`,
    );
  }
}

/** Parses the secret's text; the error names what is wrong, never the values. */
export function parseSlackSecret(text: string): SlackSecret {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new SlackSecretError('is not JSON');
  }
  const parsed = slackSecretSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'value')))];
    throw new SlackSecretError(`has a missing or invalid ${fields.join(' and ')}`);
  }
  return parsed.data;
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
  return async () => parseSlackSecret(await load());
}
