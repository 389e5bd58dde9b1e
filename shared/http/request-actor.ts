import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Actor } from '../domain/audit.js';

/** The header the `sla` CLI sends, so the trail tells a terminal from a script. */
export const CLIENT_HEADER = 'x-sla-client';

/**
 * Who calls the `/v1` API: in AWS the IAM principal that signed the request (API Gateway puts its
 * ARN in the request context); locally, where the API listens on 127.0.0.1 only, `local`.
 */
export function apiActor(event: APIGatewayProxyEventV2): Actor {
  const context = event.requestContext as { authorizer?: { iam?: { userArn?: unknown } } } | undefined;
  const arn = context?.authorizer?.iam?.userArn;
  const client = Object.entries(event.headers ?? {}).find(
    ([name]) => name.toLowerCase() === CLIENT_HEADER,
  )?.[1];
  return {
    by: typeof arn === 'string' && arn !== '' ? arn : 'local',
    via: client === 'cli' ? 'cli' : 'api',
  };
}
