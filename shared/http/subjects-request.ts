import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { StoreDeps } from '../app/deps.js';
import { DEFAULT_SUBJECT_PAGE, listSubjects, MAX_SUBJECT_PAGE } from '../app/subjects.js';
import { SUBJECT_STATES, type SubjectState } from '../domain/late-subjects.js';
import { HttpProblem, json } from './problem.js';
import { pathParam } from './request.js';

function invalidParameter(name: string, message: string): HttpProblem {
  return new HttpProblem(400, 'Invalid request', `Query parameter '${name}' ${message}.`, [
    { path: name, message },
  ]);
}

function stateOf(raw: string | undefined): SubjectState {
  if (raw === undefined) return 'open';
  if ((SUBJECT_STATES as readonly string[]).includes(raw)) return raw as SubjectState;
  throw invalidParameter('state', `must be one of ${SUBJECT_STATES.join(', ')} (got '${raw.slice(0, 40)}')`);
}

function limitOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_SUBJECT_PAGE;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < 1 || value > MAX_SUBJECT_PAGE) {
    throw invalidParameter('limit', `must be a whole number from 1 to ${MAX_SUBJECT_PAGE}`);
  }
  return value;
}

/**
 * `GET /v1/commitments/{id}/subjects?state=open|overdue|due_soon&limit=&cursor=`: a duration
 * commitment's open subjects, late ones most overdue first.
 */
export async function listSubjectsRequest(
  deps: StoreDeps,
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyResultV2> {
  const query = event.queryStringParameters ?? {};
  const state = stateOf(query.state);
  const limit = limitOf(query.limit);
  const cursor = query.cursor;
  if (cursor !== undefined && (cursor === '' || cursor.length > 1000)) {
    throw invalidParameter('cursor', 'must be the nextCursor of an earlier page');
  }
  const listing = await listSubjects(deps, pathParam(event, 'id'), {
    state,
    limit,
    ...(cursor === undefined ? {} : { cursor }),
  });
  return json(200, listing);
}
