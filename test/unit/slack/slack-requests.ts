import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { slackSignature } from '../../../shared/slack/verify-signature.js';
import { testRequestContext } from '../../support/api-gateway-event.js';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface SignOptions {
  /** Unix seconds written into the timestamp header. */
  timestamp: number;
  secret?: string;
  /** Replace the computed signature (forgeries). */
  signature?: string;
  unsigned?: boolean;
  base64?: boolean;
  headerCase?: 'lower' | 'mixed';
}

/** An HTTP API (payload 2.0) event for a Slack request, signed like Slack signs it. */
export function slackEvent(path: string, body: string, options: SignOptions): APIGatewayProxyEventV2 {
  const signature =
    options.signature ?? slackSignature(options.secret ?? TEST_SIGNING_SECRET, options.timestamp, body);
  const names =
    options.headerCase === 'mixed'
      ? { sig: 'X-Slack-Signature', ts: 'X-Slack-Request-Timestamp' }
      : { sig: 'x-slack-signature', ts: 'x-slack-request-timestamp' };
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.unsigned ? {} : { [names.sig]: signature, [names.ts]: String(options.timestamp) }),
    },
    requestContext: testRequestContext('POST', path, options.timestamp * 1000, 'Slackbot 1.0'),
    body: options.base64 ? Buffer.from(body, 'utf8').toString('base64') : body,
    isBase64Encoded: options.base64 === true,
  };
}

export interface CommandFields {
  text?: string;
  user_id?: string;
  channel_id?: string;
  trigger_id?: string;
  response_url?: string;
}

export function commandBody(fields: CommandFields): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0TEAM',
    team_domain: 'acme',
    channel_id: fields.channel_id ?? 'C0RANDOM',
    channel_name: 'random',
    user_id: fields.user_id ?? 'U0SALESLEAD',
    user_name: 'someone',
    command: '/sla',
    text: fields.text ?? '',
    api_app_id: 'A0APP',
    response_url: fields.response_url ?? 'https://hooks.slack.com/commands/T0TEAM/1/abc',
    trigger_id: fields.trigger_id ?? `trigger-${Math.random().toString(36).slice(2)}`,
  }).toString();
}

export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A `block_actions` payload for a click on one of our buttons in a channel message. */
export function buttonClick(input: {
  actionId: string;
  value: string;
  userId: string;
  channel: string;
  ts: string;
  blocks?: unknown[];
  responseUrl?: string;
}): unknown {
  return {
    type: 'block_actions',
    user: { id: input.userId, username: 'someone', team_id: 'T0TEAM' },
    api_app_id: 'A0APP',
    token: 'deprecated',
    container: { type: 'message', message_ts: input.ts, channel_id: input.channel, is_ephemeral: false },
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    team: { id: 'T0TEAM', domain: 'acme' },
    channel: { id: input.channel, name: 'marketing' },
    message: { type: 'message', ts: input.ts, text: 'alert', blocks: input.blocks ?? [] },
    response_url: input.responseUrl ?? 'https://hooks.slack.com/actions/T0TEAM/1/xyz',
    actions: [
      {
        action_id: input.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'Acknowledge' },
        value: input.value,
        type: 'button',
        action_ts: '1763478000.000001',
      },
    ],
  };
}

/** What a person filled in the excusal form; a field left out is sent empty, as Slack sends it. */
export interface ExcuseFormValues {
  from?: string;
  to?: string;
  causedBy?: string;
  reason?: string;
}

/** A `view_submission` payload of the excusal form `/sla excuse <commitment>` opens. */
export function excuseFormSubmission(input: {
  userId: string;
  viewId: string;
  metadata: string;
  values: ExcuseFormValues;
  callbackId?: string;
}): unknown {
  const { values } = input;
  return {
    type: 'view_submission',
    team: { id: 'T0TEAM', domain: 'acme' },
    user: { id: input.userId, username: 'someone', team_id: 'T0TEAM' },
    api_app_id: 'A0APP',
    token: 'deprecated',
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    view: {
      id: input.viewId,
      team_id: 'T0TEAM',
      type: 'modal',
      callback_id: input.callbackId ?? 'sla_excuse',
      private_metadata: input.metadata,
      hash: '1763478000.abcdef',
      state: {
        values: {
          excuse_from: { value: { type: 'datepicker', selected_date: values.from ?? null } },
          excuse_to: { value: { type: 'datepicker', selected_date: values.to ?? null } },
          excuse_caused_by: {
            value: {
              type: 'static_select',
              selected_option:
                values.causedBy === undefined
                  ? null
                  : { text: { type: 'plain_text', text: values.causedBy }, value: values.causedBy },
            },
          },
          excuse_reason: { value: { type: 'plain_text_input', value: values.reason ?? null } },
        },
      },
    },
  };
}
