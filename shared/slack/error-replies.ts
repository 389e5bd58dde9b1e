/**
 * What a person reads in Slack when a command fails: the use cases' typed errors, answered as the
 * shared error table says, become a helpful ephemeral reply; anything else is logged and answered
 * politely, never with a stack trace.
 */
import type { StoreDeps } from '../app/deps.js';
import { AlertOverError, CommitmentNotFoundError } from '../app/errors.js';
import type { CodedError } from '../domain/coded-error.js';
import { describeIssues, ValidationError } from '../domain/validation-error.js';
import { exposedAnswer, type SlackAnswer } from '../edge/error-table.js';
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

export async function replyForError(
  deps: { stores: StoreDeps; log: SlackLog },
  error: unknown,
): Promise<SlackReply> {
  const exposed = exposedAnswer(error);
  try {
    if (exposed) return await replyFor(deps.stores, exposed.error, exposed.answer.slack);
  } catch (secondary) {
    deps.log.error('building the error reply failed', secondary);
  }
  deps.log.error('slash command failed', error);
  return somethingWentWrongReply();
}

async function replyFor(stores: StoreDeps, error: CodedError, answer: SlackAnswer): Promise<SlackReply> {
  if (typeof answer === 'object') return ephemeral(answer.note);
  if (answer === 'not-found' && error instanceof CommitmentNotFoundError) {
    return notFoundReply(error.commitmentId, await knownIds(stores));
  }
  if (answer === 'issues' && error instanceof ValidationError) {
    return ephemeral(`:warning: ${escapeMrkdwn(describeIssues(error.issues))}`);
  }
  if (answer === 'forbidden') return ephemeral(`:no_entry: ${escapeMrkdwn(error.message)}`);
  if (answer === 'alert-over' && error instanceof AlertOverError) {
    const id = escapeMrkdwn(error.commitmentId);
    const newer =
      error.openEpisode === undefined
        ? ''
        : ` A newer alert on \`${id}\` is open: use the buttons of its latest message, or \`/sla ack ${id}\`.`;
    return ephemeral(`:information_source: This alert is over, so nothing was changed.${newer}`);
  }
  return ephemeral(`:warning: ${escapeMrkdwn(error.message)}`);
}
