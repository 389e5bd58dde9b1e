/**
 * The scheduled digest with the real overview renderer: the example configuration with a fortnight
 * of leads, then the digest function's run of Monday 16 November 2026, whose Slack summary gets the
 * drawn PNG in its thread through the real Slack client and a local Slack API.
 */
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/digest/handler.js';
import { createDynamoDigestDeliveryLog } from '../../shared/adapters/dynamodb/digest-delivery-log.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import { digestOverview } from '../../shared/app/digest-overview.js';
import { runEvaluation } from '../../shared/app/evaluator.js';
import { recordEvents } from '../../shared/app/record-events.js';
import type { DigestDelivery } from '../../shared/ports/slack-poster.js';
import {
  createSlackWebClient,
  createWebApiFileUploader,
  createWebApiPoster,
} from '../../shared/slack/web-api-poster.js';
import { decodePng } from '../support/chart-images.js';
import { useApp } from './app-context.js';
import { startFakeSlack } from './fake-slack.js';

const app = await useApp('2026-11-02T09:00:00-05:00');
const slack = await startFakeSlack();
const client = createSlackWebClient('xoxb-test-token', { slackApiUrl: slack.url });

describe('the scheduled digest with its overview image', () => {
  it('draws the overview and uploads the PNG into the thread of the summary in the digest channel', async () => {
    const leads = Array.from({ length: 12 }, (_, i) => ({
      id: `lead-${i}`,
      at: `2026-11-${String(3 + i).padStart(2, '0')}T11:00:00-05:00`,
    }));
    app.clock.set('2026-11-13T17:00:00-05:00');
    await recordEvents(app.deps, 'marketing-qualified-leads', leads);
    await runEvaluation({ ...app.deps, publisher: { publish: async () => {} } });
    app.clock.set('2026-11-16T08:00:00-05:00');

    const emails: DigestDelivery[] = [];
    const handler = makeHandler({
      ...app.deps,
      poster: createWebApiPoster(client),
      uploader: createWebApiFileUploader(client),
      image: digestOverview,
      publisher: { publish: async (d) => void emails.push(d) },
      deliveries: createDynamoDigestDeliveryLog(createDocumentClient(app.table.client), app.table.tableName),
      log: { info: () => {} },
    });
    const summary = await handler({});
    if ('skipped' in summary) throw new Error('the digest was not sent');
    expect(summary.week).toBe('2026-W46');
    expect(emails).toHaveLength(1);

    const method = (name: string) => slack.calls.filter((c) => c.method === name);
    const [asked] = method('files.getUploadURLExternal');
    const [upload] = method('upload');
    const [completed] = method('files.completeUploadExternal');
    expect(method('upload')).toHaveLength(1);
    const png = decodePng(upload?.bytes ?? new Uint8Array());
    expect(png.width).toBe(720);
    // A bar for each commitment of the digest, so the image grows with them.
    expect(png.height).toBeGreaterThan(100);
    expect(png.dataBytes).toBe(png.height * png.bytesPerRow);
    expect(Number(asked?.params.length)).toBe(upload?.bytes?.length);
    expect(asked?.params).toMatchObject({ filename: 'sla-digest-2026-W46.png' });
    expect(asked?.params.alt_text).toMatch(
      new RegExp(
        `^Bar chart of attainment in week 2026-W46 .* each of the ${summary.headline.total} commitments\\.`,
      ),
    );

    const slackReport = summary.delivery.slack;
    const ts = slackReport && 'ts' in slackReport ? slackReport.ts : undefined;
    expect(ts).toBeDefined();
    expect(completed?.params).toMatchObject({ channel_id: 'C0EXEC', thread_ts: ts });
    expect(JSON.parse(completed?.params.files ?? '[]')).toEqual([
      { id: upload?.params.fileId, title: 'SLA overview, week 2026-W46' },
    ]);
    expect(summary.delivery.chart).toEqual({ fileId: upload?.params.fileId });
  });
});
