import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { makeHandler } from '../../functions/api/handler.js';
import { localContext } from '../../local/lambda-bridge.js';
import { createDynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { createInMemoryMetrics } from '../../shared/adapters/metrics/in-memory-metrics.js';
import { applyConfig } from '../../shared/app/commitments.js';
import type { StoreDeps } from '../../shared/app/deps.js';
import type { OutgoingNotification } from '../../shared/ports/alert-store.js';
import type { NotificationPublisher } from '../../shared/ports/notification-publisher.js';
import { testRequestContext } from '../support/api-gateway-event.js';
import { MutableClock } from '../support/mutable-clock.js';
import { type TestTable, useTestTable } from './dynamodb-context.js';

export const EXAMPLE_CONFIG = readFileSync(
  new URL('../../examples/commitments.yaml', import.meta.url),
  'utf8',
);

/** The IAM principal of the test's API calls, as API Gateway names a SigV4 caller. */
export const TEST_PRINCIPAL = 'arn:aws:iam::123456789012:user/ops-admin';

/** The request context of an IAM-authorised route: API Gateway adds the verified principal. */
function withPrincipal(
  context: APIGatewayProxyEventV2['requestContext'],
  principal: string | null,
): APIGatewayProxyEventV2['requestContext'] {
  if (principal === null) return context;
  const authorizer = {
    iam: {
      accessKey: 'AKIATEST',
      accountId: '123456789012',
      callerId: 'AIDATEST',
      cognitoIdentity: null,
      principalOrgId: '',
      userArn: principal,
      userId: 'AIDATEST',
    },
  };
  const authorised = { ...context, authorizer };
  return authorised;
}

export interface AppContext {
  table: TestTable;
  deps: StoreDeps;
  clock: MutableClock;
  /** Every notification the API's evaluator published, in order. */
  published: OutgoingNotification[];
  publisher: NotificationPublisher;
  /** The business metrics the API handler emitted, summed. */
  metrics: ReturnType<typeof createInMemoryMetrics>;
  /** Calls the API handler with an HTTP API v2 event; returns status, headers and the parsed body. */
  call(
    method: string,
    path: string,
    options?: {
      body?: unknown;
      rawBody?: string;
      contentType?: string;
      headers?: Record<string, string>;
      /** The IAM principal API Gateway names (TEST_PRINCIPAL by default); null for an unsigned request. */
      principal?: string | null;
    },
  ): Promise<{ status: number; headers: Record<string, string>; body: any; isBase64Encoded?: boolean }>;
}

/** A fresh table with the example configuration applied at `start`. Call at a test file's top level. */
export async function useApp(start: string, config = EXAMPLE_CONFIG): Promise<AppContext> {
  const table = await useTestTable();
  const clock = new MutableClock(start);
  const deps = createDynamoStores(table.client, table.tableName, clock);
  await applyConfig(deps, { text: config, dryRun: false });
  const published: OutgoingNotification[] = [];
  const publisher: NotificationPublisher = { publish: async (n) => void published.push(n) };
  const metrics = createInMemoryMetrics();
  const handler = makeHandler({
    ...deps,
    publisher,
    metrics,
    log: { error: (message, error) => console.error(message, error) },
  });
  return {
    table,
    deps,
    clock,
    published,
    publisher,
    metrics,
    async call(method, path, options = {}) {
      const url = new URL(path, 'http://localhost');
      const query = Object.fromEntries(url.searchParams);
      const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      const event: APIGatewayProxyEventV2 = {
        version: '2.0',
        routeKey: '$default',
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers: {
          ...(body !== undefined ? { 'content-type': options.contentType ?? 'application/json' } : {}),
          ...options.headers,
        },
        ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
        requestContext: withPrincipal(
          testRequestContext(method, url.pathname, clock.now(), options.headers?.['user-agent']),
          options.principal === undefined ? TEST_PRINCIPAL : options.principal,
        ),
        ...(body !== undefined ? { body } : {}),
        isBase64Encoded: false,
      };
      const result = (await handler(event, localContext('sla-api'))) as APIGatewayProxyStructuredResultV2;
      const text = result.body ?? '';
      const headers = (result.headers ?? {}) as Record<string, string>;
      // Images come back as they are (SVG text, or PNG as base64); everything else is JSON.
      const isImage = String(headers['content-type'] ?? '').startsWith('image/');
      return {
        status: result.statusCode ?? 200,
        headers,
        body: isImage ? text : text ? JSON.parse(text) : undefined,
        ...(result.isBase64Encoded ? { isBase64Encoded: true } : {}),
      };
    },
  };
}
