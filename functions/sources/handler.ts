import middy from '@middy/core';
import httpRouter from '@middy/http-router';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import {
  type DeliveryOutcome,
  MAX_DELIVERY_BYTES,
  receiveDelivery,
  type SourceDeliveryDeps,
} from '../../shared/app/source-delivery.js';
import { toProblem } from '../../shared/http/error-mapper.js';
import { HttpProblem, json, problemResponse } from '../../shared/http/problem.js';
import type { BusinessMetrics } from '../../shared/ports/metrics.js';
import { SOURCE_KINDS } from '../../shared/sources/registry.js';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyResultV2;

export interface SourcesDeps extends SourceDeliveryDeps {
  log: { error(message: string, error: unknown): void };
  /** Counts accepted, duplicate and rejected events, as the events API does. */
  metrics?: BusinessMetrics;
}

/**
 * `POST /sources/{name}`: public at the gateway, so the sender is verified here, with its kind's
 * own scheme, before the body is read. A payload no rule matches is still a success, so the sender
 * does not retry it forever.
 */
export function makeHandler(deps: SourcesDeps) {
  const router = httpRouter<Event, Result>({
    routes: [
      {
        method: 'POST',
        path: '/sources/{name}',
        handler: async (event: Event) => {
          const name = event.pathParameters?.name ?? '';
          const body = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
          const outcome = await receiveDelivery(deps, SOURCE_KINDS, name, {
            headers: event.headers ?? {},
            body,
            method: event.requestContext?.http?.method ?? 'POST',
            rawPath: event.rawPath,
            rawQueryString: event.rawQueryString,
          });
          if (outcome.kind === 'received') {
            deps.metrics?.add('EventsAccepted', outcome.report.recorded);
            deps.metrics?.add('EventsDuplicate', outcome.report.duplicates);
            deps.metrics?.add('EventsRejected', outcome.report.rejected.length);
          }
          return answer(name, outcome);
        },
      },
    ],
    notFoundResponse: ({ method, path }) => {
      throw new HttpProblem(404, 'Not found', `There is no route ${method} ${path}.`);
    },
  });
  return middy<Event, Result>()
    .use({
      onError: async (request) => {
        request.response = toProblem(request.error, (error) => deps.log.error('unhandled error', error));
      },
    })
    .handler(router);
}

function answer(name: string, outcome: DeliveryOutcome): Result {
  switch (outcome.kind) {
    case 'unknown-source':
      return problemResponse(
        404,
        'Unknown source',
        `There is no source '${name}': add it under sources: in the configuration and apply it.`,
      );
    case 'too-large':
      return problemResponse(
        413,
        'Payload too large',
        `The body is ${outcome.bytes} bytes; a delivery may be at most ${MAX_DELIVERY_BYTES} bytes (1 MB).`,
      );
    case 'refused':
      return problemResponse(401, 'Unauthorized', `The delivery was refused: ${outcome.reason}.`);
    case 'malformed': {
      const first = outcome.errors[0];
      return problemResponse(
        400,
        'Invalid delivery',
        `Nothing was recorded: ${first ? `${first.path || 'body'} ${first.message}` : 'the payload is malformed'}.`,
        outcome.errors,
      );
    }
    case 'received': {
      const { report, events } = outcome;
      if (events > 0 && report.rejected.length === events) {
        const errors = report.rejected.flatMap((r) =>
          r.errors.map((e) => ({
            path: [`events[${r.index}]`, e.path].filter(Boolean).join('.'),
            message: e.message,
          })),
        );
        return problemResponse(
          400,
          'Invalid events',
          `No event was recorded: ${errors[0]?.path} ${errors[0]?.message}.`,
          errors,
        );
      }
      return json(200, report);
    }
  }
}
