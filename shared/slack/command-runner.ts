/**
 * Runs a parsed `/sla` command against the stores and shapes the reply. Each command is a few
 * DynamoDB reads (and at most one write), well inside Slack's 3-second limit. Errors the user can
 * fix become a helpful ephemeral reply; anything else is logged and answered politely.
 */
import {
  type AlertReaction,
  acknowledgeAlert,
  type ReactionListener,
  snoozeAlert,
} from '../app/alert-actions.js';
import type { StoreDeps } from '../app/deps.js';
import { CommitmentNotFoundError } from '../app/errors.js';
import { handEnteredCount } from '../app/event-history.js';
import { accessRules, authorize } from '../app/permissions.js';
import { recordEvents } from '../app/record-events.js';
import { getStatus, listStatus } from '../app/status.js';
import { lateSubjectsOf } from '../app/subjects.js';
import { parseSpan, spanWords } from '../domain/duration.js';
import { isSlug } from '../domain/field-rules.js';
import { latestVersion, periodAt } from '../domain/judgement.js';
import type { Department } from '../domain/model.js';
import { slackActor } from '../domain/permissions.js';
import { describeIssues } from '../domain/validation-error.js';
import type { CommitmentRecord } from '../ports/commitment-store.js';
import type { SlackPoster } from '../ports/slack-poster.js';
import { formatAmount } from '../presentation/status-line.js';
import { context, ephemeral, escapeMrkdwn, type SlackReply, section, slackDate, who } from './blocks.js';
import type { SlaCommand } from './commands.js';
import { knownIds, replyForError } from './error-replies.js';
import type { ExcusalListener } from './excusal-message.js';
import { decideExcusalCommand, excuseCommand } from './excuse-command.js';
import { openExcuseForm } from './excuse-form.js';
import {
  helpReply,
  noConfigReply,
  notLoggableReply,
  unknownSubcommandReply,
  unknownUserReply,
  usageReply,
} from './replies.js';
import type { SlackLog } from './slack-log.js';
import {
  countsText,
  type Departments,
  nameOf,
  statusDetailMessage,
  statusListMessage,
  statusText,
} from './status-blocks.js';

export interface SlackCommandDeps {
  stores: StoreDeps;
  onReaction?: ReactionListener;
  /** Told when an excusal waits for approval. */
  onExcusal?: ExcusalListener;
  /** Opens forms and sends direct messages; without it, `/sla excuse <id>` asks for the one-line form. */
  poster?: SlackPoster;
  log: SlackLog;
}

export interface CommandRequest {
  userId: string;
  channelId: string;
  /** The same for Slack's retries of one request (derived from its trigger_id): events logged count once. */
  requestKey: string;
  /** Slack's trigger_id, which opening a form needs (within 3 seconds of the command). */
  triggerId?: string;
}

/** The departments a person speaks for: as lead or member, or because of the channel they are in. */
export function departmentsOf(userId: string, channelId: string, departments: Departments): Department[] {
  return Object.values(departments).filter(
    (d) =>
      d.slack.lead === userId ||
      d.slack.members.includes(userId) ||
      (channelId !== '' && d.slack.channel === channelId),
  );
}

/** The reply, or undefined when there is nothing to say (a form opened instead). */
export async function runCommand(
  deps: SlackCommandDeps,
  command: SlaCommand,
  request: CommandRequest,
): Promise<SlackReply | undefined> {
  try {
    return await dispatch(deps, command, request);
  } catch (error) {
    return replyForError(deps, error);
  }
}

async function dispatch(
  deps: SlackCommandDeps,
  command: SlaCommand,
  request: CommandRequest,
): Promise<SlackReply | undefined> {
  switch (command.kind) {
    case 'help':
      return helpReply();
    case 'invalid':
      return usageReply(command.subcommand, command.problem);
    case 'mine':
      return mine(deps, request, command.public);
    case 'status':
      return status(deps, command.target, command.public);
    case 'log':
      return logWork(deps, command, request);
    case 'ack': {
      const reaction = await acknowledgeAlert(
        deps.stores,
        command.commitmentId,
        { by: request.userId, ...(command.note ? { note: command.note.slice(0, 1000) } : {}) },
        slackActor(request.userId),
      );
      await notifyReaction(deps, reaction, 'acknowledged');
      return ephemeral(
        `:white_check_mark: You acknowledged the alert on \`${command.commitmentId}\` (${reaction.period}, level ${reaction.state.level}): it will not escalate further.`,
      );
    }
    case 'snooze': {
      const reaction = await snoozeAlert(
        deps.stores,
        command.commitmentId,
        { by: request.userId, for: command.duration },
        slackActor(request.userId),
      );
      await notifyReaction(deps, reaction, 'snoozed');
      const until = reaction.state.snoozedUntil as number;
      return ephemeral(
        `:zzz: Snoozed the alert on \`${command.commitmentId}\` for ${spanWords(parseSpan(command.duration))}, until ${slackDate(until, reaction.timezone)}. Escalation resumes then unless someone acknowledges it.`,
      );
    }
    case 'excuse':
      return excuseCommand(deps, command, request.userId);
    case 'excuseForm':
      return openExcuseForm(deps, command.commitmentId, request);
    case 'decideExcusal':
      return decideExcusalCommand(deps.stores, command, request.userId);
    case 'unknown': {
      const word = command.word.toLowerCase();
      const ids = await knownIds(deps.stores);
      const rest = command.rest.map((w) => w.toLowerCase());
      if (ids.includes(word) && (rest.length === 0 || (rest.length === 1 && rest[0] === 'public'))) {
        return status(deps, word, rest[0] === 'public');
      }
      return unknownSubcommandReply(command.word, ids);
    }
  }
}

