import { describe, expect, it } from 'vitest';
import { decodePng, svgTexts } from '../support/chart-images.js';
import { EXAMPLE_CONFIG, useApp } from './app-context.js';

/** The example, agreed from 1 October: October is judged whole and closes in November. */
const AGREED_FROM_OCTOBER = EXAMPLE_CONFIG.replace(
  /(\n {2}- id: [a-z-]+[^\n]*\n)/g,
  '$1    effectiveFrom: 2026-10-01\n',
);
const app = await useApp('2026-10-01T09:00:00-04:00', AGREED_FROM_OCTOBER);
const LEADS = '/v1/commitments/marketing-qualified-leads';
const FOLLOW_UP = '/v1/commitments/sales-lead-follow-up';

let eventId = 0;
/** Records `count` leads at a New York local time, then runs the evaluator then (a snapshot a day). */
async function leadsAt(local: string, count: number) {
  // New York is on daylight time until 1 November.
  const at = `${local}:00${local < '2026-11-01' ? '-04:00' : '-05:00'}`;
  app.clock.set(at);
  const events = Array.from({ length: count }, () => ({ id: `e${++eventId}`, at }));
  const recorded = await app.call('POST', `${LEADS}/events`, { body: { events } });
  expect(recorded.status, JSON.stringify(recorded.body)).toBeLessThan(300);
  expect((await app.call('POST', '/v1/evaluations', { body: {} })).status).toBe(200);
}

const texts = (svg: string) => svgTexts(svg).map((t) => t.text);

describe('charts over the API', { timeout: 60_000 }, () => {
  it('draws the current period’s burn-up as SVG by default', async () => {
    await leadsAt('2026-10-05T10:00', 40);
    await leadsAt('2026-10-20T10:00', 40);
    await leadsAt('2026-11-03T10:00', 10);
    await leadsAt('2026-11-10T10:00', 20);
    const answer = await app.call('GET', `${LEADS}/chart.svg`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('image/svg+xml');
    expect(answer.isBase64Encoded).toBeUndefined();
    const shown = texts(answer.body);
    expect(shown).toEqual(
      expect.arrayContaining([
        'Actual',
        'Pace',
        'Target',
        'Projection',
        'leads',
        'target 100 leads',
        'Date (America/New_York)',
      ]),
    );
    expect(shown.some((t) => t.endsWith('burn-up of 2026-11'))).toBe(true);
  });

  it('draws a past period by its key, without now or a projection', async () => {
    const answer = await app.call('GET', `${LEADS}/chart.svg?period=2026-10`);
    expect(answer.status).toBe(200);
    const shown = texts(answer.body);
    expect(shown.some((t) => t.endsWith('burn-up of 2026-10'))).toBe(true);
    expect(shown).not.toContain('Projection');
    expect(shown.some((t) => t.startsWith('now ·'))).toBe(false);
  });

  it('draws the closed periods with the credit October owes', async () => {
    const answer = await app.call('GET', `${LEADS}/chart.svg?kind=history`);
    expect(answer.status).toBe(200);
    expect(texts(answer.body)).toEqual(expect.arrayContaining(['2026-10', '80%', '5 credits', 'Breached']));
  });

  it('sends PNG as base64 with its content type, at 800 × 420', async () => {
    const answer = await app.call('GET', `${LEADS}/chart.png?kind=history`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('image/png');
    expect(answer.isBase64Encoded).toBe(true);
    const png = decodePng(Buffer.from(answer.body, 'base64'));
    expect({ width: png.width, height: png.height }).toEqual({ width: 800, height: 420 });
  });

  it('draws the error budget of an objective', async () => {
    const empty = await app.call('GET', `${FOLLOW_UP}/chart.svg?kind=budget`);
    expect(texts(empty.body).some((t) => t.startsWith('Nothing judged yet in 2026-11'))).toBe(true);
    const at = '2026-11-10T11:00:00-05:00';
    const events = [
      { id: 'f1', at: '2026-11-10T09:00:00-05:00', subject: 'lead-1', phase: 'start' },
      { id: 'f2', at, subject: 'lead-1', phase: 'stop' },
    ];
    expect((await app.call('POST', `${FOLLOW_UP}/events`, { body: { events } })).status).toBeLessThan(300);
    const answer = await app.call('GET', `${FOLLOW_UP}/chart.svg?kind=budget`);
    expect(answer.status).toBe(200);
    expect(texts(answer.body)).toEqual(expect.arrayContaining(['Budget left', 'late items']));
  });

  it.each([
    ['kind=pie', 'kind', /kind' must be one of burnup, history, budget \(got 'pie'\)/],
    ['period=2026-W45', 'period', /period must be a month key like 2026-11/],
    ['period=', 'period', /period' must be a period key/],
    ['period=2027-01', 'period', /has not started yet/],
    ['kind=budget', 'kind', /budget applies only to objectives .* its charts are burnup and history/],
    ['size=3', 'size', /'size' is not known; use kind and period/],
  ])('refuses ?%s with a 400 naming %s', async (query, path, detail) => {
    const answer = await app.call('GET', `${LEADS}/chart.png?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.body.detail).toMatch(detail);
    expect(answer.body.errors).toEqual([expect.objectContaining({ path })]);
  });

  it('answers 404 for a commitment that does not exist', async () => {
    const answer = await app.call('GET', '/v1/commitments/nobody/chart.svg');
    expect(answer.status).toBe(404);
    expect(answer.body.detail).toContain("'nobody'");
  });
});
