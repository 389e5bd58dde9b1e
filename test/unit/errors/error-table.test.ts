import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError, UsageError } from '../../../cli/errors.js';
import { InfraConfigError } from '../../../infra/config.js';
import { DataDirError } from '../../../local/data-dir.js';
import { DynamoDbLocalStartError } from '../../../local/dynamodb-local.js';
import { JavaMissingError } from '../../../local/java.js';
import { RequestTooLargeError } from '../../../local/lambda-bridge.js';
import { ConfigFileError } from '../../../local/runtime.js';
import { PortInUseError } from '../../../local/server.js';
import { UnprocessedKeysError } from '../../../shared/adapters/dynamodb/paging.js';
import { SecretValueError } from '../../../shared/adapters/secrets.js';
import { VersionMismatchError } from '../../../shared/app/commitments.js';
import type { StoreDeps } from '../../../shared/app/deps.js';
import {
  AlertOverError,
  BadRequestError,
  CommitmentNotFoundError,
  ConcurrentUpdateError,
  EventNotFoundError,
  EventNotVoidableError,
  ExcusalNotFoundError,
  ForbiddenError,
  PeriodClosedError,
} from '../../../shared/app/errors.js';
import { DeliveryInProgressError, SlackNotifyError } from '../../../shared/app/slack-alert-delivery.js';
import {
  AlertStateMismatchError,
  InvalidSnoozeError,
  initialAlertState,
  NoOpenAlertError,
} from '../../../shared/domain/alerts/alert-state.js';
import { CalendarNeverOpensError } from '../../../shared/domain/calendar.js';
import { PeriodNotEndedError } from '../../../shared/domain/close.js';
import { type CodedError, ERROR_CODES, type ErrorCode } from '../../../shared/domain/coded-error.js';
import { InvalidDurationError } from '../../../shared/domain/duration.js';
import { ExcusalDecidedError } from '../../../shared/domain/excusals.js';
import { InvalidTimeZoneError } from '../../../shared/domain/local-time.js';
import {
  AggregateMismatchError,
  IncompleteDefinitionError,
  InvalidInstantError,
} from '../../../shared/domain/measures/errors.js';
import { InvalidPeriodKeyError } from '../../../shared/domain/periods.js';
import { ValidationError } from '../../../shared/domain/validation-error.js';
import { ERROR_TABLE, INTERNAL } from '../../../shared/edge/error-table.js';
import { toProblem } from '../../../shared/http/error-mapper.js';
import { HttpProblem } from '../../../shared/http/problem.js';
import { HolidaySourceError } from '../../../shared/ports/holiday-sources.js';
import { replyForError } from '../../../shared/slack/error-replies.js';
import { InvalidNotificationError } from '../../../shared/slack/notification-message.js';
import { SlackUpdateError } from '../../../shared/slack/reaction-listener.js';
import { ResponseUrlError } from '../../../shared/slack/response-url.js';
import { SlackSecretError } from '../../../shared/slack/slack-secret.js';
import { SlackPostError } from '../../../shared/slack/web-api-poster.js';

// Internal messages carry this, so a test can tell whether any of it reached the person.
const SECRET = 'internal-detail-7f3a';

