import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler, type WebDeps } from '../../functions/web/handler.js';
import { addExcusal } from '../../shared/app/excusals.js';
import type { WebAuth } from '../../shared/ports/web-auth.js';
import { testRequestContext } from '../support/api-gateway-event.js';
import { HOSTILE_ID, HOSTILE_REASON, hostileCommitment } from '../support/hostile-input.js';
import { useApp } from './app-context.js';
import { closeUpToNow } from './close-helper.js';

const app = await useApp('2026-11-01T00:30:00-04:00');
const LEADS = 'marketing-qualified-leads';

function event(method: string, pathAndQuery: string): APIGatewayProxyEventV2 {
  const url = new URL(pathAndQuery, 'http://localhost');
  const query = Object.fromEntries(url.searchParams);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers: {},
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: testRequestContext(method, url.pathname, app.clock.now()),
    isBase64Encoded: false,
  };
}

async function page(path: string, options: { method?: string; auth?: WebAuth } = {}) {
  const deps: WebDeps = {
    ...app.deps,
    log: { error: (message, error) => console.error(message, error) },
    ...(options.auth ? { auth: options.auth } : {}),
  };
  const result = await makeHandler(deps)(event(options.method ?? 'GET', path));
  return {
    status: result.statusCode ?? 200,
    headers: (result.headers ?? {}) as Record<string, string>,
    body: result.body ?? '',
  };
}

// November: 60 of 100 leads, a pending excusal with a hostile reason, a commitment with a hostile
// title; then December, with November closed (breached below 80%: 15 credits).
app.clock.set('2026-11-16T11:00:00-05:00');
await app.call('POST', `/v1/commitments/${LEADS}/events`, {
  body: { events: Array.from({ length: 60 }, (_, i) => ({ id: `lead-${i}` })) },
});
await app.call('PUT', `/v1/commitments/${HOSTILE_ID}`, { body: hostileCommitment });
// Seven leads Sales took on on November 2 and never contacted: all late by now.
await app.call('POST', '/v1/commitments/sales-lead-follow-up/events', {
  body: {
    events: Array.from({ length: 7 }, (_, i) => ({
      id: `late-${i}-start`,
      subject: `late-${i}`,
      phase: 'start',
      at: `2026-11-02T0${i + 1}:00:00-05:00`,
    })),
  },
});
await addExcusal(
  app.deps,
  LEADS,
  {
    from: '2026-11-12T08:00:00-05:00',
    to: '2026-11-12T18:00:00-05:00',
    causedBy: 'sales',
    reason: HOSTILE_REASON,
  },
  { kind: 'slack', id: 'U0MKTLEAD', via: 'slack' },
);

