/**
 * Sign in with Slack for the dashboard, as the `WebAuth` the web handler asks first on every
 * request. `/auth/login` sends the browser to Slack, `/auth/callback` turns Slack's answer into a
 * 12-hour session cookie for the people the configuration names, `/auth/logout` ends it. Any other
 * path passes with the viewer when the session cookie opens, and otherwise goes to sign-in.
 *
 * Lambda keeps nothing between requests, so the state, nonce and PKCE verifier of a sign-in travel
 * in their own encrypted cookie, which the callback clears whatever happens. A callback URL
 * replayed later therefore finds no state to match, and one replayed together with the old cookie
 * carries a code Slack has already exchanged, which it refuses. Neither needs a table.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Clock } from '../../domain/model.js';
import { isNamedIn, type NamedPeople } from '../../domain/named-people.js';
import type { WebAuth, WebAuthOutcome } from '../../ports/web-auth.js';
import { clearCookie, cookieOf, PENDING_COOKIE, SESSION_COOKIE, setCookie } from './cookies.js';
import { createOidcClient, type OidcClient, randomSignInValues, SLACK_ISSUER } from './oidc-client.js';
import {
  cookieKeyFrom,
  openPending,
  openSession,
  PENDING_SECONDS,
  SESSION_SECONDS,
  sealPending,
  sealSession,
} from './sealed-cookies.js';
import * as pages from './sign-in-pages.js';

export interface SignInClient {
  clientId: string;
  clientSecret: string;
}

export interface SlackSignInDeps {
  clock: Clock;
  /** The Slack app's client, or undefined while sign-in is not set up (read on every request). */
  client: () => Promise<SignInClient | undefined>;
  /** Who the applied configuration names; undefined before a configuration is applied. */
  people: () => Promise<NamedPeople | undefined>;
  /** Slack by default; tests point it at a local provider. */
  issuer?: URL;
  /** Only for a provider on 127.0.0.1 in tests. */
  allowHttpIssuer?: boolean;
  /** The site's origin as browsers see it; by default HTTPS on the request's domain name. */
  origin?: string;
  log?: { warn(message: string, detail?: unknown): void };
}

const respond = (response: ReturnType<typeof pages.redirect>): WebAuthOutcome => ({
  kind: 'respond',
  response,
});

/** A path on this site to return to; anything else (another host, `//evil`, the auth routes) is `/`. */
export function safeNext(next: string | undefined): string {
  if (next === undefined || next.length > 2000) return '/';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/auth/'))
    return '/';
  return next;
}

export function createSlackSignIn(deps: SlackSignInDeps): WebAuth {
  const issuer = deps.issuer ?? new URL(SLACK_ISSUER);
  // Rebuilt when the secret's client changes, so a pasted or regenerated secret is used at once.
  let current: { id: string; oidc: OidcClient; key: Uint8Array } | undefined;
  const toolsFor = (client: SignInClient) => {
    const id = `${client.clientId}\n${client.clientSecret}`;
    if (current?.id !== id) {
      const oidc = createOidcClient({ issuer, ...client, allowHttpIssuer: deps.allowHttpIssuer ?? false });
      current = { id, oidc, key: cookieKeyFrom(client.clientSecret) };
    }
    return current;
  };

  const isNamed = async (slackUserId: string) => {
    const people = await deps.people();
    return people !== undefined && isNamedIn(people, slackUserId);
  };

  return {
    async authenticate(event) {
      const client = await deps.client();
      if (client === undefined) return respond(pages.notConfiguredPage());
      const { oidc, key } = toolsFor(client);
      const origin = deps.origin ?? `https://${event.requestContext.domainName}`;
      const method = event.requestContext.http.method.toUpperCase();
      const path = event.rawPath;

      if (path === '/auth/login') {
        const values = randomSignInValues();
        let url: URL;
        try {
          url = await oidc.authorizationUrl({ redirectUri: `${origin}/auth/callback`, ...values });
        } catch (error) {
          deps.log?.warn('Sign-in could not reach the OpenID provider', error);
          return respond(pages.providerUnavailablePage());
        }
        const next = safeNext(event.queryStringParameters?.next);
        const pending = await sealPending(key, { ...values, next }, deps.clock);
        return respond(pages.redirect(url.href, [setCookie(PENDING_COOKIE, pending, PENDING_SECONDS)]));
      }

      if (path === '/auth/callback') {
        const cleared = [clearCookie(PENDING_COOKIE)];
        const pending = await openPending(key, cookieOf(event, PENDING_COOKIE), deps.clock);
        if (pending === undefined) {
          return respond(
            pages.signInFailedPage(
              'This sign-in was already used or has expired (after 10 minutes). Start again.',
              cleared,
            ),
          );
        }
        const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
        let person: Awaited<ReturnType<OidcClient['exchange']>>;
        try {
          person = await oidc.exchange(new URL(`${origin}${path}${query}`), pending);
        } catch (error) {
          deps.log?.warn('Sign-in callback refused', error);
          return respond(pages.signInFailedPage('Slack did not confirm this sign-in. Start again.', cleared));
        }
        if (!(await isNamed(person.slackUserId))) return respond(pages.refusalPage(person, cleared));
        const session = await sealSession(key, person, deps.clock);
        return respond(
          pages.redirect(pending.next, [...cleared, setCookie(SESSION_COOKIE, session, SESSION_SECONDS)]),
        );
      }

      if (path === '/auth/logout') {
        if (method !== 'POST') return respond(pages.signOutPage());
        if (isCrossSite(event, origin)) return respond(pages.crossSiteRefusedPage());
        return respond(pages.signedOutPage([clearCookie(SESSION_COOKIE)]));
      }

      if (path.startsWith('/auth/')) return respond(pages.notFoundPage());

      const sent = cookieOf(event, SESSION_COOKIE);
      const session = await openSession(key, sent, deps.clock);
      if (session === undefined) {
        // A tampered or expired cookie is dropped, so the browser stops sending it.
        const cleared = sent === undefined ? [] : [clearCookie(SESSION_COOKIE)];
        if (method !== 'GET' && method !== 'HEAD') return respond(pages.signInRequiredPage());
        const next = safeNext(`${path}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`);
        return respond(pages.redirect(`/auth/login?next=${encodeURIComponent(next)}`, cleared));
      }
      // Checked on every request too: someone taken out of the file loses the dashboard at once.
      if (!(await isNamed(session.slackUserId)))
        return respond(pages.refusalPage(session, [clearCookie(SESSION_COOKIE)]));
      return { kind: 'viewer', viewer: session };
    },
  };
}

/**
 * A sign-out posted by another site's page. Browsers send Sec-Fetch-Site, and Origin on every
 * POST; either one naming another site is enough to refuse.
 */
function isCrossSite(event: APIGatewayProxyEventV2, origin: string): boolean {
  const fetchSite = event.headers?.['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return true;
  const from = event.headers?.origin;
  return from !== undefined && from !== origin;
}
