/**
 * The digest's overview image, a step of its delivery: uploaded into the thread of the Slack
 * summary once that is posted. The delivery log remembers the uploaded file, so a retried run
 * uploads only an image that did not make it, and never a second copy.
 */
import type { SlackFileUploader } from '../ports/slack-poster.js';
import type { Digest } from './digest-rendering.js';

/** An image of the week, rendered for the digest's Slack summary. */
export interface DigestChart {
  png: Uint8Array;
  title: string;
  /** What a screen reader says in place of the image. */
  altText: string;
}

/** Renders the week's overview; undefined when there is nothing worth drawing. */
export type DigestImage = (digest: Digest) => Promise<DigestChart | undefined>;

export interface DigestChartDeps {
  uploader?: SlackFileUploader;
  image?: DigestImage;
}

/** What became of the image: uploaded (the file's id), or left out and why. */
export type DigestChartOutcome = { fileId: string } | { skipped: string };

/**
 * Slack takes far larger files, but an overview past this is a rendering gone wrong, and a large
 * upload would eat the short run the digest has.
 */
export const MAX_DIGEST_CHART_BYTES = 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Why these bytes will not be uploaded, or undefined when they may be. */
export function unfitChart(png: Uint8Array): string | undefined {
  if (png.byteLength > MAX_DIGEST_CHART_BYTES) {
    return `the overview PNG is ${png.byteLength} bytes, over the limit of ${MAX_DIGEST_CHART_BYTES}`;
  }
  if (!PNG_SIGNATURE.every((byte, i) => png[i] === byte)) return 'the overview image is not a PNG';
  return undefined;
}

export interface ChartThread {
  week: string;
  channel: string;
  threadTs: string;
  /** The file already uploaded by an earlier run. */
  fileId?: string;
}

/**
 * Uploads the overview into the summary's thread, unless an earlier run did. Undefined when no
 * image is configured; a failure (rendering or upload) is thrown for the caller to report and retry,
 * while an image unfit to send is left out, since another try would draw the same.
 */
export async function postDigestChart(
  deps: DigestChartDeps,
  digest: Digest,
  thread: ChartThread,
  uploaded: (fileId: string) => Promise<void>,
): Promise<DigestChartOutcome | undefined> {
  if (!deps.image || !deps.uploader) return undefined;
  if (thread.fileId) return { fileId: thread.fileId };
  const chart = await deps.image(digest);
  if (!chart) return { skipped: 'no overview for this week' };
  const unfit = unfitChart(chart.png);
  if (unfit) return { skipped: unfit };
  const { fileId } = await deps.uploader.upload({
    channel: thread.channel,
    threadTs: thread.threadTs,
    filename: `sla-digest-${digest.week}.png`,
    title: chart.title,
    altText: chart.altText,
    bytes: chart.png,
    meta: { kind: 'digest_chart', period: digest.week },
  });
  await uploaded(fileId);
  return { fileId };
}
