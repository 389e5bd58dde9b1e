/**
 * Errors that use cases raise. Each carries a `code`; only the HTTP and Slack edges decide the
 * status code and the wording people see, so the same error reads right in HTTP and in Slack.
 */
import { CodedError } from '../domain/coded-error.js';
import type { PermissionAction } from '../domain/model.js';
import { whoMayText } from '../domain/permissions.js';

export class CommitmentNotFoundError extends CodedError {
  readonly code = 'COMMITMENT_NOT_FOUND';
  constructor(readonly commitmentId: string) {
    super(`No active commitment with id '${commitmentId}'.`);
  }
}

export class ConcurrentUpdateError extends CodedError {
  readonly code = 'CONCURRENT_UPDATE';
  constructor(what: string) {
    super(`${what} was changed by someone else at the same time; read it again and retry.`);
  }
}

/** A reaction aimed at one alert (a Slack button) found that alert closed, or a newer one open. */
export class AlertOverError extends CodedError {
  readonly code = 'ALERT_OVER';
  constructor(
    readonly commitmentId: string,
    readonly periodKey: string,
    readonly episode: number,
    /** The episode open now, when a newer alert has opened since. */
    readonly openEpisode?: number,
  ) {
    super(`The alert of '${commitmentId}' in period ${periodKey} (episode ${episode}) is over.`);
  }
}

export class PeriodClosedError extends CodedError {
  readonly code = 'PERIOD_CLOSED';
  constructor(
    readonly commitmentId: string,
    readonly periodKey: string,
  ) {
    super(`Period ${periodKey} of '${commitmentId}' is closed; its result is final.`);
  }
}

export class BadRequestError extends CodedError {
  readonly code = 'BAD_REQUEST';
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

export class EventNotFoundError extends CodedError {
  readonly code = 'EVENT_NOT_FOUND';
  constructor(
    readonly commitmentId: string,
    readonly eventId: string,
  ) {
    super(`Commitment '${commitmentId}' has no recorded event '${eventId}' (events are kept for 400 days).`);
  }
}

/** Timers and outages are state machines: taking one event out would rewrite what came after it. */
export class EventNotVoidableError extends CodedError {
  readonly code = 'EVENT_NOT_VOIDABLE';
  constructor(
    readonly commitmentId: string,
    readonly eventId: string,
    measure: string,
  ) {
    super(
      `Event '${eventId}' of '${commitmentId}' cannot be voided: only total and ratio events can; a ${measure} event changes a subject's timer or an outage, so send the correcting event (a stop, an up) instead.`,
    );
  }
}

export class ExcusalNotFoundError extends CodedError {
  readonly code = 'EXCUSAL_NOT_FOUND';
  constructor(
    readonly commitmentId: string,
    readonly excusalId: string,
  ) {
    super(`No excusal '${excusalId}' on '${commitmentId}' in a period that is still open.`);
  }
}

const ACTION_WORDS: Record<PermissionAction, string> = {
  log: 'log work',
  ack: 'acknowledge the alert',
  snooze: 'snooze the alert',
  excuse: 'record an excusal',
  approveExcusal: 'approve or reject the excusal',
};

/** The actor holds none of the roles the action needs; `who` lists the people who may. */
export class ForbiddenError extends CodedError {
  readonly code = 'FORBIDDEN';
  constructor(
    message: string,
    readonly who: readonly string[],
  ) {
    super(message);
  }

  static refused(action: PermissionAction, commitmentId: string, who: readonly string[]): ForbiddenError {
    return new ForbiddenError(
      `You may not ${ACTION_WORDS[action]} on '${commitmentId}': only ${whoMayText(who)} may. Nothing was changed.`,
      who,
    );
  }
}
