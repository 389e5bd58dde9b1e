import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSnsDigestPublisher } from '../../../shared/adapters/sns/digest-publisher.js';
import { digestFormat } from '../../../shared/app/digest.js';
import {
  type DigestDeliveryLog,
  type DigestDeliveryProgress,
  deliverDigest,
} from '../../../shared/app/digest-delivery.js';
import type { Digest } from '../../../shared/app/digest-rendering.js';
import { buildDigest } from '../../../shared/app/digest-rendering.js';
import { fixedClock } from '../../../shared/domain/model.js';
import type { DigestDelivery, SlackMessage } from '../../../shared/ports/slack-poster.js';
import { definition, department, evaluation, input, ny, ZONE } from './digest-fixtures.js';

const departments = {
  marketing: department('marketing', 'Marketing'),
  executives: department('executives', 'Executive team'),
};
const config = {
  digest: { weekday: 1 as const, minute: 480, schedule: 'mon 08:00', to: 'executives' },
  departments,
};

// Enough commitments with long titles for the details to need three replies.
const digest: Digest = buildDigest(
  {
    week: '2026-W46',
    zone: ZONE,
    generatedAt: ny('2026-11-16T08:00'),
    asOf: ny('2026-11-16T08:00'),
    sendsAt: ny('2026-11-16T08:00'),
    departments,
    commitments: Array.from({ length: 60 }, (_, i) => {
      const d = definition(`c-${i}`, 'marketing', 'executives', {
        title: `${'Quite a long title '.repeat(8)}${i}`,
      });
      return input(d, evaluation(d.id, 'on_track'));
    }),
    ledger: [],
  },
  digestFormat,
);

function fakeSlack(failOnPost?: number) {
  const posted: SlackMessage[] = [];
  return {
    posted,
    poster: {
      async post(message: SlackMessage) {
        if (posted.length + 1 === failOnPost) throw new Error('Slack is down');
        posted.push(message);
        return { channel: message.channel, ts: `1700000000.00000${posted.length}` };
      },
      async update() {},
    },
  };
}

function fakePublisher() {
  const published: DigestDelivery[] = [];
  return { published, publisher: { publish: async (d: DigestDelivery) => void published.push(d) } };
}

/** What a conditional-write store would do, kept in memory. */
function memoryLog(): DigestDeliveryLog & {
  records: Map<string, DigestDeliveryProgress & { claimedAt: number }>;
} {
  const records = new Map<string, DigestDeliveryProgress & { claimedAt: number }>();
  return {
    records,
    async claim(week, now, leaseMs) {
      const found = records.get(week);
      if (found && (found.completedAt !== undefined || now - found.claimedAt < leaseMs)) return undefined;
      const progress = found ?? { week, repliesPosted: 0, emailed: false, claimedAt: now };
      progress.claimedAt = now;
      records.set(week, progress);
      return { ...progress };
    },
    async save(progress) {
      const found = records.get(progress.week);
      records.set(progress.week, { ...progress, claimedAt: found?.claimedAt ?? 0 });
    },
    async release(week) {
      const found = records.get(week);
      if (found && found.completedAt === undefined) found.claimedAt = 0;
    },
  };
}

