import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import type { ReactionListener } from '../../shared/app/alert-actions.js';
import type { StoreDeps } from '../../shared/app/deps.js';
import { lazy } from '../../shared/domain/lazy.js';
import type { Clock } from '../../shared/domain/model.js';
import type { SlackPoster } from '../../shared/ports/slack-poster.js';
import { runCommand } from '../../shared/slack/command-runner.js';
import { parseCommand } from '../../shared/slack/commands.js';
import type { ExcusalListener } from '../../shared/slack/excusal-message.js';
import {
  handleBlockActions,
  handleViewSubmission,
  parseInteraction,
} from '../../shared/slack/interactions.js';
import { clampMessage } from '../../shared/slack/limits.js';
import { somethingWentWrongReply } from '../../shared/slack/replies.js';
import { createResponder, type Responder } from '../../shared/slack/response-url.js';
import type { SlackLog } from '../../shared/slack/slack-log.js';
import {
  headerValue,
  rawRequestBody,
  TIMESTAMP_HEADER,
  verifySlackSignature,
} from '../../shared/slack/verify-signature.js';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export interface SlackHandlerDeps {
  stores: StoreDeps;
  /** The app's signing secret, fetched once per container and cached by the caller. */
  signingSecret: () => Promise<string>;
  clock: Clock;
  /**
   * The clocks a request's timestamp may be close to (Slack's 5-minute replay window); `[clock]`
   * when absent. The local runtime adds real time, so a simulated clock still serves real Slack.
   */
  replayWindowClocks?: readonly Clock[];
  /** Updates clicked alert messages in place; without it, the interaction's response_url is used. */
  poster?: SlackPoster;
  /** Told after an acknowledgement or a snooze (updates the alert's other Slack messages). */
  onReaction?: ReactionListener;
  /** Told when an excusal waits for approval (posts it to the department it blames). */
  onExcusal?: ExcusalListener;
  log: SlackLog;
  /** Posts to an interaction's response_url; defaults to fetch with a timeout. */
  respond?: Responder;
}

const commandFormSchema = lazy(() =>
  z.looseObject({
    text: z.string().default(''),
    user_id: z.string().min(1),
    channel_id: z.string().default(''),
    trigger_id: z.string().optional(),
  }),
);

const plain = (statusCode: number, body: string): Result => ({
  statusCode,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});

const jsonReply = (body: unknown): Result => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/**
 * `POST /slack/commands` (the `/sla` slash command) and `POST /slack/interactions` (buttons and
 * submitted forms).
 * The signature is checked before anything else; user mistakes and our own failures are both
 * answered with a 200 and a friendly ephemeral message, because Slack shows anything else as an
 * opaque error.
 */
export function makeHandler(deps: SlackHandlerDeps) {
  const respond = deps.respond ?? createResponder();

  async function commands(form: URLSearchParams, event: Event): Promise<Result> {
    if (form.get('ssl_check') === '1') return plain(200, '');
    const parsed = commandFormSchema().safeParse(Object.fromEntries(form));
    if (!parsed.success) return plain(400, 'not a slash command request: user_id is missing');
    const { text, user_id: userId, channel_id: channelId, trigger_id: triggerId } = parsed.data;
    const reply = await runCommand(deps, parseCommand(text), {
      userId,
      channelId,
      requestKey: triggerId ?? fallbackRequestKey(userId, channelId, text, event),
      ...(triggerId ? { triggerId } : {}),
    });
    // Nothing to say when a form opened: an empty answer shows nothing in the channel.
    return reply ? jsonReply(clampMessage(reply)) : plain(200, '');
  }

  async function interactions(form: URLSearchParams): Promise<Result> {
    const interaction = parseInteraction(form.get('payload'));
    if (interaction.kind === 'invalid') return plain(400, interaction.problem);
    if (interaction.kind === 'block_actions') {
      await handleBlockActions({ ...deps, respond }, interaction.payload);
    }
    if (interaction.kind === 'view_submission') {
      // An empty answer closes the form; errors keep it open with a message under each field.
      const answer = await handleViewSubmission({ ...deps, respond }, interaction.payload);
      return answer ? jsonReply(answer) : plain(200, '');
    }
    return plain(200, '');
  }

  return async (event: Event): Promise<Result> => {
    const body = rawRequestBody(event);
    let signingSecret: string;
    try {
      signingSecret = await deps.signingSecret();
    } catch (error) {
      deps.log.error('the Slack signing secret could not be read', error);
      return plain(503, 'temporarily unavailable');
    }
    const verdict = verifySlackSignature({
      signingSecret,
      headers: event.headers,
      body,
      now: (deps.replayWindowClocks ?? [deps.clock]).map((clock) => clock.now()),
    });
    const path = event.rawPath ?? event.requestContext?.http?.path ?? '';
    if (!verdict.ok) {
      deps.log.warn('refused a Slack request', { reason: verdict.reason, path });
      return plain(401, 'invalid request signature');
    }
    const method = event.requestContext?.http?.method ?? 'POST';
    if (method !== 'POST') return plain(405, 'use POST');
    const form = new URLSearchParams(body.toString('utf8'));
    const isCommand = path.endsWith('/slack/commands');
    try {
      if (isCommand) return await commands(form, event);
      if (path.endsWith('/slack/interactions')) return await interactions(form);
      return plain(404, `no Slack route ${path}`);
    } catch (error) {
      deps.log.error('Slack request failed', error);
      return isCommand ? jsonReply(somethingWentWrongReply()) : plain(200, '');
    }
  };
}

/** Without a trigger_id, the request's own signed content stands in for it (Slack sends both). */
function fallbackRequestKey(userId: string, channelId: string, text: string, event: Event): string {
  const timestamp = headerValue(event.headers, TIMESTAMP_HEADER) ?? '';
  return createHash('sha256')
    .update(`${userId}\n${channelId}\n${timestamp}\n${text}`)
    .digest('hex')
    .slice(0, 40);
}
