/**
 * `/sla excuse <commitment>` in a form: opening it (views.open with the command's trigger_id) and
 * recording what comes back (a `view_submission`) through the same use case, permissions and
 * confirmation as the one-line command. A mistake keeps the form open with the message under the
 * field it is about; a recorded claim closes it.
 */
import { CommitmentNotFoundError, PeriodClosedError } from '../app/errors.js';
import { accessRules, authorize } from '../app/permissions.js';
import { localDateOf } from '../domain/digest/review-due.js';
import { isSlug } from '../domain/field-rules.js';
import { latestVersion, periodAt } from '../domain/judgement.js';
import { rolesFor, slackActor } from '../domain/permissions.js';
import { ValidationError } from '../domain/validation-error.js';
import { exposedAnswer } from '../edge/error-table.js';
import type { SlackPoster } from '../ports/slack-poster.js';
import { ephemeral, type SlackReply } from './blocks.js';
import { USAGE } from './commands.js';
import { type ExcusalDeps, recordSlackExcusal } from './excuse-command.js';
import {
  blameableDepartments,
  type ExcuseField,
  type ExcuseFormClaim,
  excuseModal,
  fieldErrors,
  readExcuseForm,
  type SubmittedView,
} from './excuse-modal.js';
import { clampMessage } from './limits.js';

export interface ExcuseFormDeps extends ExcusalDeps {
  poster?: SlackPoster;
}

/**
 * Opens the form, or says why not: an unknown commitment and a refusal are told at once rather
 * than after the form is filled. Nothing to say (undefined) once the form is open.
 */
export async function openExcuseForm(
  deps: ExcuseFormDeps,
  commitmentId: string,
  request: { userId: string; triggerId?: string | undefined },
): Promise<SlackReply | undefined> {
  const { stores } = deps;
  const record = isSlug(commitmentId) ? await stores.commitments.get(commitmentId) : undefined;
  if (record?.state !== 'active') throw new CommitmentNotFoundError(commitmentId.slice(0, 80));
  const now = stores.clock.now();
  const inForce = periodAt(record, now).version.definition;
  const rules = await accessRules(stores);
  // Where the rules admit by the department blamed, who may is only known once it is picked.
  if (!rolesFor('excuse', inForce, rules).includes('causedBy')) {
    authorize(rules, slackActor(request.userId), 'excuse', inForce);
  }
  const definition = latestVersion(record).definition;
  if (blameableDepartments(rules.departments, definition.provider).length === 0) {
    return ephemeral(
      ':information_source: There is no other department to blame: an excusal records a delay another department caused.',
    );
  }
  const oneLine = `Type it in one line instead: ${USAGE.excuse}`;
  const open = deps.poster?.openModal?.bind(deps.poster);
  if (!request.triggerId || !open) return ephemeral(`:information_source: ${oneLine}`);
  try {
    await open(
      request.triggerId,
      excuseModal({
        commitmentId: record.id,
        title: definition.title,
        provider: definition.provider,
        timezone: definition.timezone,
        today: localDateOf(now, definition.timezone),
        departments: rules.departments,
      }),
    );
  } catch (error) {
    deps.log.error('opening the excusal form failed', error);
    return ephemeral(`:warning: The excusal form could not be opened. ${oneLine}`);
  }
  return undefined;
}

/** What a view_submission is answered with: field errors, or nothing (the form closes). */
export type SubmissionAnswer = ReturnType<typeof fieldErrors> | undefined;

/**
 * Records the submitted claim. The view's id is the excusal's key: Slack may send one submission
 * twice, and the form is one claim however often it is sent.
 */
export async function submitExcuseForm(
  deps: ExcuseFormDeps,
  submission: { userId: string; view: SubmittedView & { id: string } },
): Promise<SubmissionAnswer> {
  const reading = readExcuseForm(submission.view);
  if (!reading.ok) return fieldErrors(reading.errors);
  let recorded: Awaited<ReturnType<typeof recordSlackExcusal>>;
  try {
    recorded = await recordSlackExcusal(
      deps,
      { ...reading.claim, id: `slack-${submission.view.id}` },
      submission.userId,
    );
  } catch (error) {
    return fieldErrors(errorsOf(deps, error, reading.claim));
  }
  if (!recorded.duplicate) await confirm(deps, submission.userId, reading.claim, recorded.reply);
  return undefined;
}

/**
 * The confirmation goes as a direct message: a form has no channel to answer in, and an ephemeral
 * note in the channel the command came from needs the app to be a member of it, which a slash
 * command does not. A failed message does not undo the recorded claim.
 */
async function confirm(deps: ExcuseFormDeps, userId: string, claim: ExcuseFormClaim, reply: SlackReply) {
  if (!deps.poster) return;
  try {
    await deps.poster.post({
      channel: userId,
      ...clampMessage({ text: reply.text, blocks: reply.blocks }),
      meta: { kind: 'excusal_recorded', commitmentId: claim.commitmentId },
    });
  } catch (error) {
    deps.log.error('confirming a recorded excusal by direct message failed', error);
  }
}

const FIELD_OF_PATH: Record<string, ExcuseField> = {
  from: 'from',
  to: 'to',
  causedBy: 'causedBy',
  reason: 'reason',
};

/**
 * The use case's refusal, under the field it is about. What concerns the whole claim (an unknown
 * commitment, a refusal, a closed period) goes under the first field, where it is read first.
 */
function errorsOf(
  deps: ExcuseFormDeps,
  error: unknown,
  claim: ExcuseFormClaim,
): Partial<Record<ExcuseField, string>> {
  if (error instanceof ValidationError) {
    const errors: Partial<Record<ExcuseField, string>> = {};
    for (const issue of error.issues) {
      const field = FIELD_OF_PATH[issue.path] ?? 'from';
      const message = `${capitalised(issue.message)}.`;
      errors[field] = errors[field] ? `${errors[field]} ${message}` : message;
    }
    return errors;
  }
  if (error instanceof CommitmentNotFoundError) {
    return { from: `There is no active commitment '${claim.commitmentId}' any more; nothing was recorded.` };
  }
  if (error instanceof PeriodClosedError) return { from: error.message };
  if (exposedAnswer(error)) return { from: (error as Error).message };
  deps.log.error('recording an excusal from the form failed', error);
  return { from: 'Something went wrong on our side; it has been logged. Please try again in a minute.' };
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
