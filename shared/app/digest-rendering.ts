/**
 * The weekly digest as people get it: its content (from the domain) with the email body and the
 * Slack messages rendered from it, each by its own channel's renderer.
 */
import { digestContent } from '../domain/digest/build-digest.js';
import type { DigestFormat } from '../domain/digest/digest-format.js';
import type { DigestContent, DigestInput } from '../domain/digest/digest-types.js';
import { renderDigestText } from '../presentation/digest/text-render.js';
import { type DigestMessage, renderDigestSlack } from '../slack/digest-blocks.js';

export interface Digest extends DigestContent {
  /** The email body. */
  text: string;
  /** Slack messages in order: the first is posted to the channel, the rest as replies in its thread. */
  messages: DigestMessage[];
}

export function buildDigest(input: DigestInput, format: DigestFormat): Digest {
  const content = digestContent(input, format);
  return {
    ...content,
    text: renderDigestText(content, format),
    messages: renderDigestSlack(content, format),
  };
}
