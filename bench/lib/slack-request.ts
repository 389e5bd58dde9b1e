import { createHmac, randomUUID } from 'node:crypto';

/** Slack's v0 scheme: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret. */
export function slackSignature(secret: string, timestampSeconds: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`;
}

/** The form Slack posts for a slash command, as it posts it (field order and all). */
export function slashCommandBody(options: { text: string; userId: string; channelId: string }): string {
  return new URLSearchParams({
    token: 'bench-verification-token',
    team_id: 'T0BENCH',
    team_domain: 'bench',
    channel_id: options.channelId,
    channel_name: 'bench',
    user_id: options.userId,
    user_name: 'bench.user',
    command: '/sla',
    text: options.text,
    api_app_id: 'A0BENCH',
    is_enterprise_install: 'false',
    response_url: 'https://hooks.slack.com/commands/T0BENCH/1/bench',
    trigger_id: `bench.${randomUUID()}`,
  }).toString();
}

/** Headers of a signed slash command; `nowMs` must be the server's clock (5-minute replay window). */
export function signedHeaders(secret: string, nowMs: number, body: string): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(secret, timestamp, body),
  };
}
