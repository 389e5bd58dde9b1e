import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The request context API Gateway (HTTP API, payload 2.0) gives a test request. */
export function testRequestContext(
  method: string,
  path: string,
  timeEpoch: number,
  userAgent = 'test',
): APIGatewayProxyEventV2['requestContext'] {
  return {
    accountId: 'test',
    apiId: 'test',
    domainName: 'localhost',
    domainPrefix: 'test',
    requestId: 'test',
    routeKey: '$default',
    stage: '$default',
    time: '',
    timeEpoch,
    http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent },
  };
}