/** Tells the listener (which updates the alert's Slack messages); its failure must not undo the reaction. */
export async function notifyReaction(
  deps: { onReaction?: ReactionListener; log: SlackLog },
  reaction: AlertReaction,
  kind: 'acknowledged' | 'snoozed',
): Promise<void> {
  try {
    await deps.onReaction?.(reaction, kind);
  } catch (error) {
    deps.log.error('updating the alert messages after a reaction failed', error);
  }
}

async function mine(deps: SlackCommandDeps, request: CommandRequest, isPublic: boolean): Promise<SlackReply> {
  const config = await deps.stores.commitments.getConfig();
  if (!config) return noConfigReply();
  const mineList = departmentsOf(request.userId, request.channelId, config.departments);
  if (mineList.length === 0) return unknownUserReply(request.userId, config.departments);
  return departmentsListing(deps, mineList, config.departments, isPublic);
}

async function departmentsListing(
  deps: SlackCommandDeps,
  chosen: Department[],
  departments: Departments,
  isPublic: boolean,
): Promise<SlackReply> {
  const ids = new Set(chosen.map((d) => d.id));
  const all = await listStatus(deps.stores);
  const asProvider = all.filter((s) => ids.has(s.provider));
  const asConsumer = all.filter((s) => !ids.has(s.provider) && ids.has(s.consumer));
  const names = chosen.map((d) => d.name).join(', ');
  const period = all[0]?.evaluation.period;
  return statusListMessage({
    heading: `SLA status: ${names}`,
    intro: `${countsText([...asProvider, ...asConsumer])}${period ? ` · period ${period}` : ''} · \`/sla help\` for commands`,
    groups: [
      { title: `${names} delivers`, items: asProvider, empty: 'No commitments as provider.' },
      { title: `${names} receives`, items: asConsumer, empty: 'No commitments as consumer.' },
    ],
    departments,
    public: isPublic,
  });
}

async function status(deps: SlackCommandDeps, target: string, isPublic: boolean): Promise<SlackReply> {
  const config = await deps.stores.commitments.getConfig();
  const departments = config?.departments ?? {};
  const department = Object.hasOwn(departments, target) ? departments[target] : undefined;
  if (department) return departmentsListing(deps, [department], departments, isPublic);
  const record = await activeRecord(deps.stores, target);
  const now = deps.stores.clock.now();
  const { period, version } = periodAt(record, now);
  const definition = version.definition;
  const [evaluation, alert, lateSubjects, handEntered] = await Promise.all([
    getStatus(deps.stores, target),
    deps.stores.alerts.get(target, period.key),
    lateSubjectsOf(deps.stores, { definition, periodKey: period.key, at: now }),
    handEnteredCount(deps.stores, target, period.key),
  ]);
  return statusDetailMessage({
    item: {
      evaluation,
      title: definition.title,
      provider: definition.provider,
      consumer: definition.consumer,
      timezone: definition.timezone,
    },
    departments,
    ...(definition.derivation ? { derivation: definition.derivation } : {}),
    ...(alert ? { alert } : {}),
    ...(lateSubjects ? { lateSubjects } : {}),
    handEntered,
    public: isPublic,
  });
}

async function logWork(
  deps: SlackCommandDeps,
  command: Extract<SlaCommand, { kind: 'log' }>,
  request: CommandRequest,
): Promise<SlackReply> {
  const record = await activeRecord(deps.stores, command.commitmentId);
  const definition = latestVersion(record).definition;
  const inForce = periodAt(record, deps.stores.clock.now()).version.definition;
  authorize(await accessRules(deps.stores), slackActor(request.userId), 'log', inForce);
  if (definition.measure !== 'total') return notLoggableReply(record.id, definition.measure);
  const note = command.note === undefined ? undefined : command.note.slice(0, 500);
  const report = await recordEvents(
    deps.stores,
    record.id,
    [
      {
        id: `slack-${request.requestKey}`,
        value: command.amount,
        ...(note ? { note } : {}),
        source: `slack:${request.userId}`.slice(0, 100),
      },
    ],
    { by: request.userId, via: 'slack' },
  );
  const rejected = report.rejected[0];
  if (rejected) {
    return ephemeral(`:warning: Nothing was logged: ${escapeMrkdwn(describeIssues(rejected.errors))}`);
  }
  const departments = (await deps.stores.commitments.getConfig())?.departments ?? {};
  const evaluation = await getStatus(deps.stores, record.id);
  const amount = `${formatAmount(command.amount)} ${escapeMrkdwn(definition.unit)}`;
  const headline =
    report.duplicates > 0
      ? `:repeat: Already logged: this request was counted once (${amount}).`
      : `:white_check_mark: Logged ${amount} for *${escapeMrkdwn(definition.title)}* by ${who(request.userId)}${note ? `: “${escapeMrkdwn(note)}”` : ''}.`;
  const item = {
    evaluation,
    title: definition.title,
    provider: definition.provider,
    consumer: definition.consumer,
  };
  return {
    response_type: 'ephemeral',
    text: headline,
    blocks: [
      section(headline),
      section(statusText(item, departments)),
      context(
        `\`${record.id}\` · ${escapeMrkdwn(nameOf(departments, definition.provider))} → ${escapeMrkdwn(nameOf(departments, definition.consumer))}`,
      ),
    ],
  };
}

async function activeRecord(stores: StoreDeps, id: string): Promise<CommitmentRecord> {
  // Ids are lowercase slugs of at most 64 characters; anything else names no commitment.
  if (!isSlug(id)) throw new CommitmentNotFoundError(id.slice(0, 80));
  const record = await stores.commitments.get(id);
  if (record?.state !== 'active') throw new CommitmentNotFoundError(id);
  return record;
}
