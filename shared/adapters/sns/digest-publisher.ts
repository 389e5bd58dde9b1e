import type { SNSClient } from '@aws-sdk/client-sns';
import type { DigestDelivery, DigestPublisher } from '../../ports/slack-poster.js';
import { topicPublisher } from './topic-publisher.js';

/** SNS takes a subject of printable ASCII, no line breaks, under 100 characters. */
export const MAX_SUBJECT_CHARS = 99;

/** The subject as SNS accepts it: accents dropped, anything else unprintable removed, cut with `...`. */
export function digestEmailSubject(digest: DigestDelivery): string {
  const ascii = digest.subject
    .normalize('NFKD')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  const subject = ascii || `SLA digest ${digest.week}`;
  return subject.length > MAX_SUBJECT_CHARS ? `${subject.slice(0, MAX_SUBJECT_CHARS - 3)}...` : subject;
}

/**
 * Publishes the digest's plain-text body to the `digests` topic; email subscriptions deliver it as
 * is. The `kind` attribute lets a subscription on a shared topic filter digests in or out.
 */
export function createSnsDigestPublisher(client: SNSClient, topicArn: string): DigestPublisher {
  return topicPublisher(client, topicArn, (digest: DigestDelivery) => ({
    Subject: digestEmailSubject(digest),
    Message: digest.text,
    MessageAttributes: {
      kind: { DataType: 'String', StringValue: 'digest' },
      week: { DataType: 'String', StringValue: digest.week },
    },
  }));
}
