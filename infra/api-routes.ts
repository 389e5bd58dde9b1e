/**
 * Every route the HTTP API exposes, which function serves it and how the gateway authorises it.
 * Declared as data so the stack and its tests read the same list.
 *
 * - `iam`: SigV4-signed requests only (admin tools, the `sla` CLI, scripts).
 * - `public`: reaches the function unauthenticated; `why` says who verifies the caller instead.
 *   It becomes the reason on the cdk-nag APIG4 acknowledgement.
 */
export type RouteTarget = 'api' | 'slack' | 'sources';
export type RouteMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export type ApiRoute = {
  readonly method: RouteMethod;
  readonly path: string;
  readonly target: RouteTarget;
} & ({ readonly auth: 'iam' } | { readonly auth: 'public'; readonly why: string });

const admin = (method: RouteMethod, path: string): ApiRoute => ({ method, path, target: 'api', auth: 'iam' });

const SLACK_VERIFIES =
  'Slack cannot sign SigV4. The slack function verifies the v0 request signature (HMAC-SHA256 ' +
  'with the signing secret, 5-minute replay window) before it reads the request.';

export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/health',
    target: 'api',
    auth: 'public',
    why: 'Liveness probe: answers {"status":"ok"} and reads no data.',
  },
  admin('GET', '/v1/commitments'),
  admin('GET', '/v1/commitments/{id}'),
  admin('PUT', '/v1/commitments/{id}'),
  admin('DELETE', '/v1/commitments/{id}'),
  // A ':' in a static segment (a Google-style custom method). CDK and CloudFormation pass the route
  // key through unchanged; see docs/deploy.md if API Gateway ever refuses it.
  admin('POST', '/v1/config:apply'),
  admin('POST', '/v1/commitments/{id}/events'),
  admin('GET', '/v1/commitments/{id}/events'),
  admin('POST', '/v1/commitments/{id}/events/{eventId}/void'),
  admin('GET', '/v1/commitments/{id}/status'),
  admin('GET', '/v1/commitments/{id}/history'),
  admin('GET', '/v1/commitments/{id}/subjects'),
  admin('GET', '/v1/commitments/{id}/chart.svg'),
  admin('GET', '/v1/commitments/{id}/chart.png'),
  admin('POST', '/v1/commitments/{id}/excusals'),
  admin('POST', '/v1/commitments/{id}/excusals/decisions'),
  admin('POST', '/v1/commitments/{id}/ack'),
  admin('POST', '/v1/commitments/{id}/snooze'),
  admin('GET', '/v1/status'),
  admin('POST', '/v1/evaluations'),
  admin('GET', '/v1/digest'),
  admin('GET', '/v1/audit'),
  admin('GET', '/v1/sources'),
  { method: 'POST', path: '/slack/commands', target: 'slack', auth: 'public', why: SLACK_VERIFIES },
  { method: 'POST', path: '/slack/interactions', target: 'slack', auth: 'public', why: SLACK_VERIFIES },
  {
    method: 'POST',
    path: '/sources/{name}',
    target: 'sources',
    auth: 'public',
    why:
      'Senders (CRMs, monitoring, scripts) cannot sign SigV4. The sources function verifies each ' +
      "delivery with its source type's own scheme (Standard Webhooks for webhook: HMAC-SHA256, " +
      '5-minute window) and the secret from Secrets Manager before it reads or records anything.',
  },
];