/** One error of every class in the code base; the first test keeps this list complete. */
const SAMPLES: CodedError[] = [
  new ValidationError([{ path: 'target', message: 'must be > 0' }]),
  new BadRequestError("'period' must be a period key", 'period'),
  new InvalidPeriodKeyError('2026-X1'),
  new InvalidDurationError('3 parsecs'),
  new InvalidSnoozeError('until must be in the future'),
  new CommitmentNotFoundError('sales-replies'),
  new ConcurrentUpdateError("The alert of 'sales-replies'"),
  new VersionMismatchError('sales-replies', 2, 3),
  new PeriodClosedError('sales-replies', '2026-11'),
  new NoOpenAlertError('sales-replies', '2026-11'),
  new AlertOverError('sales-replies', '2026-11', 1, 2),
  new EventNotFoundError('sales-replies', 'lead-17'),
  new EventNotVoidableError('website-availability', 'outage-3', 'availability'),
  ForbiddenError.refused('snooze', 'sales-replies', ["Sales's lead", 'an admin']),
  new ExcusalNotFoundError('sales-replies', 'x1'),
  new ExcusalDecidedError('x1', 'rejected', 'U0SALESLEAD'),
  new HttpProblem(415, 'Unsupported media type', 'Send application/json.'),
  new IncompleteDefinitionError(SECRET, 'target'),
  new AggregateMismatchError(SECRET, 'ratio', 'total'),
  new InvalidInstantError(Number.NaN, SECRET),
  new InvalidTimeZoneError(SECRET),
  new PeriodNotEndedError(SECRET, '2026-11'),
  new CalendarNeverOpensError(SECRET),
  new AlertStateMismatchError(initialAlertState(SECRET, '2026-11'), 'other', '2026-11'),
  new HolidaySourceError(SECRET, 'country'),
  new UnprocessedKeysError(3),
  new SlackPostError(SECRET),
  new SlackUpdateError([{ channel: 'C1', ts: '1.2', error: new Error(SECRET) }]),
  new ResponseUrlError(502),
  new SlackSecretError(SECRET),
  new SecretValueError(SECRET),
  new SlackNotifyError([new Error(SECRET)]),
  new InvalidNotificationError(SECRET),
  new DeliveryInProgressError(SECRET, 'C1'),
  new InfraConfigError([{ path: 'alarmEmail', message: SECRET }], 'prod'),
  new DynamoDbLocalStartError(SECRET),
  new JavaMissingError(SECRET),
  new PortInUseError(SECRET, 3000),
  new RequestTooLargeError(SECRET),
  new ConfigFileError(SECRET),
  new DataDirError(SECRET),
  new UsageError(SECRET),
  new ApiError(500, { detail: SECRET }, {}),
  new NetworkError(SECRET, 'ECONNREFUSED'),
];

const CODES = Object.keys(ERROR_CODES) as ErrorCode[];
const GENERIC_SLACK = 'Something went wrong on our side';

const stores = {
  commitments: { list: async () => [{ id: 'sales-replies' }], getConfig: async () => undefined },
} as unknown as StoreDeps;

function slackDeps() {
  const logged: unknown[] = [];
  return { deps: { stores, log: { error: (_m: string, e: unknown) => logged.push(e), warn() {} } }, logged };
}

function problemOf(error: unknown) {
  const logged: unknown[] = [];
  const result = toProblem(error, (e) => logged.push(e)) as { statusCode: number; body: string };
  return { status: result.statusCode, body: JSON.parse(result.body), raw: result.body, logged };
}

describe('the error table', () => {
  it('has one sample error per code, and every code is carried by some error class', () => {
    expect(SAMPLES.map((e) => e.code).sort()).toEqual([...CODES].sort());
  });

  it.each(CODES)('answers %s: a 4xx and a Slack reply when shown, internal otherwise', (code) => {
    const entry = ERROR_TABLE[code];
    if (!ERROR_CODES[code]) {
      expect(entry).toBe(INTERNAL);
      return;
    }
    if (entry === INTERNAL) throw new Error(`${code} may be shown but has no answer`);
    expect(entry.status).toBeGreaterThanOrEqual(400);
    expect(entry.status).toBeLessThan(500);
    expect(entry.title).not.toBe('');
    expect(entry.slack).toBeDefined();
  });
});

