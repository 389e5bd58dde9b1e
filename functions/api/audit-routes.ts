import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { CallerOf } from '../../shared/http/caller.js';
import { json } from '../../shared/http/problem.js';
import { jsonBody, pathParam } from '../../shared/http/request.js';
import type { ApiDeps, ApiRoute } from './handler.js';

const query = (event: APIGatewayProxyEventV2) => event.queryStringParameters ?? {};
// Loaded on first use: their query and body schemas are no part of a cold start.
const eventHistory = () => import('../../shared/app/event-history.js');

/** The audit trail, recorded events as people see and undo them, and where events come from. */
export function auditRoutes(deps: ApiDeps, callerOf: CallerOf): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: '/v1/sources',
      handler: async () =>
        json(200, await (await import('../../shared/app/source-list.js')).listSources(deps)),
    },
    {
      method: 'GET',
      path: '/v1/audit',
      handler: async (event: APIGatewayProxyEventV2) =>
        json(200, await (await import('../../shared/app/audit-queries.js')).listAudit(deps, query(event))),
    },
    {
      method: 'GET',
      path: '/v1/commitments/{id}/events',
      handler: async (event: APIGatewayProxyEventV2) =>
        json(
          200,
          await (await eventHistory()).listRecordedEvents(deps, pathParam(event, 'id'), query(event)),
        ),
    },
    {
      method: 'POST',
      path: '/v1/commitments/{id}/events/{eventId}/void',
      handler: async (event: APIGatewayProxyEventV2) =>
        json(
          200,
          await (await eventHistory()).voidRecordedEvent(
            deps,
            pathParam(event, 'id'),
            pathParam(event, 'eventId'),
            jsonBody(event),
            callerOf(event).via,
          ),
        ),
    },
  ];
}
