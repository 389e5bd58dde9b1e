/**
 * Delivering the weekly digest: the summary to the digest department's Slack channel with its
 * overview image and the details in its thread, and the plain-text body to the digests topic for
 * email. With a delivery
 * log, a retried run resumes where the last one stopped instead of posting twice.
 */

import type { Clock, Department, DigestSettings, Instant } from '../domain/model.js';
import type { DigestPublisher, SlackPoster } from '../ports/slack-poster.js';
import type { DigestMessage } from '../slack/digest-blocks.js';
import { type DigestChartDeps, type DigestChartOutcome, postDigestChart } from './digest-chart-delivery.js';
import type { Digest } from './digest-rendering.js';

/**
 * How far a week's delivery got, so that a retried run resumes instead of posting twice. It has a
 * store of its own, since no other item is keyed by week; `deliverDigest` works without one, at
 * least once.
 */
export interface DigestDeliveryProgress {
  week: string;
  channel?: string;
  summaryTs?: string;
  /** How many of the messages after the summary are already in its thread. */
  repliesPosted: number;
  /** The overview image's Slack file, once uploaded into the thread. */
  chartFileId?: string;
  emailed: boolean;
  completedAt?: Instant;
}

export interface DigestDeliveryLog {
  /** Starts or resumes a week's delivery; undefined when it is complete or another run holds a claim younger than `leaseMs`. */
  claim(week: string, now: Instant, leaseMs: number): Promise<DigestDeliveryProgress | undefined>;
  save(progress: DigestDeliveryProgress): Promise<void>;
  /** Gives a failed run's claim back (keeping its progress), so the scheduler's retry resumes at once. */
  release(week: string): Promise<void>;
}

export interface DigestDeliveryDeps extends DigestChartDeps {
  poster: SlackPoster;
  publisher: DigestPublisher;
  clock: Clock;
  deliveries?: DigestDeliveryLog;
}

export interface DigestDeliveryConfig {
  digest: DigestSettings;
  departments: Record<string, Department>;
}

export interface DigestDeliveryReport {
  week: string;
  outcome: 'delivered' | 'already_delivered';
  slack?: { channel: string; ts: string; replies: number } | { skipped: string };
  /** Only when the delivery draws an image. */
  chart?: DigestChartOutcome;
  emailed: boolean;
}

/** A delivery older than this that never finished may be taken over by a retry. */
const DELIVERY_LEASE_MS = 10 * 60_000;

/** `SLA digest 2026-W46: 1 breached, 2 at risk, 5 met or on track of 9` (the publisher fits it to SNS). */
export function digestSubject(digest: Pick<Digest, 'week' | 'headline'>): string {
  const h = digest.headline;
  return `SLA digest ${digest.week}: ${h.breached} breached, ${h.at_risk} at risk, ${h.met + h.on_track} met or on track of ${h.total}`;
}

/**
 * Posts the summary to the digest department's channel, its overview image and the rest in its
 * thread, and publishes the email. One part failing does not hold back the others (a failed image
 * leaves the text whole); the failure is thrown afterwards so that the schedule retries, and with a
 * delivery log the retry sends only what is missing.
 */
export async function deliverDigest(
  deps: DigestDeliveryDeps,
  digest: Digest,
  config: DigestDeliveryConfig,
): Promise<DigestDeliveryReport> {
  const now = deps.clock.now();
  const progress = deps.deliveries
    ? await deps.deliveries.claim(digest.week, now, DELIVERY_LEASE_MS)
    : { week: digest.week, repliesPosted: 0, emailed: false };
  if (!progress) return { week: digest.week, outcome: 'already_delivered', emailed: false };
  const save = async () => deps.deliveries?.save(progress);
  const report: DigestDeliveryReport = { week: digest.week, outcome: 'delivered', emailed: false };

  let slackFailure: unknown;
  const channel = config.departments[config.digest.to]?.slack.channel;
  if (!channel) {
    report.slack = { skipped: `department '${config.digest.to}' has no Slack channel` };
  } else {
    try {
      await postSummary(deps.poster, digest, channel, progress, save);
      slackFailure = await postChart(deps, digest, progress, save, report);
      report.slack = await postReplies(deps.poster, digest, channel, progress, save);
    } catch (error) {
      slackFailure = error;
    }
  }
  if (!progress.emailed) {
    try {
      await deps.publisher.publish({ week: digest.week, subject: digestSubject(digest), text: digest.text });
    } catch (error) {
      throw await released(deps, digest.week, error);
    }
    progress.emailed = true;
    await save();
  }
  report.emailed = true;
  if (slackFailure !== undefined) throw await released(deps, digest.week, slackFailure);
  progress.completedAt = now;
  await save();
  return report;
}

/** A failed run lets go of the week before it fails, or the retry would find it held and skip it. */
async function released(deps: DigestDeliveryDeps, week: string, failure: unknown): Promise<unknown> {
  await deps.deliveries?.release(week).catch(() => undefined);
  return failure;
}

// Every part of the digest, thread included, is the digest (not an ordinary message) in logs and the outbox.
const digestMeta = (digest: Digest) => ({ kind: 'digest', period: digest.week });

async function postSummary(
  poster: SlackPoster,
  digest: Digest,
  channel: string,
  progress: DigestDeliveryProgress,
  save: () => Promise<void>,
): Promise<void> {
  const first = digest.messages[0];
  if (progress.summaryTs || !first) return;
  const posted = await poster.post({
    channel,
    text: first.text,
    blocks: first.blocks,
    meta: digestMeta(digest),
  });
  progress.channel = posted.channel;
  progress.summaryTs = posted.ts;
  await save();
}

/** The image step; its failure is returned, so that the details still follow in the thread. */
async function postChart(
  deps: DigestChartDeps,
  digest: Digest,
  progress: DigestDeliveryProgress,
  save: () => Promise<void>,
  report: DigestDeliveryReport,
): Promise<unknown> {
  if (!progress.summaryTs || !progress.channel) return undefined;
  const thread = {
    week: digest.week,
    channel: progress.channel,
    threadTs: progress.summaryTs,
    ...(progress.chartFileId ? { fileId: progress.chartFileId } : {}),
  };
  try {
    const outcome = await postDigestChart(deps, digest, thread, async (fileId) => {
      progress.chartFileId = fileId;
      await save();
    });
    if (outcome) report.chart = outcome;
    return undefined;
  } catch (error) {
    return error;
  }
}

async function postReplies(
  poster: SlackPoster,
  digest: Digest,
  channel: string,
  progress: DigestDeliveryProgress,
  save: () => Promise<void>,
): Promise<{ channel: string; ts: string; replies: number }> {
  const replies = digest.messages.slice(1);
  const meta = digestMeta(digest);
  const threadTs = progress.summaryTs ?? '';
  const replyChannel = progress.channel ?? channel;
  for (let i = progress.repliesPosted; i < replies.length; i++) {
    const reply = replies[i] as DigestMessage;
    await poster.post({ channel: replyChannel, text: reply.text, blocks: reply.blocks, threadTs, meta });
    progress.repliesPosted = i + 1;
    await save();
  }
  return { channel: replyChannel, ts: threadTs, replies: replies.length };
}
