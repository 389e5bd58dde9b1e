import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createLocalSlack,
  createOutboxDigestPublisher,
  createOutboxSlackPoster,
} from '../../../local/local-transports.js';
import { createOutbox } from '../../../local/outbox.js';
import { deliverDigest } from '../../../shared/app/digest-delivery.js';
import { fixedClock } from '../../../shared/domain/model.js';
import { digestDepartments, ny, threadedDigest } from '../digest/digest-fixtures.js';
import { tinyPng } from '../digest/tiny-png.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-outbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const departments = digestDepartments;

// Enough long titles that the details need replies in the summary's thread.
const digest = threadedDigest();

const outboxLines = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the local outbox', () => {
  it('writes every part of a digest as kind "digest": the email, the Slack summary and its thread', async () => {
    const path = join(dir, 'outbox.jsonl');
    const outbox = createOutbox(path, () => undefined);
    const clock = fixedClock(ny('2026-11-16T08:00'));
    await deliverDigest(
      {
        poster: createOutboxSlackPoster({ outbox, clock }),
        publisher: createOutboxDigestPublisher({ outbox, clock }),
        clock,
      },
      digest,
      { digest: { weekday: 1, minute: 480, schedule: 'mon 08:00', to: 'executives' }, departments },
    );
    const lines = outboxLines(path);
    const slack = lines.filter((l) => l.transport === 'slack');
    expect(digest.messages.length).toBeGreaterThanOrEqual(3);
    expect(slack).toHaveLength(digest.messages.length);
    expect(slack.filter((l) => l.threadTs !== undefined)).toHaveLength(digest.messages.length - 1);
    expect(lines.filter((l) => l.transport === 'sns')).toHaveLength(1);
    for (const line of lines) {
      expect(line).toMatchObject({ kind: 'digest', period: '2026-W46' });
      expect(line).not.toHaveProperty('commitmentId');
    }
  });

  it('saves the digest\'s image in the data folder and notes it as kind "digest_chart" in the summary thread', async () => {
    const dataDir = join(dir, 'data');
    const path = join(dataDir, 'outbox.jsonl');
    const outbox = createOutbox(path, () => undefined);
    const clock = fixedClock(ny('2026-11-16T08:00'));
    const png = tinyPng(5, 5);
    const report = await deliverDigest(
      {
        ...createLocalSlack({ outbox, clock, dataDir }),
        publisher: createOutboxDigestPublisher({ outbox, clock }),
        image: async () => ({ png, title: 'SLA overview 2026-W46', altText: '60 commitments on track.' }),
        clock,
      },
      digest,
      { digest: { weekday: 1, minute: 480, schedule: 'mon 08:00', to: 'executives' }, departments },
    );
    const lines = outboxLines(path);
    const summary = lines[0];
    const charts = lines.filter((l) => l.kind === 'digest_chart');
    const saved = join(dataDir, 'charts', 'sla-digest-2026-W46.png');
    expect(charts).toEqual([
      {
        at: '2026-11-16T13:00:00Z',
        transport: 'slack',
        kind: 'digest_chart',
        period: '2026-W46',
        target: 'C0EXECUTIVES',
        text: 'SLA overview 2026-W46',
        threadTs: summary?.ts,
        fileId: expect.stringMatching(/^F\d+$/),
        file: saved,
        altText: '60 commitments on track.',
        bytes: png.byteLength,
      },
    ]);
    expect(report.chart).toEqual({ fileId: charts[0]?.fileId });
    expect(new Uint8Array(readFileSync(saved))).toEqual(png);
    // The image follows the summary; the details come after it in the same thread.
    expect(lines.map((l) => l.kind).slice(0, 3)).toEqual(['digest', 'digest_chart', 'digest']);
  });
});
