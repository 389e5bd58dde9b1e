/**
 * The digest's overview image for Slack: a bar per commitment, drawn from the lines the digest
 * already holds. The chart code loads on the first drawing, so a function that only imports this
 * starts as light as before.
 */
import type { DigestCommitment } from '../domain/digest/digest-types.js';
import { STATUS_ORDER } from '../domain/digest/risks.js';
import type { DigestChart, DigestImage } from './digest-chart-delivery.js';
import type { Digest } from './digest-rendering.js';

/**
 * The most bars one image shows (about 1,100 pixels tall). Each bar adds height, and with it the
 * renderer's memory and the PNG's bytes; past this many, the image shows those most at risk.
 */
export const MAX_OVERVIEW_ROWS = 30;

/** The commitments the image shows: every one, or the worst first when there are too many. */
export function overviewLines(digest: Digest): { shown: DigestCommitment[]; total: number } {
  const lines = digest.providers.flatMap((p) => p.commitments);
  if (lines.length <= MAX_OVERVIEW_ROWS) return { shown: lines, total: lines.length };
  const worstFirst = [...lines].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  return { shown: worstFirst.slice(0, MAX_OVERVIEW_ROWS), total: lines.length };
}

const titleOf = (week: string, shown: number, total: number) =>
  shown < total
    ? `SLA overview, week ${week}: the ${shown} of ${total} commitments most at risk`
    : `SLA overview, week ${week}`;

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
  const { shown, total } = overviewLines(digest);
  const bars =
    shown.length < total
      ? `the ${shown.length} of ${total} commitments most at risk`
      : `the ${total} commitment${total === 1 ? '' : 's'}`;
  return `Bar chart of attainment in week ${digest.week} against the pace expected by now, a bar for each of ${bars}. ${counts}.${trouble}`;
}

/** Draws the overview as PNG; undefined for a digest without commitments. */
export const digestOverview: DigestImage = async (digest): Promise<DigestChart | undefined> => {
  const { shown, total } = overviewLines(digest);
  if (shown.length === 0) return undefined;
  const commitments = shown.map((c) => ({
    definition: { id: c.id, title: c.title },
    evaluation: { status: c.status, attainment: c.attainment, expected: c.expected, target: c.target },
  }));
  const { digestOverviewImage } = await import('./charts.js');
  const rendered = await digestOverviewImage({ week: digest.week, commitments }, 'png');
  if (typeof rendered.body === 'string')
    throw new TypeError('the overview renderer returned SVG text for PNG');
  return {
    png: rendered.body,
    title: titleOf(digest.week, shown.length, total),
    altText: overviewAltText(digest),
  };
};
