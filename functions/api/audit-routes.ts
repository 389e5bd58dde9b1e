import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { listAudit } from '../../shared/app/audit.js';
import { listRecordedEvents, voidRecordedEvent } from '../../shared/app/event-history.js';
import { listSources } from '../../shared/app/source-list.js';
import { json } from '../../shared/http/problem.js';
import { jsonBody, pathParam } from '../../shared/http/request.js';
import { apiActor } from '../../shared/http/request-actor.js';
import type { ApiDeps, ApiRoute } from './handler.js';

const query = (event: APIGatewayProxyEventV2) => event.queryStringParameters ?? {};

/** The audit trail, recorded events as people see and undo them, and where events come from. */
export function auditRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: '/v1/sources',
      handler: async () => json(200, await listSources(deps)),
    },
    {
      method: 'GET',
      path: '/v1/audit',
      handler: async (event: APIGatewayProxyEventV2) => json(200, await listAudit(deps, query(event))),
    },
    {
      method: 'GET',
      path: '/v1/commitments/{id}/events',
      handler: async (event: APIGatewayProxyEventV2) =>
        json(200, await listRecordedEvents(deps, pathParam(event, 'id'), query(event))),
    },
    {
      method: 'POST',
      path: '/v1/commitments/{id}/events/{eventId}/void',
      handler: async (event: APIGatewayProxyEventV2) =>
        json(
          200,
          await voidRecordedEvent(
            deps,
            pathParam(event, 'id'),
            pathParam(event, 'eventId'),
            jsonBody(event),
            apiActor(event).via,
          ),
        ),
    },
  ];
}
