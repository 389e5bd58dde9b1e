/**
 * The `SlackPoster` on Slack's Web API. The client is configured for Lambda, whose run is short:
 * two retries with short back-off and a 3-second timeout per call, where the SDK's defaults would
 * retry for about half an hour. Rate-limited calls wait for `Retry-After` and are retried.
 */
import type { ModalView } from '@slack/types';
import {
  type Block,
  type ChatPostMessageArguments,
  type ChatUpdateArguments,
  type KnownBlock,
  WebClient,
} from '@slack/web-api';
import { CodedError } from '../domain/coded-error.js';
import type { PostedMessage, SlackMessage, SlackPoster } from '../ports/slack-poster.js';

export interface SlackWebClientOptions {
  /** Another API root, e.g. a local fake in tests (`http://127.0.0.1:4000/api/`). */
  slackApiUrl?: string;
}

export function createSlackWebClient(token: string, options: SlackWebClientOptions = {}): WebClient {
  return new WebClient(token, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 },
    timeout: 3000,
    rejectRateLimitedCalls: false,
  });
}

export class SlackPostError extends CodedError {
  readonly code = 'SLACK_POST_FAILED';
  constructor(message: string) {
    super(message);
  }
}

// Our messages are built by shared/slack/blocks.ts; the port carries them untyped.
type Blocks = Array<KnownBlock | Block>;

export function createWebApiPoster(client: WebClient): SlackPoster {
  return {
    async post(message: SlackMessage): Promise<PostedMessage> {
      const result = await client.chat.postMessage({
        channel: message.channel,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks as Blocks } : {}),
        ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
        unfurl_links: false,
      } as ChatPostMessageArguments);
      if (!result.ts) throw new SlackPostError(`chat.postMessage to ${message.channel} returned no ts`);
      return { channel: result.channel ?? message.channel, ts: result.ts };
    },
    async update(message: SlackMessage & { ts: string }): Promise<void> {
      await client.chat.update({
        channel: message.channel,
        ts: message.ts,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks as Blocks } : {}),
      } as ChatUpdateArguments);
    },
    async openModal(triggerId: string, view: ModalView): Promise<void> {
      await client.views.open({ trigger_id: triggerId, view });
    },
  };
}
