/**
 * `npm run docs:charts`: replays the demo's November (`npm run demo`) and saves the charts the
 * README shows, as the API draws them: the leads' burn-up on November 18, the digest's overview
 * that day, and once November has closed, the leads' history and the follow-up's error budget.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runDemo } from '../local/demo.js';
import { digestOverviewImage } from '../shared/app/charts.js';
import type { Evaluation } from '../shared/domain/evaluate.js';

export const IMAGES_DIR = resolve(import.meta.dirname, '../docs/images');

const LEADS = 'marketing-qualified-leads';
const FOLLOW_UP = 'sales-lead-follow-up';
/** The day the README's burn-up is drawn: the demo's at-risk week, with an excused window behind it. */
const DRAWN_ON = 18;

async function saveChart(url: string, id: string, query: string, file: string): Promise<void> {
  const format = file.endsWith('.png') ? 'png' : 'svg';
  const response = await fetch(`${url}/v1/commitments/${id}/chart.${format}?${query}`);
  if (!response.ok) throw new Error(`chart ${id}?${query}: ${response.status} ${await response.text()}`);
  writeFileSync(join(IMAGES_DIR, file), Buffer.from(await response.arrayBuffer()));
  console.log(`wrote docs/images/${file}`);
}

/** The overview image the digest posts, from the statuses the API shows. */
async function saveOverview(url: string, week: string, file: string): Promise<void> {
  const response = await fetch(`${url}/v1/status`);
  const { statuses } = (await response.json()) as {
    statuses: Array<Evaluation & { id: string; title: string }>;
  };
  const commitments = statuses.map((s) => ({ definition: { id: s.id, title: s.title }, evaluation: s }));
  const image = await digestOverviewImage({ week, commitments }, 'png');
  writeFileSync(join(IMAGES_DIR, file), image.body);
  console.log(`wrote docs/images/${file}`);
}

if (process.argv[1] === import.meta.filename) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  mkdirSync(IMAGES_DIR, { recursive: true });
  await runDemo(() => undefined, {
    onDayEnd: async (day, { url }) => {
      if (day !== DRAWN_ON) return;
      await saveChart(url, LEADS, 'kind=burnup', 'burnup.png');
      await saveChart(url, LEADS, 'kind=burnup', 'burnup.svg');
      await saveOverview(url, '2026-W47', 'digest-overview.png');
    },
    atEnd: async (url) => {
      await saveChart(url, LEADS, 'kind=history', 'history.png');
      await saveChart(url, FOLLOW_UP, 'kind=budget&period=2026-11', 'budget.png');
    },
  });
}
