/**
 * Who calls the `/v1` API. In AWS every route but `/health` is IAM-authorised: API Gateway has
 * verified the SigV4 signature and names the principal in the request context; such callers act
 * as admins and are recorded by their ARN. The local runtime listens on 127.0.0.1 only, so its
 * caller is the machine's own admin.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError } from '../app/errors.js';
import { type Actor, iamActor, LOCAL_ADMIN } from '../domain/permissions.js';

export type CallerOf = (event: APIGatewayProxyEventV2) => Actor;

/** The `sla` CLI names itself, so the audit can tell its changes from a script's. */
export const CLI_USER_AGENT = 'sla-cli';

const viaOf = (event: APIGatewayProxyEventV2): Actor['via'] =>
  event.requestContext.http?.userAgent?.startsWith(CLI_USER_AGENT) ? 'cli' : 'api';

/** The IAM principal API Gateway names (HTTP API, payload 2.0: `requestContext.authorizer.iam.userArn`). */
export const iamCaller: CallerOf = (event) => {
  const context = event.requestContext as { authorizer?: { iam?: { userArn?: unknown } } };
  const arn = context.authorizer?.iam?.userArn;
  if (typeof arn !== 'string' || arn === '') {
    throw new ForbiddenError(
      'The request carries no IAM caller identity: the /v1 routes take SigV4-signed requests (the sla CLI signs them).',
      ['an IAM principal allowed to call the API'],
    );
  }
  return { ...iamActor(arn), via: viaOf(event) };
};

export const localCaller: CallerOf = (event) => ({ ...LOCAL_ADMIN, via: viaOf(event) });
