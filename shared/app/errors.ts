/**
 * Errors that use cases raise. Each carries a `code`; only the HTTP and Slack edges decide the
 * status code and the wording people see, so the same error reads right in HTTP and in Slack.
 */

export class CommitmentNotFoundError extends Error {
  readonly code = 'COMMITMENT_NOT_FOUND';
  constructor(readonly commitmentId: string) {
    super(`No active commitment with id '${commitmentId}'.`);
    this.name = 'CommitmentNotFoundError';
  }
}

export class ConcurrentUpdateError extends Error {
  readonly code = 'CONCURRENT_UPDATE';
  constructor(what: string) {
    super(`${what} was changed by someone else at the same time; read it again and retry.`);
    this.name = 'ConcurrentUpdateError';
  }
}

/** A reaction aimed at one alert (a Slack button) found that alert closed, or a newer one open. */
export class AlertOverError extends Error {
  readonly code = 'ALERT_OVER';
  constructor(
    readonly commitmentId: string,
    readonly periodKey: string,
    readonly episode: number,
    /** The episode open now, when a newer alert has opened since. */
    readonly openEpisode?: number,
  ) {
    super(`The alert of '${commitmentId}' in period ${periodKey} (episode ${episode}) is over.`);
    this.name = 'AlertOverError';
  }
}

export class PeriodClosedError extends Error {
  readonly code = 'PERIOD_CLOSED';
  constructor(
    readonly commitmentId: string,
    readonly periodKey: string,
  ) {
    super(`Period ${periodKey} of '${commitmentId}' is closed; its result is final.`);
    this.name = 'PeriodClosedError';
  }
}

export class BadRequestError extends Error {
  readonly code = 'BAD_REQUEST';
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'BadRequestError';
  }
}
