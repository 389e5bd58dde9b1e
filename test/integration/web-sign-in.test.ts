/**
 * Sign in with Slack end to end: the web function's handler with the real sign-in, served over
 * HTTP, a local OpenID provider standing in for Slack, and a browser that is plain fetch with a
 * cookie jar and redirects followed by hand, so every hop can be looked at.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/web/handler.js';
import { toApiGatewayEvent, writeResult } from '../../local/lambda-bridge.js';
import { createSlackSignIn, type SignInClient } from '../../shared/web/sign-in/slack-sign-in.js';
import { MutableClock } from '../support/mutable-clock.js';
import { useApp } from './app-context.js';
import { startTestProvider, TEST_CLIENT } from './oidc-test-provider.js';

const SESSION = '__Host-sla-session';
const PENDING = '__Host-sla-sign-in';

const app = await useApp('2026-11-18T10:00:00-05:00');
const clock = new MutableClock(Date.now());
let client: SignInClient | undefined = TEST_CLIENT;
const warnings: string[] = [];

const server = createServer();
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const provider = await startTestProvider(`${origin}/auth/callback`);
const handler = makeHandler({
  ...app.deps,
  log: { error: (message) => warnings.push(message) },
  auth: createSlackSignIn({
    clock,
    client: async () => client,
    people: () => app.deps.commitments.getConfig(),
    issuer: provider.issuer,
    allowHttpIssuer: true,
    origin,
    log: { warn: (message) => warnings.push(message) },
  }),
});
server.on('request', (req, res) => {
  void toApiGatewayEvent(req, Date.now())
    .then(handler)
    .then((result) => writeResult(res, result));
});
afterAll(async () => {
  await provider.close();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  client = TEST_CLIENT;
  clock.set(Date.now());
  provider.signInAs = 'U0REP1';
});

/** A browser: one cookie jar (cookies are not told apart by port), redirects left to the test. */
class Browser {
  readonly jar = new Map<string, string>();

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(new URL(url, origin), {
      ...init,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string>) },
    });
    for (const set of response.headers.getSetCookie()) {
      const [pair = ''] = set.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (/max-age=0\b/i.test(set) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return response;
  }

  /** Follows the provider's redirects until it sends the browser back to the dashboard. */
  async throughProvider(authorizationUrl: string): Promise<string> {
    let url = authorizationUrl;
    for (let hop = 0; hop < 10; hop++) {
      const response = await this.request(url);
      const location = response.headers.get('location');
      if (location === null)
        throw new Error(`provider stopped at ${url}: ${response.status} ${await response.text()}`);
      url = new URL(location, url).href;
      if (url.startsWith(origin)) return url;
    }
    throw new Error('too many redirects at the provider');
  }
}

const cookieSet = (response: Response, name: string) =>
  response.headers.getSetCookie().find((set) => set.startsWith(`${name}=`));

/** Signs in from the overview as the provider's `signInAs`; returns the hops it took. */
async function signIn(browser: Browser) {
  const first = await browser.request('/');
  const login = await browser.request(first.headers.get('location') ?? '');
  const authorizationUrl = login.headers.get('location') ?? '';
  const pendingCookie = browser.jar.get(PENDING);
  const callbackUrl = await browser.throughProvider(authorizationUrl);
  const callback = await browser.request(callbackUrl);
  return { first, login, authorizationUrl, pendingCookie, callbackUrl, callback };
}

