/**
 * The weekly digest as people get it: its content (from the domain) with the email body and the
 * Slack messages rendered from it.
 */
import { digestContent } from '../../domain/digest/build-digest.js';
import type { DigestFormat } from '../../domain/digest/digest-format.js';
import type { DigestContent, DigestInput } from '../../domain/digest/digest-types.js';
import { renderDigestSlack } from './block-kit.js';
import type { SlackBlock } from './block-kit-types.js';
import { renderDigestText } from './text-render.js';

export interface DigestMessage {
  /** `summary` is the first message (and any continuation of its lists); `details` are the provider groups. */
  part: 'summary' | 'details';
  blocks: SlackBlock[];
  /** Plain-text fallback for notifications and clients that cannot show blocks. */
  text: string;
}

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