describe.each(SAMPLES.map((error) => [error.name, error] as const))('%s', (name, error) => {
  it('is named after its class and keeps its code', () => {
    expect(error).toBeInstanceOf(Error);
    expect(error.constructor.name).toBe(name);
    expect(error.name).toBe(name);
    expect(ERROR_CODES).toHaveProperty(error.code);
    // `expose` is derived, so an error logged field by field shows only what it did before.
    expect(Object.keys(error)).not.toContain('expose');
  });

  if (error.expose) {
    it('is answered in HTTP with its 4xx, its title and its message', () => {
      const entry = ERROR_TABLE[error.code];
      if (entry === INTERNAL) throw new Error('no answer');
      const { status, body, logged } = problemOf(error);
      const expected = error instanceof HttpProblem ? error.statusCode : entry.status;
      expect(status).toBe(expected);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect(body.title).toBe(error instanceof HttpProblem ? error.title : entry.title);
      expect(body.detail).toBe(error.message);
      expect(logged).toEqual([]);
    });

    it('is answered in Slack with a reply of its own, not the generic one', async () => {
      const { deps, logged } = slackDeps();
      const reply = await replyForError(deps, error);
      expect(JSON.stringify(reply)).not.toContain(GENERIC_SLACK);
      expect(logged).toEqual([]);
    });
  } else {
    it('leaks nothing in HTTP: a bare 500, and the error logged', () => {
      const { status, body, raw, logged } = problemOf(error);
      expect(status).toBe(500);
      expect(body.title).toBe('Internal error');
      expect(raw).not.toContain(SECRET);
      expect(raw).not.toContain(error.message);
      expect(logged).toEqual([error]);
    });

    it('leaks nothing in Slack: the generic reply, and the error logged', async () => {
      const { deps, logged } = slackDeps();
      const reply = await replyForError(deps, error);
      const text = JSON.stringify(reply);
      expect(text).toContain(GENERIC_SLACK);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(error.message);
      expect(logged).toEqual([error]);
    });
  }
});

describe('a refusal', () => {
  const refusal = ForbiddenError.refused('snooze', 'sales-replies', ["Sales's lead", 'an admin']);

  it('is a 403 in HTTP that says who may', () => {
    const { status, body } = problemOf(refusal);
    expect(status).toBe(403);
    expect(body).toMatchObject({
      title: 'Forbidden',
      detail:
        "You may not snooze the alert on 'sales-replies': only Sales's lead or an admin may. Nothing was changed.",
    });
  });

  it('is an ephemeral Slack reply that says who may', async () => {
    const reply = await replyForError(slackDeps().deps, refusal);
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    expect(reply.text).toContain(":no_entry: You may not snooze the alert on 'sales-replies': only Sales");
    expect(reply.text).toContain('or an admin may');
  });
});

describe('errors that are not coded', () => {
  const plain = Object.assign(new Error(`db password ${SECRET}`), { code: 'BAD_REQUEST' });

  it('are a bare 500 in HTTP, even with a code-like field, and logged', () => {
    const { status, raw, logged } = problemOf(plain);
    expect(status).toBe(500);
    expect(raw).not.toContain(SECRET);
    expect(logged).toEqual([plain]);
  });

  it('are the generic reply in Slack, and logged', async () => {
    const { deps, logged } = slackDeps();
    const text = JSON.stringify(await replyForError(deps, plain));
    expect(text).toContain(GENERIC_SLACK);
    expect(text).not.toContain(SECRET);
    expect(logged).toEqual([plain]);
  });
});

describe('the Slack replies the table names', () => {
  it('reads the use cases errors as before', async () => {
    const { deps } = slackDeps();
    const text = async (error: CodedError) => JSON.stringify(await replyForError(deps, error));
    expect(await text(new NoOpenAlertError('x', '2026-11'))).toContain('There is no open alert');
    expect(await text(new ConcurrentUpdateError('x'))).toContain(':arrows_counterclockwise:');
    expect(await text(new AlertOverError('x', '2026-11', 1, 2))).toContain('A newer alert on `x` is open');
    expect(await text(new AlertOverError('x', '2026-11', 1))).not.toContain('newer');
    expect(await text(new ValidationError([{ path: 'a', message: 'must be set' }], 'custom'))).toContain(
      'a: must be set',
    );
    expect(await text(new CommitmentNotFoundError('sales-replie'))).toContain('sales-replies');
    expect(await text(new PeriodClosedError('x', '2026-11'))).toContain(':warning: Period 2026-11');
  });
});