describe('Sign in with Slack', () => {
  it('sends a visitor to the provider with PKCE, state and nonce, and back with a session cookie', async () => {
    const browser = new Browser();
    const { first, login, authorizationUrl, callback } = await signIn(browser);
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/auth/login?next=%2F');

    const asked = new URL(authorizationUrl);
    expect(asked.origin).toBe(provider.issuer.origin);
    expect(asked.searchParams.get('client_id')).toBe(TEST_CLIENT.clientId);
    expect(asked.searchParams.get('redirect_uri')).toBe(`${origin}/auth/callback`);
    expect(asked.searchParams.get('scope')).toBe('openid profile');
    expect(asked.searchParams.get('code_challenge_method')).toBe('S256');
    expect(asked.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(asked.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(asked.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(cookieSet(login, PENDING)).toMatch(/; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax$/);

    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/');
    expect(cookieSet(callback, SESSION)).toMatch(/; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    // The session is encrypted: nothing in it reads as the user id.
    expect(cookieSet(callback, SESSION)).not.toContain('U0REP1');
    expect(cookieSet(callback, PENDING)).toMatch(/^__Host-sla-sign-in=; Max-Age=0;/);
    expect(browser.jar.has(PENDING)).toBe(false);

    const page = await browser.request('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Signed in as Rita Rep');
  });

  it('returns to the page the visitor asked for, and only to a page of this site', async () => {
    const browser = new Browser();
    const first = await browser.request('/?status=breached');
    expect(first.headers.get('location')).toBe(`/auth/login?next=${encodeURIComponent('/?status=breached')}`);
    const login = await browser.request(first.headers.get('location') ?? '');
    const callback = await browser.request(
      await browser.throughProvider(login.headers.get('location') ?? ''),
    );
    expect(callback.headers.get('location')).toBe('/?status=breached');

    const elsewhere = new Browser();
    const away = await elsewhere.request('/auth/login?next=//evil.example/steal');
    const back = await elsewhere.request(await elsewhere.throughProvider(away.headers.get('location') ?? ''));
    expect(back.headers.get('location')).toBe('/');
  });

  it('refuses, politely, someone the configuration does not name, and gives no session', async () => {
    provider.signInAs = 'U0STRANGER';
    const browser = new Browser();
    const { callback } = await signIn(browser);
    expect(callback.status).toBe(403);
    const text = await callback.text();
    expect(text).toContain('Sam Stranger, you are signed in with Slack');
    expect(text).toContain('U0STRANGER');
    expect(cookieSet(callback, SESSION)).toBeUndefined();
    expect((await browser.request('/')).status).toBe(302);
  });

  it('lets in admins and leads as well as members', async () => {
    for (const user of ['U0OPSADMIN', 'U0MKTLEAD']) {
      provider.signInAs = user;
      const browser = new Browser();
      expect((await signIn(browser)).callback.status).toBe(302);
      expect((await browser.request('/')).status).toBe(200);
    }
  });

  it('treats a tampered or garbage session cookie as signed out: back to sign-in, never an error', async () => {
    const browser = new Browser();
    await signIn(browser);
    const sealed = browser.jar.get(SESSION) ?? '';
    const flipped = sealed.slice(0, -3) + (sealed.at(-3) === 'A' ? 'B' : 'A') + sealed.slice(-2);
    for (const forged of [flipped, 'eyJhbGciOiJub25lIn0.e30.', 'not-a-cookie']) {
      browser.jar.set(SESSION, forged);
      const page = await browser.request('/');
      expect(page.status).toBe(302);
      expect(page.headers.get('location')).toBe('/auth/login?next=%2F');
      expect(cookieSet(page, SESSION)).toMatch(/^__Host-sla-session=; Max-Age=0;/);
    }
    expect(warnings).not.toContain('dashboard request failed');
  });

  it('ends a session after 12 hours', async () => {
    const browser = new Browser();
    await signIn(browser);
    clock.advance(12 * 3_600_000 - 60_000);
    expect((await browser.request('/')).status).toBe(200);
    clock.advance(61_000);
    const late = await browser.request('/');
    expect(late.status).toBe(302);
    expect(late.headers.get('location')).toBe('/auth/login?next=%2F');
  });

  it('refuses a callback replayed, with or without the sign-in cookie it came with', async () => {
    const browser = new Browser();
    const { pendingCookie, callbackUrl, callback } = await signIn(browser);
    expect(callback.status).toBe(302);

    // The same browser again: its sign-in cookie was cleared at the first callback.
    const again = await browser.request(callbackUrl);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('already used or has expired');

    // Someone who kept both the URL and the cookie: the state matches, but the code is spent.
    const thief = new Browser();
    thief.jar.set(PENDING, pendingCookie ?? '');
    const replayed = await thief.request(callbackUrl);
    expect(replayed.status).toBe(400);
    expect(cookieSet(replayed, SESSION)).toBeUndefined();
    expect(await replayed.text()).toContain('Slack did not confirm this sign-in');
  });

  it("refuses a callback whose state is not the one this browser's sign-in started with", async () => {
    const victim = new Browser();
    const started = await victim.request('/auth/login');
    // An attacker's own callback URL (their code and state), planted on the victim's browser.
    const attacker = new Browser();
    const theirs = await attacker.request('/auth/login');
    const plantedUrl = await attacker.throughProvider(theirs.headers.get('location') ?? '');
    expect(started.status).toBe(302);
    const planted = await victim.request(plantedUrl);
    expect(planted.status).toBe(400);
    expect(cookieSet(planted, SESSION)).toBeUndefined();
  });

  it('refuses a callback whose state was changed on the way, even with the right code', async () => {
    const browser = new Browser();
    const login = await browser.request('/auth/login');
    const callbackUrl = new URL(await browser.throughProvider(login.headers.get('location') ?? ''));
    callbackUrl.searchParams.set('state', `${callbackUrl.searchParams.get('state')}x`);
    const changed = await browser.request(callbackUrl.href);
    expect(changed.status).toBe(400);
    expect(cookieSet(changed, SESSION)).toBeUndefined();
  });

  it('refuses a sign-in cookie older than ten minutes', async () => {
    const browser = new Browser();
    const login = await browser.request('/auth/login');
    const callbackUrl = await browser.throughProvider(login.headers.get('location') ?? '');
    clock.advance(10 * 60_000 + 1_000);
    expect((await browser.request(callbackUrl)).status).toBe(400);
  });

  it('signs out with a POST from this site, not from another one', async () => {
    const browser = new Browser();
    await signIn(browser);
    const form = await browser.request('/auth/logout');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('<form method="post" action="/auth/logout">');

    const forged = await browser.request('/auth/logout', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(forged.status).toBe(403);
    expect(cookieSet(forged, SESSION)).toBeUndefined();
    expect((await browser.request('/')).status).toBe(200);

    const out = await browser.request('/auth/logout', {
      method: 'POST',
      headers: { origin, 'sec-fetch-site': 'same-origin' },
    });
    expect(out.status).toBe(200);
    expect(cookieSet(out, SESSION)).toMatch(
      /^__Host-sla-session=; Max-Age=0; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    const after = await browser.request('/');
    expect(after.status).toBe(302);
  });

  it('answers every sign-in step with the security headers and never lets it be cached', async () => {
    const browser = new Browser();
    const { login, callback } = await signIn(browser);
    const refused = await new Browser().request('/auth/callback?code=x&state=y');
    for (const response of [login, callback, refused]) {
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toMatch(
        /default-src 'none'.*frame-ancestors 'none'/,
      );
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    }
  });

  it('shows nothing but a clear message while the client id and secret are not in the secret', async () => {
    client = undefined;
    for (const path of ['/', '/auth/login', '/auth/callback?code=x&state=y']) {
      const response = await new Browser().request(path);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('oidcClientId and oidcClientSecret');
    }
  });
});