describe('delivering the digest', () => {
  it('posts the summary to the digest channel, the details in its thread, and the email to the topic', async () => {
    expect(digest.messages.length).toBeGreaterThanOrEqual(3);
    const slack = fakeSlack();
    const email = fakePublisher();
    const report = await deliverDigest(
      { poster: slack.poster, publisher: email.publisher, clock: fixedClock(ny('2026-11-16T08:00')) },
      digest,
      config,
    );
    expect(slack.posted.map((m) => [m.channel, m.threadTs])).toEqual([
      ['C0EXECUTIVES', undefined],
      ...digest.messages.slice(1).map(() => ['C0EXECUTIVES', '1700000000.000001']),
    ]);
    expect(slack.posted.map((m) => m.text)).toEqual(digest.messages.map((m) => m.text));
    expect(email.published).toEqual([
      {
        week: '2026-W46',
        subject: 'SLA digest 2026-W46: 0 breached, 0 at risk, 60 met or on track of 60',
        text: digest.text,
      },
    ]);
    expect(report).toEqual({
      week: '2026-W46',
      outcome: 'delivered',
      slack: { channel: 'C0EXECUTIVES', ts: '1700000000.000001', replies: digest.messages.length - 1 },
      emailed: true,
    });
  });

  it('sends the email even when the digest department has no Slack channel', async () => {
    const email = fakePublisher();
    const slack = fakeSlack();
    const noChannel = {
      ...config,
      departments: { ...departments, executives: { ...departments.executives, slack: { members: [] } } },
    };
    const report = await deliverDigest(
      { poster: slack.poster, publisher: email.publisher, clock: fixedClock(0) },
      digest,
      noChannel,
    );
    expect(slack.posted).toEqual([]);
    expect(email.published).toHaveLength(1);
    expect(report.slack).toEqual({ skipped: "department 'executives' has no Slack channel" });
  });

  it('with a delivery log, a retry resumes where Slack failed and a second run sends nothing', async () => {
    const log = memoryLog();
    const email = fakePublisher();
    const failing = fakeSlack(3); // the second reply fails
    const at = ny('2026-11-16T08:00');
    await expect(
      deliverDigest(
        { poster: failing.poster, publisher: email.publisher, clock: fixedClock(at), deliveries: log },
        digest,
        config,
      ),
    ).rejects.toThrow('Slack is down');
    expect(failing.posted).toHaveLength(2);
    // Slack being down does not hold back the email.
    expect(email.published).toHaveLength(1);

    // Another run holding the week (its lease not over) makes a concurrent run back off.
    const holder = await log.claim(digest.week, at + 30_000, 10 * 60_000);
    const early = fakeSlack();
    const busy = await deliverDigest(
      { poster: early.poster, publisher: email.publisher, clock: fixedClock(at + 60_000), deliveries: log },
      digest,
      config,
    );
    expect(busy.outcome).toBe('already_delivered');
    expect(early.posted).toHaveLength(0);
    if (holder) await log.release(digest.week);

    // The failed run let go of the week: the scheduler's retry a minute later posts only what is
    // missing, into the same thread.
    const retry = fakeSlack();
    const report = await deliverDigest(
      {
        poster: retry.poster,
        publisher: email.publisher,
        clock: fixedClock(at + 2 * 60_000),
        deliveries: log,
      },
      digest,
      config,
    );
    expect(report.outcome).toBe('delivered');
    expect(retry.posted.map((m) => m.threadTs)).toEqual(
      digest.messages.slice(2).map(() => '1700000000.000001'),
    );
    expect(retry.posted.map((m) => m.text)).toEqual(digest.messages.slice(2).map((m) => m.text));
    expect(email.published).toHaveLength(1);

    const again = fakeSlack();
    const done = await deliverDigest(
      {
        poster: again.poster,
        publisher: email.publisher,
        clock: fixedClock(at + 60 * 60_000),
        deliveries: log,
      },
      digest,
      config,
    );
    expect(done.outcome).toBe('already_delivered');
    expect(again.posted).toHaveLength(0);
    expect(email.published).toHaveLength(1);
  });
});

describe('the SNS digest publisher', () => {
  const sns = mockClient(SNSClient);
  beforeEach(() => sns.reset());

  it('publishes the plain-text body with kind=digest and a subject SNS accepts', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const publisher = createSnsDigestPublisher(
      new SNSClient({}),
      'arn:aws:sns:us-east-1:123456789012:digests',
    );
    await publisher.publish({
      week: '2026-W46',
      subject: `SLA digest 2026-W46 for Ventes Québec\n${'and a very long tail '.repeat(8)}`,
      text: digest.text,
    });
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.TopicArn).toBe('arn:aws:sns:us-east-1:123456789012:digests');
    expect(input?.Message).toBe(digest.text);
    expect(input?.MessageAttributes?.kind).toEqual({ DataType: 'String', StringValue: 'digest' });
    expect(input?.MessageAttributes?.week).toEqual({ DataType: 'String', StringValue: '2026-W46' });
    const subject = input?.Subject ?? '';
    expect(subject.length).toBeLessThanOrEqual(100);
    expect(subject).toMatch(/^SLA digest 2026-W46 for Ventes Quebec and a very long tail .*\.\.\.$/);
    expect(subject).toMatch(/^[\x20-\x7E]+$/);
  });
});
