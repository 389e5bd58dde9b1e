/**
 * Approve and Reject on an excusal's request message: decided through the same use case as
 * `/sla approve`, as the person who clicked; the message then says who decided, without buttons.
 */
import { decideOnExcusal } from '../app/excusal-decisions.js';
import { latestVersion } from '../domain/judgement.js';
import { slackActor } from '../domain/permissions.js';
import { ephemeral, type SlackReply } from './blocks.js';
import { replyForError } from './error-replies.js';
import {
  decodeExcusalValue,
  EXCUSAL_APPROVE_ACTION,
  EXCUSAL_REJECT_ACTION,
  excusalDecidedMessage,
} from './excusal-message.js';
import type { BlockActionsPayload, InteractionDeps } from './interactions.js';
import { clampMessage } from './limits.js';

export const isExcusalAction = (actionId: string) =>
  actionId === EXCUSAL_APPROVE_ACTION || actionId === EXCUSAL_REJECT_ACTION;

export async function handleExcusalButton(
  deps: InteractionDeps,
  payload: BlockActionsPayload,
  action: { action_id: string; value?: string | undefined },
  tell: (reply: SlackReply) => Promise<void>,
): Promise<void> {
  const value = decodeExcusalValue(action.value);
  if (!value) {
    await tell(
      ephemeral(':warning: This button names no excusal; use `/sla approve <commitment> <excusal>`.'),
    );
    return;
  }
  const decision = action.action_id === EXCUSAL_APPROVE_ACTION ? 'approve' : 'reject';
  let outcome: Awaited<ReturnType<typeof decideOnExcusal>>;
  try {
    outcome = await decideOnExcusal(
      deps.stores,
      value.commitmentId,
      value.excusalId,
      decision,
      slackActor(payload.user.id),
    );
  } catch (error) {
    await tell(await replyForError(deps, error));
    return;
  }
  try {
    const [record, config] = await Promise.all([
      deps.stores.commitments.get(value.commitmentId),
      deps.stores.commitments.getConfig(),
    ]);
    const definition = record ? latestVersion(record).definition : undefined;
    const message = clampMessage(
      excusalDecidedMessage(
        {
          commitmentId: value.commitmentId,
          title: definition?.title ?? value.commitmentId,
          provider: definition?.provider ?? '',
          excusal: outcome.excusal,
          timezone: outcome.timezone,
        },
        config?.departments ?? {},
      ),
    );
    const channel = payload.container?.channel_id ?? payload.channel?.id;
    const ts = payload.container?.message_ts ?? payload.message?.ts;
    if (deps.poster && channel && ts) {
      await deps.poster.update({
        channel,
        ts,
        ...message,
        meta: { kind: 'excusal_request', commitmentId: value.commitmentId },
      });
    } else if (payload.response_url) {
      await deps.respond(payload.response_url, { replace_original: true, ...message });
    }
  } catch (error) {
    deps.log.error('updating the excusal message failed', error);
  }
}
