/**
 * Button clicks (`block_actions`): Acknowledge and Snooze (1 business day, or 24 hours without a
 * calendar) on alerts, Details on status lists, Approve and Reject on excusals; and submitted
 * forms (`view_submission`): the excusal form of `/sla excuse <commitment>`.
 * The reaction is stored through the same use cases as the API, then the clicked message is
 * updated in place and the reaction listener updates the alert's other messages.
 */
import * as z from 'zod';
import { type AlertReaction, acknowledgeAlert, snoozeAlert } from '../app/alert-actions.js';
import { periodAt } from '../domain/judgement.js';
import { lazy } from '../domain/lazy.js';
import { slackActor } from '../domain/permissions.js';
import { acknowledgedMessage, reactionBlocks, reactionWords, replaceButtons } from './alert-message.js';
import { ephemeral, escapeMrkdwn, type SlackReply } from './blocks.js';
import { notifyReaction, runCommand, type SlackCommandDeps } from './command-runner.js';
import { replyForError } from './error-replies.js';
import { handleExcusalButton, isExcusalAction } from './excusal-buttons.js';
import { type SubmissionAnswer, submitExcuseForm } from './excuse-form.js';
import { EXCUSE_MODAL_CALLBACK } from './excuse-modal.js';
import {
  ACK_ACTION,
  type AlertButtonValue,
  DETAILS_ACTION,
  decodeAlertValue,
  LEGACY_SNOOZE_FOR,
  SNOOZE_ACTION,
} from './interaction-ids.js';
import { clampMessage } from './limits.js';
import type { Responder } from './response-url.js';

const blockActionsSchema = lazy(() =>
  z.looseObject({
    type: z.literal('block_actions'),
    user: z.looseObject({ id: z.string().min(1) }),
    actions: z.array(z.looseObject({ action_id: z.string(), value: z.string().optional() })).min(1),
    response_url: z.string().optional(),
    container: z
      .looseObject({
        channel_id: z.string().optional(),
        message_ts: z.string().optional(),
        is_ephemeral: z.boolean().optional(),
      })
      .optional(),
    channel: z.looseObject({ id: z.string() }).optional(),
    message: z.looseObject({ ts: z.string().optional(), blocks: z.array(z.unknown()).optional() }).optional(),
  }),
);

export type BlockActionsPayload = z.infer<ReturnType<typeof blockActionsSchema>>;

/** Slack's view ids are short words of letters and digits; the id keys what the form records. */
const VIEW_ID = /^[A-Za-z0-9]{1,64}$/;

const viewSubmissionSchema = lazy(() =>
  z.looseObject({
    type: z.literal('view_submission'),
    user: z.looseObject({ id: z.string().min(1) }),
    view: z.looseObject({
      id: z.string().regex(VIEW_ID),
      callback_id: z.string().optional(),
      private_metadata: z.string().max(3000).optional(),
      state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }).optional(),
    }),
  }),
);

export type ViewSubmissionPayload = z.infer<ReturnType<typeof viewSubmissionSchema>>;

export type ParsedInteraction =
  | { kind: 'block_actions'; payload: BlockActionsPayload }
  | { kind: 'view_submission'; payload: ViewSubmissionPayload }
  | { kind: 'ignored'; type: string }
  | { kind: 'invalid'; problem: string };

/** The `payload` form field of an interaction request. */
export function parseInteraction(payloadText: string | null): ParsedInteraction {
  if (payloadText === null) return { kind: 'invalid', problem: 'the form field "payload" is missing' };
  let raw: unknown;
  try {
    raw = JSON.parse(payloadText);
  } catch {
    return { kind: 'invalid', problem: 'the payload is not JSON' };
  }
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  if (type === 'view_submission') {
    const view = viewSubmissionSchema().safeParse(raw);
    if (!view.success) return { kind: 'invalid', problem: 'the view_submission payload lacks user or view' };
    return { kind: 'view_submission', payload: view.data };
  }
  if (type !== 'block_actions') return { kind: 'ignored', type: String(type) };
  const parsed = blockActionsSchema().safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', problem: 'the block_actions payload lacks user or actions' };
  return { kind: 'block_actions', payload: parsed.data };
}

export interface InteractionDeps extends SlackCommandDeps {
  respond: Responder;
}

export async function handleBlockActions(deps: InteractionDeps, payload: BlockActionsPayload): Promise<void> {
  const action = payload.actions[0];
  if (!action) return;
  if (action.action_id === DETAILS_ACTION && action.value) {
    const reply = await runCommand(
      deps,
      { kind: 'status', target: action.value, public: false },
      { userId: payload.user.id, channelId: payload.channel?.id ?? '', requestKey: '' },
    );
    if (reply) await tell(deps, payload, reply);
    return;
  }
  if (isExcusalAction(action.action_id)) {
    await handleExcusalButton(deps, payload, action, (reply) => tell(deps, payload, reply));
    return;
  }
  if (action.action_id !== ACK_ACTION && action.action_id !== SNOOZE_ACTION) return;
  const value = await alertOfButton(deps, action.value);
  if (!value) {
    await tell(
      deps,
      payload,
      ephemeral(
        ':warning: This button is from an older message I cannot read; use `/sla ack <commitment-id>`.',
      ),
    );
    return;
  }
  await react(deps, payload, value, action.action_id === ACK_ACTION ? 'acknowledged' : 'snoozed');
}

