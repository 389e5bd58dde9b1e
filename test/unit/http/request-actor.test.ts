import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { apiActor } from '../../../shared/http/request-actor.js';
import { testRequestContext } from '../../support/api-gateway-event.js';

const ARN = 'arn:aws:sts::123456789012:assumed-role/SlaAdmin/ops-session';

function request(options: { arn?: string; client?: string } = {}): APIGatewayProxyEventV2 {
  const context = testRequestContext('POST', '/v1/commitments/x/events', 0);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/v1/commitments/x/events',
    rawQueryString: '',
    headers: options.client ? { 'X-Sla-Client': options.client } : {},
    requestContext: options.arn
      ? ({ ...context, authorizer: { iam: { userArn: options.arn } } } as typeof context)
      : context,
    isBase64Encoded: false,
  };
}

describe('who calls the API', () => {
  it('is the IAM principal that signed the request, in AWS', () => {
    expect(apiActor(request({ arn: ARN }))).toEqual({ by: ARN, via: 'api' });
  });

  it('is the local admin where no one signs (the local runtime)', () => {
    expect(apiActor(request())).toEqual({ by: 'local', via: 'api' });
  });

  it('came through the CLI when the sla client says so, whatever the header case', () => {
    expect(apiActor(request({ arn: ARN, client: 'cli' }))).toEqual({ by: ARN, via: 'cli' });
    expect(apiActor(request({ client: 'something-else' })).via).toBe('api');
  });
});
