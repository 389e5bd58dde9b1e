import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { Duration } from 'luxon';
import * as z from 'zod';
import { isoInstant } from '../shared/domain/instant-format.js';
import { lazy } from '../shared/domain/lazy.js';
import { issuesFromZod, ValidationError } from '../shared/domain/validation-error.js';
import { toProblem } from '../shared/http/error-mapper.js';
import { HttpProblem, json } from '../shared/http/problem.js';
import { jsonBody } from '../shared/http/request.js';
import { localTimeWords } from '../shared/presentation/local-time-words.js';
import type { LocalClock } from './local-clock.js';
import type { Schedules } from './scheduler.js';

/** Every schedule runs on the way, so a move is bounded: a year is 35,000 evaluator runs. */
const MAX_CLOCK_MOVE_MS = 366 * 24 * 3600_000;

const bodySchema = lazy(() =>
  z.union([
    z.strictObject({
      to: z.iso.datetime({
        offset: true,
        error: 'must be an ISO-8601 instant, e.g. 2026-11-19T08:00:00-05:00',
      }),
    }),
    z.strictObject({ advance: z.string({ error: 'must be an ISO-8601 duration, e.g. PT8H or P1D' }) }),
  ]),
);

/**
 * `POST /local/clock` (local runtime only): `{"to": ISO}` or `{"advance": "P1D"}` moves the clock
 * forward and runs every schedule due on the way; `GET /local/clock` tells the time. Both answer
 * with the company's zone, so that a client shows the time as the company reads it.
 */
export function makeClockHandler(
  clock: LocalClock,
  scheduler: Schedules,
  log: (line: string) => void,
  companyZone: () => Promise<string> = async () => 'UTC',
) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    try {
      const method = event.requestContext.http.method;
      if (event.rawPath !== '/local/clock')
        throw new HttpProblem(404, 'Not found', `There is no route ${event.rawPath}.`);
      const timezone = await companyZone();
      if (method === 'GET') return json(200, { now: isoInstant(clock.now()), timezone });
      if (method !== 'POST')
        throw new HttpProblem(405, 'Method not allowed', 'Use GET or POST on /local/clock.');
      const parsed = bodySchema().safeParse(jsonBody(event));
      if (!parsed.success) {
        throw new ValidationError(
          issuesFromZod(parsed.error).length
            ? issuesFromZod(parsed.error)
            : [{ path: '', message: 'send {"to": ISO} or {"advance": ISO duration}' }],
        );
      }
      const now = clock.now();
      let to: number;
      if ('to' in parsed.data) {
        to = Date.parse(parsed.data.to);
      } else {
        const duration = Duration.fromISO(parsed.data.advance);
        if (!duration.isValid || duration.toMillis() < 0) {
          throw new ValidationError([
            { path: 'advance', message: 'must be a positive ISO-8601 duration, e.g. PT8H, P1D, P1W' },
          ]);
        }
        to = now + duration.toMillis();
      }
      if (to > now + MAX_CLOCK_MOVE_MS) {
        throw new ValidationError([
          {
            path: 'to' in parsed.data ? 'to' : 'advance',
            message: 'must move the clock at most a year ahead at a time',
          },
        ]);
      }
      if (to < now) {
        throw new ValidationError([
          {
            path: 'to',
            message: `is before the clock (${localTimeWords(now, timezone)}); the local clock only moves forward`,
          },
        ]);
      }
      return json(200, { ...(await scheduler.moveTo(to, timezone)), timezone });
    } catch (error) {
      return toProblem(error, (e) => log(`error: ${(e as Error)?.stack ?? String(e)}`));
    }
  };
}
