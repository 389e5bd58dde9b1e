import middy from '@middy/core';
import httpRouter from '@middy/http-router';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import {
  type DeliveryOutcome,
  MAX_DELIVERY_BYTES,
  receiveDelivery,
  receiveTrustedDelivery,
  type SourceDeliveryDeps,
} from '../../shared/app/source-delivery.js';
import { toProblem } from '../../shared/http/error-mapper.js';
import { HttpProblem, json, problemResponse } from '../../shared/http/problem.js';
import type { BusinessMetrics } from '../../shared/ports/metrics.js';
import {
  ALARM_DETAIL_TYPE,
  ALARM_EVENT_SOURCE,
  isAlarmStateChange,
} from '../../shared/sources/cloudwatch.js';
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
 *
 * The function is also invoked directly, by the EventBridge rule on CloudWatch alarm state changes:
 * such an event has no HTTP request around it and IAM has vouched for its sender.
 */
export function makeHandler(deps: SourcesDeps) {
  const http = makeHttpHandler(deps);
  return async (event: Event | Record<string, unknown>, context: Context): Promise<Result> => {
    if (isHttpEvent(event)) return http(event, context);
    return alarmStateChange(deps, event);
  };
}

function isHttpEvent(event: unknown): event is Event {
  return typeof event === 'object' && event !== null && 'requestContext' in event && 'rawPath' in event;
}

/**
 * A direct invocation. Nobody reads what it returns (EventBridge invokes asynchronously), so a
 * refusal is logged too; it is answered rather than thrown, so Lambda does not retry what cannot
 * succeed. A failure of the store still throws, and is retried.
 */
async function alarmStateChange(deps: SourcesDeps, event: unknown): Promise<Result> {
  let result: Result;
  if (isAlarmStateChange(event)) {
    const outcome = await receiveTrustedDelivery(deps, SOURCE_KINDS, 'cloudwatch', event);
    count(deps, outcome);
    result = answer('cloudwatch', outcome);
  } else {
    const fields = typeof event === 'object' && event !== null ? (event as Record<string, unknown>) : {};
    result = problemResponse(
      400,
      'Not an alarm state change',
      `Nothing was recorded: a direct invocation must be an EventBridge event with source "${ALARM_EVENT_SOURCE}" ` +
        `and detail-type "${ALARM_DETAIL_TYPE}"; got source ${JSON.stringify(fields.source) ?? 'nothing'} and ` +
        `detail-type ${JSON.stringify(fields['detail-type']) ?? 'nothing'}. Other senders post to /sources/{name}.`,
    );
  }
  if (typeof result === 'object' && (result.statusCode ?? 200) >= 400) {
    deps.log.error('alarm state change not recorded', new Error(result.body));
  }
  return result;
}

function count(deps: SourcesDeps, outcome: DeliveryOutcome) {
  if (outcome.kind !== 'received') return;
  deps.metrics?.add('EventsAccepted', outcome.report.recorded);
  deps.metrics?.add('EventsDuplicate', outcome.report.duplicates);
  deps.metrics?.add('EventsRejected', outcome.report.rejected.length);
}

function makeHttpHandler(deps: SourcesDeps) {
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
          count(deps, outcome);
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
    case 'no-source-of-type':
      return problemResponse(
        outcome.names.length === 0 ? 404 : 409,
        outcome.names.length === 0 ? 'No source for the delivery' : 'Ambiguous source',
        outcome.names.length === 0
          ? `Nothing was recorded: there is no ${outcome.type} source; add one under sources: in the configuration and apply it.`
          : `Nothing was recorded: the ${outcome.type} sources ${outcome.names.join(', ')} could each take the delivery; keep one.`,
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
