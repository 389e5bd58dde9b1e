/**
 * `POST /v1/evaluations {at?}`: one evaluator run now, or at a missed schedule's time within the
 * last day, answered with the run's summary and the company's zone.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { type EvaluatorDeps, runEvaluation } from '../app/evaluator.js';
import { FUTURE_TOLERANCE_MS } from '../app/record-events.js';
import { companyZone } from '../app/status.js';
import { lazy } from '../domain/lazy.js';
import { issuesFromZod, ValidationError } from '../domain/validation-error.js';
import { json } from './problem.js';
import { jsonBody } from './request.js';

/** How far back `POST /v1/evaluations {at}` may run the evaluator (a missed schedule, not history). */
const MAX_EVALUATION_LAG_MS = 24 * 3600_000;

const evaluationBodySchema = lazy(() =>
  z.strictObject({
    at: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with an offset' }).optional(),
  }),
);

export async function evaluationsRequest(
  deps: EvaluatorDeps & { onCommitmentError: NonNullable<EvaluatorDeps['onCommitmentError']> },
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyResultV2> {
  const body = event.body ? jsonBody(event) : {};
  const parsed = evaluationBodySchema().safeParse(body);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error));
  const now = deps.clock.now();
  const at = parsed.data.at === undefined ? now : Date.parse(parsed.data.at);
  if (at > now + FUTURE_TOLERANCE_MS) {
    throw new ValidationError([
      { path: 'at', message: 'must not be in the future: the evaluator judges what has happened' },
    ]);
  }
  // Re-running a missed schedule is fine; judging last year with today's state is not.
  if (at < now - MAX_EVALUATION_LAG_MS) {
    throw new ValidationError([
      {
        path: 'at',
        message:
          'must be within the last 24 hours: closed periods keep their results, and older runs cannot be replayed',
      },
    ]);
  }
  const [summary, timezone] = await Promise.all([runEvaluation(deps, at), companyZone(deps)]);
  return json(200, { ...summary, timezone });
}
