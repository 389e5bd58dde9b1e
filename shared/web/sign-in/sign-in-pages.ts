/**
 * The few pages the sign-in answers itself: the refusal, the sign-out form, the failed or
 * unfinished sign-in, and sign-in not set up. Plain HTML without scripts, so they work anywhere
 * the dashboard does, with headers that keep them out of caches, frames and referrers (the
 * callback's URL carries a one-time code).
 */
import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { SECURITY_HEADERS } from '../security-headers.js';

// The site's stylesheet is for signed-in people; these pages carry their few rules inline,
// allowed by their hash so that no other inline style would apply.
const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1d3557}' +
  'button{font:inherit;padding:.4rem 1rem}';
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

export const AUTH_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

function page(
  statusCode: number,
  title: string,
  paragraphs: string[],
  cookies: string[] = [],
): APIGatewayProxyStructuredResultV2 {
  const body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · SLA tracker</title>
<style>${STYLE}</style>
</head>
<body><main><h1>${escapeHtml(title)}</h1>
${paragraphs.join('\n')}
</main></body>
</html>
`;
  return { statusCode, headers: { ...AUTH_HEADERS }, ...(cookies.length ? { cookies } : {}), body };
}

const p = (text: string) => `<p>${escapeHtml(text)}</p>`;
const signInLink = '<p><a href="/auth/login">Sign in with Slack</a></p>';
const signOutForm =
  '<form method="post" action="/auth/logout"><button type="submit">Sign out of the dashboard</button></form>';

/** Someone Slack vouches for, whom the configuration does not name. */
export function refusalPage(person: { slackUserId: string; name?: string }, cookies: string[] = []) {
  const who = person.name === undefined ? 'You are' : `${person.name}, you are`;
  return page(
    403,
    'This dashboard is for the people in the SLA configuration',
    [
      p(
        `${who} signed in with Slack, but the SLA tracker's configuration does not name you as an ` +
          'admin or as the lead or a member of a department, so the dashboard stays closed to you.',
      ),
      p(
        `If you should see it, ask an admin to add your Slack member ID (${person.slackUserId}) to ` +
          'your department in the configuration file. Then sign in again.',
      ),
    ],
    cookies,
  );
}

/** Signing out changes state, so it is a POST from this page, never a link another site can trigger. */
export function signOutPage() {
  return page(200, 'Sign out', [signOutForm]);
}

export function signedOutPage(cookies: string[]) {
  return page(200, 'You are signed out', [p('Your dashboard session has ended.'), signInLink], cookies);
}

/** A sign-in that cannot be finished: used twice, expired, cancelled at Slack, or refused by it. */
export function signInFailedPage(reason: string, cookies: string[]) {
  return page(400, 'Sign-in did not complete', [p(reason), signInLink], cookies);
}

export function crossSiteRefusedPage() {
  return page(403, 'Sign-out refused', [
    p('The request to sign out came from another site, so it was ignored. Use the Sign out button here.'),
    signOutForm,
  ]);
}

export function notFoundPage() {
  return page(404, 'Not found', [p('There is no such sign-in page.'), signInLink]);
}

export function signInRequiredPage() {
  return page(401, 'Sign in first', [p('Your session has ended or was never started.'), signInLink]);
}

/** In AWS the dashboard shows nothing until the app's client id and secret are in the Slack secret. */
export function notConfiguredPage() {
  return page(503, 'Sign-in is not set up yet', [
    p(
      'The dashboard needs Sign in with Slack before it shows anything. An admin adds the Slack ' +
        'app\'s oidcClientId and oidcClientSecret to the Slack secret (see "Enable sign-in" in the ' +
        'README); the dashboard opens within five minutes, with no redeploy.',
    ),
  ]);
}

export function redirect(location: string, cookies: string[] = []): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 302,
    headers: { ...AUTH_HEADERS, location },
    ...(cookies.length ? { cookies } : {}),
    body: '',
  };
}

export function providerUnavailablePage() {
  return page(502, 'Slack could not be reached', [
    p('The sign-in could not start because Slack did not answer. Try again in a minute.'),
    signInLink,
  ]);
}
