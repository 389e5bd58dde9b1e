import type { ModalView } from '@slack/types';

/** A Slack message as the Web API takes it (chat.postMessage / chat.update). */
export interface SlackMessage {
  /** A channel id (`C…`) or a user id (`U…`) for a direct message. */
  channel: string;
  /** Plain-text fallback, shown in notifications and where blocks cannot render. */
  text: string;
  blocks?: unknown[];
  /** Posts into the thread of this message. */
  threadTs?: string;
  /** What the message is about, for logs and the local outbox (not sent to Slack). */
  meta?: { kind: string; commitmentId?: string; period?: string; level?: number };
}

export interface PostedMessage {
  channel: string;
  ts: string;
}

/** Where Slack messages go: the real Web API in AWS, the outbox (and optionally Slack) locally. */
export interface SlackPoster {
  post(message: SlackMessage): Promise<PostedMessage>;
  update(message: SlackMessage & { ts: string }): Promise<void>;
  /**
   * Opens a modal for the person whose slash command or click carried `triggerId` (views.open).
   * Only the Slack edge opens modals; posters that serve the digest or the notifier leave it out.
   */
  openModal?(triggerId: string, view: ModalView): Promise<void>;
}

export interface DigestDelivery {
  week: string;
  subject: string;
  text: string;
}

/** Publishes the weekly digest's email body to the `digests` SNS topic (or the local outbox). */
export interface DigestPublisher {
  publish(digest: DigestDelivery): Promise<void>;
}

/** A file for Slack's external upload flow, shared into a channel (and a thread) when it completes. */
export interface SlackFile {
  channel: string;
  /** Shares the file into the thread of this message. */
  threadTs?: string;
  filename: string;
  title: string;
  /** What a screen reader says for an image. */
  altText: string;
  bytes: Uint8Array;
  /** What the file is about, for logs and the local outbox (not sent to Slack). */
  meta?: SlackMessage['meta'];
}

/** Uploads files to Slack (the Web API's external upload flow in AWS; the data folder locally). */
export interface SlackFileUploader {
  upload(file: SlackFile): Promise<{ fileId: string }>;
}
