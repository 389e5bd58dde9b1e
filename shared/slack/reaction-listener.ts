/**
 * After an acknowledgement or a snooze (from Slack, the API or the CLI), every Slack message of the
 * alert, in its current episode, is updated: the buttons give way to "Acknowledged by …". The
 * messages are found through the annotations the notifier recorded on the alert's notification claims.
 */
import type { ReactionListener } from '../app/alert-actions.js';
import { CodedError } from '../domain/coded-error.js';
import type { Department } from '../domain/model.js';
import type { AlertStore } from '../ports/alert-store.js';
import type { SlackPoster } from '../ports/slack-poster.js';
import { acknowledgedMessage, isActionable } from './alert-message.js';
import { clampMessage } from './limits.js';
import { recordedMessages } from './message-annotations.js';
import type { SlackLog } from './slack-log.js';

export interface ReactionListenerDeps {
  poster: SlackPoster;
  alerts: Pick<AlertStore, 'listClaims'>;
  /** Department names for the updated text; without it, ids are shown. */
  loadDepartments?: () => Promise<Record<string, Department>>;
  /** When given, failed updates are logged and the listener resolves; otherwise it throws. */
  log?: SlackLog;
}

export class SlackUpdateError extends CodedError {
  readonly code = 'SLACK_UPDATE_FAILED';
  constructor(readonly failures: Array<{ channel: string; ts: string; error: unknown }>) {
    super(
      `Could not update ${failures.length} Slack message(s): ${failures
        .map((f) => `${f.channel}/${f.ts}: ${(f.error as Error)?.message ?? String(f.error)}`)
        .join('; ')}`,
    );
  }
}

export function makeReactionListener(deps: ReactionListenerDeps): ReactionListener {
  return async (reaction) => {
    // Read again rather than trust the reaction's copy: the notifier may have posted since.
    const claims = await deps.alerts.listClaims(reaction.commitmentId, reaction.period);
    // Only the reacted-to alert's messages: earlier episodes of the period are over and keep saying so.
    const targets = claims
      .filter((claim) => isActionable(claim.notification.kind))
      .filter((claim) => claim.notification.episode === reaction.state.episode)
      .flatMap((claim) => recordedMessages(claim.annotations).map((m) => ({ claim, ...m })));
    if (targets.length === 0) return;
    const departments = (await deps.loadDepartments?.()) ?? {};
    const results = await Promise.allSettled(
      targets.map(({ claim, channel, ts }) => {
        const n = { ...claim.notification, timezone: claim.notification.timezone ?? reaction.timezone };
        const message = clampMessage(acknowledgedMessage(n, departments, reaction.state));
        return deps.poster.update({
          channel,
          ts,
          ...message,
          meta: { kind: n.kind, commitmentId: n.commitmentId, period: n.period, level: n.level },
        });
      }),
    );
    const failures = results.flatMap((result, i) => {
      const target = targets[i];
      return result.status === 'rejected' && target
        ? [{ channel: target.channel, ts: target.ts, error: result.reason as unknown }]
        : [];
    });
    if (failures.length === 0) return;
    const error = new SlackUpdateError(failures);
    if (!deps.log) throw error;
    deps.log.error('updating alert messages after a reaction failed', error);
  };
}
