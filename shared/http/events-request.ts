import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import * as z from 'zod';
import type { StoreDeps } from '../app/deps.js';
import { MAX_EVENTS_PER_REQUEST } from '../app/event-schemas.js';
import { recordEvents } from '../app/record-events.js';
import type { Author } from '../domain/audit.js';
import { lazy } from '../domain/lazy.js';
import type { BusinessMetrics } from '../ports/metrics.js';
import { HttpProblem, json } from './problem.js';
import { jsonBody, pathParam } from './request.js';

const eventsBodySchema = lazy(() =>
  z.union([
    z.strictObject({ events: z.array(z.unknown(), { error: 'must be a list of events' }) }),
    z.looseObject({ id: z.unknown() }),
  ]),
);

function eventsOf(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpProblem(400, 'Invalid request', 'Send {"events": [...]} or a single event object.', [
      { path: '', message: 'must be {"events": [...]} or one event object' },
    ]);
  }
  const parsed = eventsBodySchema().safeParse(body);
  const events = 'events' in body ? (body as { events: unknown }).events : [body];
  if (!parsed.success || !Array.isArray(events)) {
    throw new HttpProblem(400, 'Invalid request', "'events' must be a list of event objects.", [
      { path: 'events', message: 'must be a list of event objects' },
    ]);
  }
  if (events.length === 0) {
    throw new HttpProblem(400, 'Invalid request', "'events' is empty; send at least one event.", [
      { path: 'events', message: 'must contain at least one event' },
    ]);
  }
  if (events.length > MAX_EVENTS_PER_REQUEST) {
    throw new HttpProblem(
      413,
      'Too many events',
      `A request may carry at most ${MAX_EVENTS_PER_REQUEST} events; this one has ${events.length}. Split it into several requests.`,
      [{ path: 'events', message: `must hold at most ${MAX_EVENTS_PER_REQUEST} events` }],
    );
  }
  return events;
}

/**
 * `POST …/commitments/{id}/events` (the IAM route and the HMAC webhook alike): `{events: [...]}` or one
 * event; each event answered on its own. 200 when at least one event was accepted or a duplicate,
 * 400 when every event was rejected.
 */
export async function recordEventsRequest(
  deps: StoreDeps & { metrics?: BusinessMetrics },
  event: APIGatewayProxyEventV2,
  actor: Author,
): Promise<APIGatewayProxyResultV2> {
  const id = pathParam(event, 'id');
  const body = jsonBody(event);
  const events = eventsOf(body);
  const report = await recordEvents(deps, id, events, actor);
  deps.metrics?.add('EventsAccepted', report.accepted);
  deps.metrics?.add('EventsDuplicate', report.duplicates);
  deps.metrics?.add('EventsRejected', report.rejected.length);
  if (report.rejected.length < events.length) return json(200, report);
  // Nothing was recorded: a problem document, still carrying the per-event report.
  const prefix = (index: number) => ('events' in (body as object) ? `events[${index}]` : '');
  const errors = report.rejected.flatMap((r) =>
    r.errors.map((e) => ({ path: [prefix(r.index), e.path].filter(Boolean).join('.'), message: e.message })),
  );
  const first = errors[0];
  return {
    statusCode: 400,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({
      type: 'https://sla-tracker.dev/problems/invalid-events',
      title: 'Invalid events',
      status: 400,
      detail: `No event was recorded: ${first ? `${first.path || 'event'} ${first.message}` : 'every event was rejected'}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}.`,
      errors,
      ...report,
    }),
  };
}
