/**
 * Reading the request's cookies and writing the two the sign-in keeps. API Gateway's payload 2.0
 * moves the Cookie header into `event.cookies`; the local server leaves it in the headers, so both
 * are read.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * `__Host-` makes browsers refuse the cookie unless it is Secure, has Path=/ and no Domain, so a
 * sibling subdomain can neither set nor overwrite it.
 */
export const SESSION_COOKIE = '__Host-sla-session';
/** The state, nonce and PKCE verifier of one sign-in on its way through Slack. */
export const PENDING_COOKIE = '__Host-sla-sign-in';

export function cookieOf(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const pairs = [...(event.cookies ?? []), ...(event.headers?.cookie?.split(';') ?? [])];
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * A cookie only this site's pages send back: HttpOnly keeps it from scripts, Secure from plain
 * HTTP, and Lax lets it ride on the top-level redirect back from Slack but not on cross-site posts.
 */
export function setCookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Max-Age=${maxAgeSeconds}; Path=/; HttpOnly; Secure; SameSite=Lax`;
}

export const clearCookie = (name: string): string => setCookie(name, '', 0);
