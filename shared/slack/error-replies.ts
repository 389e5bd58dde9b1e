/**
 * What a person reads in Slack when a command fails: the use cases' typed errors, mapped here at the edge,
 * become a helpful ephemeral reply; anything else is logged and answered politely, never with a
 * stack trace.
 */
import type { StoreDeps } from '../app/deps.js';
import { AlertOverError, CommitmentNotFoundError } from '../app/errors.js';
import { describeIssues, ValidationError } from '../domain/validation-error.js';
import { ephemeral, escapeMrkdwn, type SlackReply } from './blocks.js';
import { notFoundReply, somethingWentWrongReply } from './replies.js';
import type { SlackLog } from './slack-log.js';

/** Commitment and department ids, for suggestions. */
export async function knownIds(stores: StoreDeps): Promise<string[]> {
  const [records, config] = await Promise.all([
    stores.commitments.list('active'),
    stores.commitments.getConfig(),
  ]);
  return [...records.map((r) => r.id), ...Object.keys(config?.departments ?? {})];
}

const USER_ERRORS = new Set([
  'INVALID_DURATION',
  'INVALID_SNOOZE',
  'PERIOD_CLOSED',
  'BAD_REQUEST',
  'INVALID_PERIOD_KEY',
]);

export async function replyForError(
  deps: { stores: StoreDeps; log: SlackLog },
  error: unknown,
): Promise<SlackReply> {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  try {
    if (error instanceof CommitmentNotFoundError) {
      return notFoundReply(error.commitmentId, await knownIds(deps.stores));
    }
    if (error instanceof ValidationError) {
      return ephemeral(`:warning: ${escapeMrkdwn(describeIssues(error.issues))}`);
    }
    if (error instanceof AlertOverError) {
      const id = escapeMrkdwn(error.commitmentId);
      const newer =
        error.openEpisode === undefined
          ? ''
          : ` A newer alert on \`${id}\` is open: use the buttons of its latest message, or \`/sla ack ${id}\`.`;
      return ephemeral(`:information_source: This alert is over, so nothing was changed.${newer}`);
    }
    if (code === 'NO_OPEN_ALERT') {
      return ephemeral(
        ':information_source: There is no open alert on that commitment right now (it is on track, or the alert already closed), so there is nothing to acknowledge or snooze.',
      );
    }
    if (code === 'CONCURRENT_UPDATE') {
      return ephemeral(
        ':arrows_counterclockwise: Someone changed the same alert at the same moment; please try again.',
      );
    }
    if (typeof code === 'string' && USER_ERRORS.has(code) && error instanceof Error) {
      return ephemeral(`:warning: ${escapeMrkdwn(error.message)}`);
    }
  } catch (secondary) {
    deps.log.error('building the error reply failed', secondary);
  }
  deps.log.error('slash command failed', error);
  return somethingWentWrongReply();
}
