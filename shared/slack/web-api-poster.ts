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
  type FilesCompleteUploadExternalResponse,
  type FilesUploadV2Arguments,
  type KnownBlock,
  WebClient,
} from '@slack/web-api';
import { CodedError } from '../domain/coded-error.js';
import type { PostedMessage, SlackFileUploader, SlackMessage, SlackPoster } from '../ports/slack-poster.js';

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

/**
 * Files through Slack's external upload flow (`files.uploadV2`): the client asks
 * files.getUploadURLExternal for a URL, posts the bytes there, and files.completeUploadExternal
 * shares the file into the channel (and thread). The client's retries and timeout apply to each step.
 */
export function createWebApiFileUploader(client: WebClient): SlackFileUploader {
  return {
    async upload(file) {
      const result = (await client.files.uploadV2({
        channel_id: file.channel,
        ...(file.threadTs ? { thread_ts: file.threadTs } : {}),
        // The client reads only a Buffer as bytes (a string would be taken for a path).
        file: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
        filename: file.filename,
        title: file.title,
        alt_text: file.altText,
      } as FilesUploadV2Arguments)) as { files?: FilesCompleteUploadExternalResponse[] };
      const fileId = result.files?.[0]?.files?.[0]?.id;
      if (!fileId)
        throw new SlackPostError(`files.completeUploadExternal to ${file.channel} returned no file id`);
      return { fileId };
    },
  };
}
