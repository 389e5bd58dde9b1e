import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { SNSEvent } from 'aws-lambda';
import { messageAttributes } from '../shared/adapters/sns/sns-publisher.js';
import { isoInstant } from '../shared/domain/instant-format.js';
import type { Clock } from '../shared/domain/model.js';
import type { OutgoingNotification } from '../shared/ports/alert-store.js';
import type { NotificationPublisher } from '../shared/ports/notification-publisher.js';
import type { DigestPublisher, SlackFileUploader, SlackPoster } from '../shared/ports/slack-poster.js';
import {
  createSlackWebClient,
  createWebApiFileUploader,
  createWebApiPoster,
} from '../shared/slack/web-api-poster.js';
import type { Outbox } from './outbox.js';

const iso = (clock: Clock) => isoInstant(clock.now());

/** The SNS event the `alerts` topic would deliver to the Slack notifier, for one notification. */
export function snsEventFor(notification: OutgoingNotification, at: string): SNSEvent {
  const attributes = Object.fromEntries(
    Object.entries(messageAttributes(notification)).map(([name, a]) => [
      name,
      { Type: a.DataType, Value: a.StringValue },
    ]),
  );
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:local:000000000000:alerts:local',
        Sns: {
          Type: 'Notification',
          MessageId: notification.dedupKey,
          TopicArn: 'arn:aws:sns:local:000000000000:alerts',
          Subject: notification.title,
          Message: JSON.stringify(notification),
          Timestamp: at,
          SignatureVersion: '1',
          Signature: '',
          SigningCertUrl: '',
          UnsubscribeUrl: '',
          MessageAttributes: attributes,
        },
      },
    ],
  };
}

/**
 * The `alerts` topic, locally: each notification is written to the outbox as the SNS message and
 * then handed to the subscribers (the Slack notifier) in process, like SNS would.
 */
export function createLocalAlertPublisher(options: {
  outbox: Outbox;
  clock: Clock;
  subscribers: Array<(event: SNSEvent) => Promise<unknown>>;
  log: (line: string) => void;
}): NotificationPublisher {
  return {
    async publish(notification) {
      const at = iso(options.clock);
      options.outbox.append({
        at,
        transport: 'sns',
        kind: notification.kind,
        commitmentId: notification.commitmentId,
        period: notification.period,
        level: notification.level,
        target: 'alerts',
        text: notification.text,
        severity: notification.severity,
        dedupKey: notification.dedupKey,
      });
      for (const subscriber of options.subscribers) {
        try {
          await subscriber(snsEventFor(notification, at));
        } catch (error) {
          // SNS would retry and then dead-letter; locally the outbox already holds the message.
          options.log(
            `error: a subscriber of the alerts topic failed: ${(error as Error)?.message ?? error}`,
          );
        }
      }
    },
  };
}

/** Slack, locally: every message goes to the outbox, and to real Slack as well when a token is set. */
export function createOutboxSlackPoster(options: {
  outbox: Outbox;
  clock: Clock;
  real?: SlackPoster;
}): SlackPoster {
  let sequence = 0;
  return {
    async post(message) {
      const posted = options.real
        ? await options.real.post(message)
        : {
            channel: message.channel,
            ts: `${Math.floor(options.clock.now() / 1000)}.${String(++sequence).padStart(6, '0')}`,
          };
      options.outbox.append({
        at: iso(options.clock),
        transport: 'slack',
        kind: message.meta?.kind ?? 'message',
        ...(message.meta?.commitmentId ? { commitmentId: message.meta.commitmentId } : {}),
        ...(message.meta?.period ? { period: message.meta.period } : {}),
        ...(message.meta?.level !== undefined ? { level: message.meta.level } : {}),
        target: message.channel,
        text: message.text,
        ts: posted.ts,
        ...(message.threadTs ? { threadTs: message.threadTs } : {}),
        blocks: message.blocks,
      });
      return posted;
    },
    async update(message) {
      if (options.real) await options.real.update(message);
      options.outbox.append({
        at: iso(options.clock),
        transport: 'slack',
        kind: `${message.meta?.kind ?? 'message'}_updated`,
        ...(message.meta?.commitmentId ? { commitmentId: message.meta.commitmentId } : {}),
        target: message.channel,
        text: message.text,
        ts: message.ts,
      });
    },
    async openModal(triggerId, view) {
      if (options.real?.openModal) await options.real.openModal(triggerId, view);
      options.outbox.append({
        at: iso(options.clock),
        transport: 'slack',
        kind: 'modal',
        target: triggerId,
        text: view.title.text,
        view,
      });
    },
  };
}

/** The `digests` topic, locally: the email body goes to the outbox. */
export function createOutboxDigestPublisher(options: { outbox: Outbox; clock: Clock }): DigestPublisher {
  return {
    async publish(digest) {
      options.outbox.append({
        at: iso(options.clock),
        transport: 'sns',
        kind: 'digest',
        period: digest.week,
        target: 'digests',
        text: digest.text,
        subject: digest.subject,
      });
    },
  };
}

/**
 * Slack files, locally: each is saved in `dir` and noted in the outbox (with the saved path), and
 * uploaded to real Slack as well when a token is set.
 */
export function createOutboxSlackUploader(options: {
  outbox: Outbox;
  clock: Clock;
  dir: string;
  real?: SlackFileUploader;
}): SlackFileUploader {
  let sequence = 0;
  return {
    async upload(file) {
      const { fileId } = options.real
        ? await options.real.upload(file)
        : { fileId: `F${Math.floor(options.clock.now() / 1000)}${String(++sequence).padStart(4, '0')}` };
      mkdirSync(options.dir, { recursive: true });
      // The name is ours, but a file name never gets to pick its folder.
      const path = join(options.dir, basename(file.filename));
      writeFileSync(path, file.bytes);
      options.outbox.append({
        at: iso(options.clock),
        transport: 'slack',
        kind: file.meta?.kind ?? 'file',
        ...(file.meta?.period ? { period: file.meta.period } : {}),
        target: file.channel,
        text: file.title,
        ...(file.threadTs ? { threadTs: file.threadTs } : {}),
        fileId,
        file: path,
        altText: file.altText,
        bytes: file.bytes.byteLength,
      });
      return { fileId };
    },
  };
}

/**
 * Slack, locally: messages and files to the outbox, the files themselves saved under
 * `<dataDir>/charts`, and both to a real workspace as well when a bot token is given.
 */
export function createLocalSlack(options: {
  outbox: Outbox;
  clock: Clock;
  dataDir: string;
  botToken?: string;
}): { poster: SlackPoster; uploader: SlackFileUploader } {
  const { outbox, clock } = options;
  const client = options.botToken ? createSlackWebClient(options.botToken) : undefined;
  return {
    poster: createOutboxSlackPoster({
      outbox,
      clock,
      ...(client ? { real: createWebApiPoster(client) } : {}),
    }),
    uploader: createOutboxSlackUploader({
      outbox,
      clock,
      dir: join(options.dataDir, 'charts'),
      ...(client ? { real: createWebApiFileUploader(client) } : {}),
    }),
  };
}