describe('the dashboard pages', () => {
  it('shows every commitment, grouped by provider, with the numbers the API gives', async () => {
    const { status, headers, body } = await page('/');
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(body.startsWith('<!doctype html>')).toBe(true);
    const { body: api } = await app.call('GET', '/v1/commitments');
    for (const c of api.commitments) expect(body).toContain(`data-commitment="${c.id}"`);
    expect(body).toContain('60 / 100 leads');
    expect(body.indexOf('<h2 id="provider-it">IT</h2>')).toBeLessThan(body.indexOf('provider-marketing'));
  });

  it('writes hostile titles and reasons as text, never as markup', async () => {
    const overview = (await page('/')).body;
    const detail = (await page(`/commitments/${LEADS}`)).body;
    const hostile = (await page(`/commitments/${HOSTILE_ID}`)).body;
    for (const html of [overview, detail, hostile]) {
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img src=x/i);
    }
    // Text escapes `<` and `&` (and quotes in attributes): enough that nothing starts a tag.
    expect(overview).toContain('&lt;script>alert(1)&lt;/script>');
    expect(hostile).toContain(
      '<h1>&lt;script>alert(1)&lt;/script> &quot;>&lt;img src=x onerror=alert(2)></h1>',
    );
    expect(detail).toContain('&quot;>&lt;img src=x onerror=alert(3)> &lt;script>alert(4)&lt;/script>');
  });

  it('marks a pending excusal on the commitment page', async () => {
    const { body } = await page(`/commitments/${LEADS}`);
    expect(body).toMatch(
      /<td>Sales<\/td><td>[^<]*onerror=alert\(3\)[^<]*<\/td><td class="pending">Pending approval<\/td>/,
    );
  });

  it('names the most overdue subjects and counts the rest', async () => {
    const { body } = await page('/commitments/sales-lead-follow-up');
    expect(body).toContain('Late (7), most overdue first');
    expect(body.match(/<li>late-\d — [^<]+ business hours late<\/li>/g)).toHaveLength(5);
    expect(body).toContain('<li>and 2 more</li>');
  });

  it('filters by department and status with plain links, and refuses a filter that names nothing', async () => {
    const sales = (await page('/?department=it')).body;
    expect(sales).toContain('data-commitment="website-availability"');
    expect(sales).not.toContain(`data-commitment="${LEADS}"`);
    expect((await page('/?status=breached')).body).not.toContain('data-commitment="website-availability"');
    const wrong = await page('/?status=late');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('status must be one of on_track, at_risk, breached, met, no_data');
    const unknown = await page('/?department=finance');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('department must be one of the configured departments');
  });

  it("embeds each commitment's charts as images with words for those who cannot see them", async () => {
    const overview = (await page('/')).body;
    expect(overview).toContain(
      `<img src="/commitments/${LEADS}/chart.svg?kind=burnup" alt="Burn-up of Marketing delivers qualified leads to Sales in 2026-11: 60 / 100 leads`,
    );
    const leads = (await page(`/commitments/${LEADS}`)).body;
    expect(leads).toContain(`/commitments/${LEADS}/chart.svg?kind=burnup`);
    // A total has no error budget; closed periods are charted only once there are some.
    expect(leads).not.toContain('kind=budget');
    expect(leads).not.toContain('kind=history');
    const site = (await page('/commitments/website-availability')).body;
    expect(site).toMatch(
      /<img src="\/commitments\/website-availability\/chart.svg\?kind=budget" alt="Error budget of Website available 99.5% in business hours over 2026-11: /,
    );
  });

  it('draws the charts it links to, as SVG, and refuses a kind that is not one', async () => {
    const burnup = await page(`/commitments/${LEADS}/chart.svg?kind=burnup`);
    expect(burnup.status).toBe(200);
    expect(burnup.headers['content-type']).toBe('image/svg+xml');
    expect(burnup.headers['x-content-type-options']).toBe('nosniff');
    expect(burnup.body).toMatch(/^<svg/);
    const wrong = await page(`/commitments/${LEADS}/chart.svg?kind=pie`);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('kind');
    expect((await page('/commitments/nope/chart.svg')).status).toBe(404);
  });

  it('lists closed periods with their credits once a period closes', async () => {
    app.clock.set('2026-12-02T10:00:00-05:00');
    await closeUpToNow(app.deps, LEADS);
    const { body } = await page(`/commitments/${LEADS}`);
    expect(body).toMatch(/<tr data-period="2026-11">.*BREACHED.*60 \/ 100 leads.*15 credits<\/td><\/tr>/);
    expect(body).toContain('period.closed');
    expect(body).toContain(`/commitments/${LEADS}/chart.svg?kind=history`);
  });

  it("shows the week's digest and refuses a week that is not one", async () => {
    const { status, body } = await page('/digest?week=2026-W48');
    expect(status).toBe(200);
    expect(body).toContain('Weekly digest: week 2026-W48');
    expect(body).toContain('href="/digest?week=2026-W47"');
    const wrong = await page('/digest?week=soon');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('week must be an ISO week such as 2026-W48');
  });

  it('answers an unknown commitment, an unknown page and a write with their statuses', async () => {
    const missing = await page('/commitments/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('nope');
    expect((await page('/reports')).status).toBe(404);
    const post = await page('/', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('serves its stylesheet with a cache header', async () => {
    const { status, headers, body } = await page('/assets/style.css');
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('text/css; charset=utf-8');
    expect(headers['cache-control']).toMatch(/max-age=\d+/);
    expect(body).toContain('.status-breached');
  });

  it('sends the security headers with every answer, pages and errors alike', async () => {
    for (const path of [
      '/',
      `/commitments/${LEADS}`,
      `/commitments/${LEADS}/chart.svg`,
      '/digest',
      '/assets/style.css',
      '/nope',
    ]) {
      const { headers } = await page(path);
      expect(headers['content-security-policy']).toContain("default-src 'none'");
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['x-frame-options']).toBe('DENY');
    }
  });
});

describe('the dashboard behind sign-in', () => {
  it('asks authentication first and answers with its response when it has one', async () => {
    const seen: string[] = [];
    const auth: WebAuth = {
      authenticate: async (e) => {
        seen.push(e.rawPath);
        return { kind: 'respond', response: { statusCode: 302, headers: { location: '/auth/login' } } };
      },
    };
    const { status, headers, body } = await page(`/commitments/${LEADS}`, { auth });
    expect(seen).toEqual([`/commitments/${LEADS}`]);
    expect(status).toBe(302);
    expect(headers.location).toBe('/auth/login');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(body).not.toContain('60 / 100');
  });

  it('renders the page for the signed-in viewer, named in the header', async () => {
    const auth: WebAuth = {
      authenticate: async () => ({
        kind: 'viewer',
        viewer: { slackUserId: 'U0SALESLEAD', name: '<b>Sam</b>' },
      }),
    };
    const { status, body } = await page('/', { auth });
    expect(status).toBe(200);
    expect(body).toContain('Signed in as &lt;b>Sam&lt;/b>');
    // Signing out is a POST from this site, so a link or an image elsewhere cannot do it.
    expect(body).toMatch(
      /<form class="viewer" method="post" action="\/auth\/logout">[\s\S]*<button type="submit">Sign out<\/button>/,
    );
  });
});
