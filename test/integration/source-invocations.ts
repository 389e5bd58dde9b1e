import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { makeHandler as makeApiHandler } from '../../functions/api/handler.js';
import type { makeHandler } from '../../functions/sources/handler.js';
import { localContext } from '../../local/lambda-bridge.js';
import { testRequestContext } from '../support/api-gateway-event.js';

export interface Answer {
  status: number;
  body: any;
}

function answerOf(result: unknown): Answer {
  const structured = result as APIGatewayProxyStructuredResultV2;
  return {
    status: structured.statusCode ?? 200,
    body: structured.body ? JSON.parse(structured.body) : undefined,
  };
}

/** An HTTP request to the sources (or api) function, as API Gateway hands it over. */
export async function overHttp(
  handler: ReturnType<typeof makeHandler> | ReturnType<typeof makeApiHandler>,
  request: { method?: string; path: string; headers?: Record<string, string>; body?: string; now: number },
): Promise<Answer> {
  const method = request.method ?? 'POST';
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath: request.path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...request.headers },
    pathParameters: request.path.startsWith('/sources/')
      ? { name: request.path.slice('/sources/'.length) }
      : undefined,
    requestContext: testRequestContext(method, request.path, request.now),
    ...(request.body === undefined ? {} : { body: request.body }),
    isBase64Encoded: false,
  };
  return answerOf(await handler(event, localContext('sla-sources')));
}

/** The sources function invoked directly, as an EventBridge rule's Lambda target invokes it. */
export async function invokedDirectly(handler: ReturnType<typeof makeHandler>, event: unknown) {
  return answerOf(await handler(event as Record<string, unknown>, localContext('sla-sources')));
}
