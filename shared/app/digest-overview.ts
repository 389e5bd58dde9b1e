/**
 * The digest's overview image for Slack: a bar per commitment, drawn from the lines the digest
 * already holds. The chart code loads on the first drawing, so a function that only imports this
 * starts as light as before.
 */
import type { DigestChart, DigestImage } from './digest-chart-delivery.js';
import type { Digest } from './digest-rendering.js';

/** Slack reads alt text aloud in full; a short summary serves better than a list of every bar. */
const MAX_NAMED = 3;

/** What a screen reader says in place of the bars: the counts, and the commitments in trouble. */
export function overviewAltText(digest: Digest): string {
  const h = digest.headline;
  const counts = [
    `${h.breached} breached`,
    `${h.at_risk} at risk`,
    `${h.met + h.on_track} met or on track`,
    ...(h.no_data > 0 ? [`${h.no_data} without data`] : []),
  ].join(', ');
  const lines = digest.providers.flatMap((p) => p.commitments);
  const troubled = lines.filter((c) => c.status === 'breached' || c.status === 'at_risk');
  const named = troubled.slice(0, MAX_NAMED).map((c) => `${c.title} (${c.status.replace('_', ' ')})`);
  const more = troubled.length > MAX_NAMED ? ` and ${troubled.length - MAX_NAMED} more` : '';
  const trouble = named.length > 0 ? ` In trouble: ${named.join('; ')}${more}.` : '';
  return `Bar chart of ${h.total} commitments' attainment in week ${digest.week} against the pace expected by now: ${counts}.${trouble}`;
}

/** Draws the overview as PNG; undefined for a digest without commitments. */
export const digestOverview: DigestImage = async (digest): Promise<DigestChart | undefined> => {
  const commitments = digest.providers.flatMap((p) =>
    p.commitments.map((c) => ({
      definition: { id: c.id, title: c.title },
      evaluation: { status: c.status, attainment: c.attainment, expected: c.expected, target: c.target },
    })),
  );
  if (commitments.length === 0) return undefined;
  const { digestOverviewImage } = await import('./charts.js');
  const rendered = await digestOverviewImage({ week: digest.week, commitments }, 'png');
  if (typeof rendered.body === 'string')
    throw new TypeError('the overview renderer returned SVG text for PNG');
  return { png: rendered.body, title: `SLA overview, week ${digest.week}`, altText: overviewAltText(digest) };
};
