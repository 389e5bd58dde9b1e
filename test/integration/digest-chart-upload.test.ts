/**
 * The digest's overview image through the real Slack client against a local Slack API, with the
 * delivery log in DynamoDB Local: the external upload flow step by step, and a failed upload that
 * the next run retries without posting the text again.
 */
import { describe, expect, it } from 'vitest';
import { countingPoster, countingUploader } from '../../functions/wiring.js';
import { createDynamoDigestDeliveryLog } from '../../shared/adapters/dynamodb/digest-delivery-log.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import { createInMemoryMetrics } from '../../shared/adapters/metrics/in-memory-metrics.js';
import type { DigestImage } from '../../shared/app/digest-chart-delivery.js';
import { deliverDigest } from '../../shared/app/digest-delivery.js';
import { fixedClock } from '../../shared/domain/model.js';
import type { DigestDelivery } from '../../shared/ports/slack-poster.js';
import {
  createSlackWebClient,
  createWebApiFileUploader,
  createWebApiPoster,
} from '../../shared/slack/web-api-poster.js';
import { digestDepartments, ny, threadedDigest } from '../unit/digest/digest-fixtures.js';
import { tinyPng } from '../unit/digest/tiny-png.js';
import { useTestTable } from './dynamodb-context.js';
import { startFakeSlack } from './fake-slack.js';

const TOKEN = 'xoxb-test-token';
const table = await useTestTable();
const deliveries = createDynamoDigestDeliveryLog(createDocumentClient(table.client), table.tableName);
const slack = await startFakeSlack();
const client = createSlackWebClient(TOKEN, { slackApiUrl: slack.url });
const metrics = createInMemoryMetrics();
const poster = countingPoster(createWebApiPoster(client), metrics);
const uploader = countingUploader(createWebApiFileUploader(client), metrics);

const departments = digestDepartments;
const config = {
  digest: { weekday: 1 as const, minute: 480, schedule: 'mon 08:00', to: 'executives' },
  departments,
};
const at = ny('2026-11-16T08:00');

const png = tinyPng(6, 4);
const image: DigestImage = async (d) => ({
  png,
  title: `SLA overview ${d.week}`,
  altText: '60 commitments, all on track.',
});
const published: DigestDelivery[] = [];
const publisher = { publish: async (d: DigestDelivery) => void published.push(d) };
const deps = { poster, uploader, image, publisher, deliveries };

const callsFrom = (start: number) => slack.calls.slice(start);

describe("the digest's overview image, through the real Slack client", () => {
  it('asks for an upload URL, posts the bytes there, and completes the upload in the summary thread', async () => {
    const digest = threadedDigest('2026-W46');
    const start = slack.calls.length;
    const report = await deliverDigest({ ...deps, clock: fixedClock(at) }, digest, config);

    const calls = callsFrom(start);
    expect(calls.map((c) => c.method)).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
      ...digest.messages.slice(1).map(() => 'chat.postMessage'),
    ]);
    const [summary, asked, uploaded, completed] = calls;
    const summaryTs = report.slack && 'ts' in report.slack ? report.slack.ts : '';
    expect(summary?.params).toMatchObject({ channel: 'C0EXECUTIVES' });
    expect(asked?.params).toMatchObject({
      filename: 'sla-digest-2026-W46.png',
      length: String(png.byteLength),
      alt_text: '60 commitments, all on track.',
    });
    expect(asked?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(uploaded?.bytes?.equals(Buffer.from(png))).toBe(true);
    const fileId = uploaded?.params.fileId;
    expect(completed?.params).toMatchObject({ channel_id: 'C0EXECUTIVES', thread_ts: summaryTs });
    expect(JSON.parse(completed?.params.files ?? '[]')).toEqual([
      { id: fileId, title: 'SLA overview 2026-W46' },
    ]);
    expect(report.chart).toEqual({ fileId });
    expect(summaryTs).not.toBe('');
  });

  it('a failed upload leaves the text whole and fails the run; the retry uploads only the image, once', async () => {
    const digest = threadedDigest('2026-W47');
    const start = slack.calls.length;
    const failuresBefore = metrics.total('SlackFailures');
    const emailsBefore = published.length;
    // The summary and the URL go through; the upload URL answers 500 to the client's three tries.
    slack.script.push('default', 'default', { status: 500 }, { status: 500 }, { status: 500 });
    await expect(deliverDigest({ ...deps, clock: fixedClock(at) }, digest, config)).rejects.toThrow();

    const failed = callsFrom(start);
    expect(failed.filter((c) => c.method === 'upload')).toHaveLength(3);
    expect(failed.some((c) => c.method === 'files.completeUploadExternal')).toBe(false);
    // The text digest went out whole, by Slack and by email, and the failure was counted.
    expect(failed.filter((c) => c.method === 'chat.postMessage')).toHaveLength(digest.messages.length);
    expect(published.length).toBe(emailsBefore + 1);
    expect(metrics.total('SlackFailures')).toBe(failuresBefore + 1);
    const summaryTs = failed.find((c) => c.method === 'chat.postMessage' && c.params.thread_ts)?.params
      .thread_ts;
    expect(summaryTs).toBeDefined();

    const retryStart = slack.calls.length;
    const report = await deliverDigest({ ...deps, clock: fixedClock(at + 5 * 60_000) }, digest, config);
    const retried = callsFrom(retryStart);
    expect(retried.map((c) => c.method)).toEqual([
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    expect(retried[2]?.params).toMatchObject({ channel_id: 'C0EXECUTIVES', thread_ts: summaryTs });
    expect(report).toMatchObject({ outcome: 'delivered', chart: { fileId: retried[1]?.params.fileId } });
    expect(published.length).toBe(emailsBefore + 1);

    const laterStart = slack.calls.length;
    const later = await deliverDigest({ ...deps, clock: fixedClock(at + 60 * 60_000) }, digest, config);
    expect(later.outcome).toBe('already_delivered');
    expect(callsFrom(laterStart)).toEqual([]);
  });
});
