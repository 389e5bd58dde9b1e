/**
 * Where an alert's Slack messages are, recorded on its notification claim so that an
 * acknowledgement can update them later and a redelivered notification is not posted twice.
 *
 * The key is the destination we posted to (`slack:C0SALES`, `slack:U0MKTLEAD`), the value the
 * message's `ts`. A direct message posted to a user id lives in a `D…` conversation, and
 * `chat.update` needs that id, so then the value is `D…/ts`.
 */
import type { PostedMessage } from '../ports/slack-poster.js';

const PREFIX = 'slack:';

export const annotationKey = (destination: string) => `${PREFIX}${destination}`;

/** While a notifier posts to a destination it holds it with `posting@<ISO instant>`. */
export const POSTING_MARKER = 'posting@';
export const postingMarker = (at: string) => `${POSTING_MARKER}${at}`;
export const isPostingMarker = (value: string) => value.startsWith(POSTING_MARKER);

export function annotationFor(destination: string, posted: PostedMessage): Record<string, string> {
  const value = posted.channel === destination ? posted.ts : `${posted.channel}/${posted.ts}`;
  return { [annotationKey(destination)]: value };
}

export interface RecordedMessage {
  destination: string;
  channel: string;
  ts: string;
}

/** Every Slack message recorded on a claim. */
export function recordedMessages(annotations: Record<string, string>): RecordedMessage[] {
  const out: RecordedMessage[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(PREFIX) || value === '' || isPostingMarker(value)) continue;
    const destination = key.slice(PREFIX.length);
    const slash = value.indexOf('/');
    out.push(
      slash === -1
        ? { destination, channel: destination, ts: value }
        : { destination, channel: value.slice(0, slash), ts: value.slice(slash + 1) },
    );
  }
  return out;
}
