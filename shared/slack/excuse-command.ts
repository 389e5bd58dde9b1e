/**
 * `/sla excuse <commitment> <from> <to> <caused-by> <reason>`, and the form `/sla excuse
 * <commitment>` opens: records an excusal through the same use case as the API, as the Slack user
 * who typed it. Dates are read in the commitment's zone, as
 * the people of that commitment speak of them: `2026-11-09` to `2026-11-10` is two whole local days.
 */
import { DateTime } from 'luxon';
import type { StoreDeps } from '../app/deps.js';
import { CommitmentNotFoundError } from '../app/errors.js';
import { decideOnExcusal } from '../app/excusal-decisions.js';
import { addExcusal } from '../app/excusals.js';
import { isSlug } from '../domain/config-schema.js';
import { latestVersion } from '../domain/judgement.js';
import { MAX_NOTE_LENGTH } from '../domain/limits.js';
import { slackActor } from '../domain/permissions.js';
import { ValidationError } from '../domain/validation-error.js';
import { ephemeral, escapeMrkdwn, type SlackReply, slackDate } from './blocks.js';
import type { SlaCommand } from './commands.js';
import type { ExcusalListener } from './excusal-message.js';
import type { SlackLog } from './slack-log.js';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What is claimed, as typed in `/sla excuse` or filled in its form; `id` makes a retry count once. */
export interface SlackExcusalClaim {
  commitmentId: string;
  from: string;
  to: string;
  causedBy: string;
  reason: string;
  id?: string;
}

export interface ExcusalDeps {
  stores: StoreDeps;
  onExcusal?: ExcusalListener;
  log: SlackLog;
}

export async function excuseCommand(
  deps: ExcusalDeps,
  command: Extract<SlaCommand, { kind: 'excuse' }>,
  userId: string,
): Promise<SlackReply> {
  const { kind: _kind, ...claim } = command;
  return (
    await recordSlackExcusal(deps, { ...claim, reason: claim.reason.slice(0, MAX_NOTE_LENGTH) }, userId)
  ).reply;
}

/**
 * Records the claim as the Slack user, tells the blamed department when it waits for them, and
 * says what happened. A repeat (the same id, or the same window and reason) records nothing and
 * tells nobody again.
 */
export async function recordSlackExcusal(
  deps: ExcusalDeps,
  claim: SlackExcusalClaim,
  userId: string,
): Promise<{ reply: SlackReply; duplicate: boolean }> {
  const { stores } = deps;
  const id = claim.commitmentId;
  const record = isSlug(id) ? await stores.commitments.get(id) : undefined;
  if (record?.state !== 'active') throw new CommitmentNotFoundError(id.slice(0, 80));
  const zone = latestVersion(record).definition.timezone;
  const from = instantOf(claim.from, zone, 'from', 'start');
  const to = instantOf(claim.to, zone, 'to', 'end');
  const outcome = await addExcusal(
    stores,
    id,
    {
      ...(claim.id === undefined ? {} : { id: claim.id }),
      from,
      to,
      causedBy: claim.causedBy,
      reason: claim.reason,
    },
    slackActor(userId),
  );
  const departments = (await stores.commitments.getConfig())?.departments ?? {};
  const blamed = departments[claim.causedBy]?.name ?? claim.causedBy;
  const window = `${slackDate(Date.parse(from), zone)} to ${slackDate(Date.parse(to), zone)}`;
  if (outcome.duplicate) {
    return {
      reply: ephemeral(`:repeat: This excusal on \`${id}\` was already recorded; nothing changed.`),
      duplicate: true,
    };
  }
  try {
    await deps.onExcusal?.(outcome.notice);
  } catch (error) {
    deps.log.error('telling the blamed department about an excusal failed', error);
  }
  const pending = outcome.excusal.status === 'pending';
  const next = pending
    ? ` It counts once ${escapeMrkdwn(blamed)} approves it (excusal \`${escapeMrkdwn(outcome.excusal.id)}\`).`
    : ' It counts from now.';
  const reply = ephemeral(
    `:memo: Recorded an excusal on \`${id}\` from ${window}, caused by ${escapeMrkdwn(blamed)}: “${escapeMrkdwn(claim.reason)}”.${next}`,
  );
  return { reply, duplicate: false };
}

/** `/sla approve|reject <commitment> <excusal>`, as the Slack user who typed it. */
export async function decideExcusalCommand(
  stores: StoreDeps,
  command: Extract<SlaCommand, { kind: 'decideExcusal' }>,
  userId: string,
): Promise<SlackReply> {
  const outcome = await decideOnExcusal(
    stores,
    command.commitmentId,
    command.excusalId,
    command.decision,
    slackActor(userId),
  );
  const what = `excusal \`${escapeMrkdwn(command.excusalId)}\` on \`${command.commitmentId}\``;
  if (outcome.excusal.status === 'approved') {
    return ephemeral(
      `:white_check_mark: ${outcome.changed ? 'Approved' : 'Already approved:'} ${what}; it now lowers the target or pauses timers.`,
    );
  }
  return ephemeral(`:x: ${outcome.changed ? 'Rejected' : 'Already rejected:'} ${what}; it does not count.`);
}

/** A local date (its start, or for `to` its end), a local date-time, or an instant with its offset. */
function instantOf(text: string, zone: string, path: 'from' | 'to', side: 'start' | 'end'): string {
  const parsed = DateTime.fromISO(text, { zone, setZone: true });
  if (!parsed.isValid) {
    throw new ValidationError([
      {
        path,
        message: `must be a date such as 2026-11-09 (a whole day in ${zone}) or a date-time such as 2026-11-09T14:00, got '${text.slice(0, 40)}'`,
      },
    ]);
  }
  const moment = LOCAL_DATE.test(text) && side === 'end' ? parsed.plus({ days: 1 }) : parsed;
  return moment.toISO({ suppressMilliseconds: true }) as string;
}
