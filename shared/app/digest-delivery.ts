/**
 * Delivering the weekly digest: the summary to the digest department's Slack channel with the
 * details in its thread, and the plain-text body to the digests topic for email. With a delivery
 * log, a retried run resumes where the last one stopped instead of posting twice.
 */

import type { Clock, Department, DigestSettings, Instant } from '../domain/model.js';
import type { DigestPublisher, SlackPoster } from '../ports/slack-poster.js';
import type { DigestMessage } from '../slack/digest-blocks.js';
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

export interface DigestDeliveryDeps {
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
 * Posts the summary to the digest department's channel and the rest in its thread, and publishes
 * the email. One transport failing does not hold back the other; the failure is thrown afterwards
 * so that the schedule retries, and with a delivery log the retry sends only what is missing.
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
      report.slack = await postThread(deps.poster, digest, channel, progress, save);
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

async function postThread(
  poster: SlackPoster,
  digest: Digest,
  channel: string,
  progress: DigestDeliveryProgress,
  save: () => Promise<void>,
): Promise<{ channel: string; ts: string; replies: number }> {
  const [first, ...replies] = digest.messages;
  // Every part of the digest, thread included, is the digest (not an ordinary message) in logs and the outbox.
  const meta = { kind: 'digest', period: digest.week };
  if (!progress.summaryTs && first) {
    const posted = await poster.post({ channel, text: first.text, blocks: first.blocks, meta });
    progress.channel = posted.channel;
    progress.summaryTs = posted.ts;
    await save();
  }
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