/**
 * The alert a button was posted with. Buttons posted before they carried the episode still name
 * their notification, whose claim knows it; one that names neither cannot be told apart from a
 * newer alert, so it is not acted on.
 */
/**
 * A submitted form: its answer (field errors) is Slack's reply to this request; undefined closes it.
 * A form this app does not know is closed.
 */
export async function handleViewSubmission(
  deps: InteractionDeps,
  payload: ViewSubmissionPayload,
): Promise<SubmissionAnswer> {
  if (payload.view.callback_id !== EXCUSE_MODAL_CALLBACK) return undefined;
  return submitExcuseForm(deps, { userId: payload.user.id, view: payload.view });
}

async function alertOfButton(deps: InteractionDeps, raw: string | undefined) {
  const read = decodeAlertValue(raw);
  if (!read) return undefined;
  if (read.episode !== undefined) return { ...read, episode: read.episode };
  if (!read.dedupKey) return undefined;
  const claim = await deps.stores.alerts.getClaim(read.dedupKey);
  return claim ? { ...read, episode: claim.notification.episode } : undefined;
}

async function react(
  deps: InteractionDeps,
  payload: BlockActionsPayload,
  value: AlertButtonValue,
  kind: 'acknowledged' | 'snoozed',
): Promise<void> {
  const { stores } = deps;
  const by = payload.user.id;
  let reaction: AlertReaction;
  try {
    const record = await stores.commitments.get(value.commitmentId);
    if (record?.state === 'active') {
      const current = periodAt(record, stores.clock.now()).period.key;
      if (current !== value.period) {
        await tell(
          deps,
          payload,
          ephemeral(
            `:information_source: This alert was about period ${escapeMrkdwn(value.period)}, which has ended; its result is final and there is nothing left to ${kind === 'acknowledged' ? 'acknowledge' : 'snooze'}.`,
          ),
        );
        return;
      }
    }
    const target = { period: value.period, episode: value.episode };
    reaction =
      kind === 'acknowledged'
        ? await acknowledgeAlert(stores, value.commitmentId, { by }, slackActor(by), target)
        : await snoozeAlert(
            stores,
            value.commitmentId,
            { by, for: value.snoozeFor ?? LEGACY_SNOOZE_FOR },
            slackActor(by),
            target,
          );
  } catch (error) {
    await tell(deps, payload, await replyForError(deps, error));
    return;
  }

  try {
    await updateClickedMessage(deps, payload, value, reaction);
  } catch (error) {
    deps.log.error('updating the clicked alert message failed', error);
    await tell(
      deps,
      payload,
      ephemeral(
        `:white_check_mark: Done (${reactionWords(reaction.state, reaction.timezone)}), but the message could not be updated.`,
      ),
    );
  }
  await notifyReaction(deps, reaction, kind);
}

async function updateClickedMessage(
  deps: InteractionDeps,
  payload: BlockActionsPayload,
  value: AlertButtonValue,
  reaction: AlertReaction,
): Promise<void> {
  const claim = value.dedupKey
    ? reaction.claims.find((c) => c.notification.dedupKey === value.dedupKey)
    : undefined;
  let message: { text: string; blocks: unknown[] };
  if (claim) {
    const departments = (await deps.stores.commitments.getConfig())?.departments ?? {};
    // A claim from before notifications carried their zone reads times in the commitment's.
    const notification = {
      ...claim.notification,
      timezone: claim.notification.timezone ?? reaction.timezone,
    };
    message = acknowledgedMessage(notification, departments, reaction.state);
  } else {
    const text = `Alert on ${value.commitmentId} ${reactionWords(reaction.state, reaction.timezone)}`;
    const blocks = payload.message?.blocks;
    message = {
      text,
      blocks: blocks
        ? replaceButtons(blocks, reaction.state, value, reaction.timezone)
        : reactionBlocks(reaction.state, value, reaction.timezone),
    };
  }
  message = clampMessage(message);
  const channel = payload.container?.channel_id ?? payload.channel?.id;
  const ts = payload.container?.message_ts ?? payload.message?.ts;
  if (deps.poster && channel && ts && payload.container?.is_ephemeral !== true) {
    await deps.poster.update({
      channel,
      ts,
      ...message,
      meta: { kind: 'alert', commitmentId: value.commitmentId, period: value.period },
    });
    return;
  }
  if (payload.response_url) await deps.respond(payload.response_url, { replace_original: true, ...message });
}

/** An ephemeral note to the person who clicked, through the response_url. */
async function tell(deps: InteractionDeps, payload: BlockActionsPayload, reply: SlackReply): Promise<void> {
  if (!payload.response_url) return;
  try {
    await deps.respond(payload.response_url, {
      ...clampMessage(reply),
      response_type: 'ephemeral',
      replace_original: false,
    });
  } catch (error) {
    deps.log.error('answering through response_url failed', error);
  }
}
