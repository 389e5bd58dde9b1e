import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSnsDigestPublisher } from '../../../shared/adapters/sns/digest-publisher.js';
import { type DigestImage, MAX_DIGEST_CHART_BYTES } from '../../../shared/app/digest-chart-delivery.js';
import {
  type DigestDeliveryLog,
  type DigestDeliveryProgress,
  deliverDigest,
} from '../../../shared/app/digest-delivery.js';
import type { Digest } from '../../../shared/app/digest-rendering.js';
import { fixedClock } from '../../../shared/domain/model.js';
import type { DigestDelivery, SlackFile, SlackMessage } from '../../../shared/ports/slack-poster.js';
import { digestDepartments, ny, threadedDigest } from './digest-fixtures.js';
import { tinyPng } from './tiny-png.js';

const departments = digestDepartments;
const config = {
  digest: { weekday: 1 as const, minute: 480, schedule: 'mon 08:00', to: 'executives' },
  departments,
};

// Enough commitments with long titles for the details to need three replies.
const digest: Digest = threadedDigest();

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

/** Uploads recorded in order with the posts, so a test sees where in the thread the image landed. */
function fakeUploads(slack: ReturnType<typeof fakeSlack>, failing = false) {
  const uploaded: SlackFile[] = [];
  return {
    uploaded,
    uploader: {
      async upload(file: SlackFile) {
        if (failing) throw new Error('files.completeUploadExternal failed: internal_error');
        uploaded.push(file);
        slack.posted.push({ channel: file.channel, text: `[file] ${file.title}`, threadTs: file.threadTs });
        return { fileId: `F0CHART${uploaded.length}` };
      },
    },
  };
}

describe("the digest's overview image", () => {
  const png = tinyPng(4, 3);
  const rendered: string[] = [];
  const image: DigestImage = async (d) => {
    rendered.push(d.week);
    return { png, title: `SLA overview ${d.week}`, altText: 'Bar chart: 60 commitments on track.' };
  };
  const at = ny('2026-11-16T08:00');

  it('goes into the summary thread, before the details, with its title, alt text and kind', async () => {
    const slack = fakeSlack();
    const files = fakeUploads(slack);
    const report = await deliverDigest(
      { ...fakePublisher(), poster: slack.poster, uploader: files.uploader, image, clock: fixedClock(at) },
      digest,
      config,
    );
    expect(files.uploaded).toEqual([
      {
        channel: 'C0EXECUTIVES',
        threadTs: '1700000000.000001',
        filename: 'sla-digest-2026-W46.png',
        title: 'SLA overview 2026-W46',
        altText: 'Bar chart: 60 commitments on track.',
        bytes: png,
        meta: { kind: 'digest_chart', period: '2026-W46' },
      },
    ]);
    expect(slack.posted.map((m) => m.text)).toEqual([
      digest.messages[0]?.text,
      '[file] SLA overview 2026-W46',
      ...digest.messages.slice(1).map((m) => m.text),
    ]);
    expect(report.chart).toEqual({ fileId: 'F0CHART1' });
  });

  it('a failed upload leaves the text digest whole, fails the run, and the retry uploads only the image, once', async () => {
    const log = memoryLog();
    const email = fakePublisher();
    const first = fakeSlack();
    const broken = fakeUploads(first, true);
    const deps = { publisher: email.publisher, image, deliveries: log };
    await expect(
      deliverDigest(
        { ...deps, poster: first.poster, uploader: broken.uploader, clock: fixedClock(at) },
        digest,
        config,
      ),
    ).rejects.toThrow('files.completeUploadExternal failed');
    expect(first.posted.map((m) => m.text)).toEqual(digest.messages.map((m) => m.text));
    expect(email.published).toHaveLength(1);

    const retry = fakeSlack();
    const files = fakeUploads(retry);
    rendered.length = 0;
    const report = await deliverDigest(
      { ...deps, poster: retry.poster, uploader: files.uploader, clock: fixedClock(at + 120_000) },
      digest,
      config,
    );
    expect(report).toMatchObject({ outcome: 'delivered', chart: { fileId: 'F0CHART1' } });
    expect(retry.posted).toEqual([
      { channel: 'C0EXECUTIVES', text: '[file] SLA overview 2026-W46', threadTs: '1700000000.000001' },
    ]);
    expect(email.published).toHaveLength(1);
    expect(log.records.get('2026-W46')?.chartFileId).toBe('F0CHART1');

    // A run that resumes after the image went up (a reply failed) neither draws nor uploads it again.
    const record = log.records.get('2026-W46');
    if (record) {
      record.completedAt = undefined;
      record.repliesPosted = 1;
      record.claimedAt = 0;
    }
    rendered.length = 0;
    const resumed = fakeSlack();
    const again = fakeUploads(resumed);
    const third = await deliverDigest(
      { ...deps, poster: resumed.poster, uploader: again.uploader, clock: fixedClock(at + 240_000) },
      digest,
      config,
    );
    expect(third.chart).toEqual({ fileId: 'F0CHART1' });
    expect(again.uploaded).toEqual([]);
    expect(rendered).toEqual([]);
    expect(resumed.posted.map((m) => m.text)).toEqual(digest.messages.slice(2).map((m) => m.text));
  });

  it('leaves out an image too large or not a PNG, says why, and still delivers', async () => {
    const oversized = new Uint8Array(MAX_DIGEST_CHART_BYTES + 1);
    oversized.set(png.subarray(0, 8));
    for (const [bytes, why] of [
      [
        oversized,
        `the overview PNG is ${MAX_DIGEST_CHART_BYTES + 1} bytes, over the limit of ${MAX_DIGEST_CHART_BYTES}`,
      ],
      [new TextEncoder().encode('<svg/>'), 'the overview image is not a PNG'],
    ] as const) {
      const slack = fakeSlack();
      const files = fakeUploads(slack);
      const report = await deliverDigest(
        {
          ...fakePublisher(),
          poster: slack.poster,
          uploader: files.uploader,
          image: async () => ({ png: bytes, title: 't', altText: 'a' }),
          clock: fixedClock(at),
        },
        digest,
        config,
      );
      expect(report).toMatchObject({ outcome: 'delivered', emailed: true, chart: { skipped: why } });
      expect(files.uploaded).toEqual([]);
      expect(slack.posted).toHaveLength(digest.messages.length);
    }
  });

  it('a failed rendering is a failed image: the text goes out and the run fails for a retry', async () => {
    const slack = fakeSlack();
    const files = fakeUploads(slack);
    const email = fakePublisher();
    await expect(
      deliverDigest(
        {
          ...email,
          poster: slack.poster,
          uploader: files.uploader,
          image: async () => {
            throw new Error('font not found');
          },
          clock: fixedClock(at),
        },
        digest,
        config,
      ),
    ).rejects.toThrow('font not found');
    expect(slack.posted).toHaveLength(digest.messages.length);
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
