import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { makeHandler as makeApiHandler } from '../../functions/api/handler.js';
import { makeHandler } from '../../functions/sources/handler.js';
import { localContext } from '../../local/lambda-bridge.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.js';
import { createDynamoSourceStats } from '../../shared/adapters/dynamodb/source-stats.js';
import { testRequestContext } from '../support/api-gateway-event.js';
import { type AppContext, useApp } from './app-context.js';

/** The example that feeds a commitment from each ticket, issue and code source. */
export const MORE_SOURCES_CONFIG = readFileSync(
  new URL('../../examples/more-sources.yaml', import.meta.url),
  'utf8',
);

export interface SourceApp {
  app: AppContext;
  /** POSTs a raw body to `/sources/{name}` through the sources function, as API Gateway hands it. */
  deliver(
    name: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<{ status: number; body: any }>;
  /** The sources function invoked with no HTTP request around the event, as an EventBridge rule does. */
  invokedDirectly(event: unknown): Promise<{ status: number; body: any }>;
  /** `GET /v1/sources` through the API function, reading the same counts. */
  listed(name: string): Promise<Record<string, unknown> | undefined>;
  /** The open timers of a duration commitment, by subject. */
  openSubjects(commitment: string): Promise<string[]>;
}

/** A fresh table with the example applied, a sources function and an API function over it. */
export async function useSourceApp(
  start: string,
  secrets: Record<string, string>,
  config = MORE_SOURCES_CONFIG,
  log = { error: (message: string, error: unknown) => console.error(message, error) },
): Promise<SourceApp> {
  const app = await useApp(start, config);
  const sourceStats = createDynamoSourceStats(createDocumentClient(app.table.client), app.table.tableName);
  const sources = makeHandler({ ...app.deps, sourceStats, secretOf: async (name) => secrets[name], log });
  const api = makeApiHandler({
    ...app.deps,
    sourceStats,
    publisher: { publish: async () => undefined },
    log,
  });

  async function invoke(
    fn: typeof sources,
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ) {
    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey: '$default',
      rawPath: path,
      rawQueryString: '',
      headers,
      pathParameters: path.startsWith('/sources/') ? { name: path.slice('/sources/'.length) } : undefined,
      requestContext: testRequestContext(method, path, app.clock.now()),
      ...(body === undefined ? {} : { body }),
      isBase64Encoded: false,
    };
    return answerOf(await fn(event, localContext('sla-sources')));
  }

  return {
    app,
    deliver: (name, headers, body) =>
      invoke(sources, 'POST', `/sources/${name}`, { 'content-type': 'application/json', ...headers }, body),
    invokedDirectly: async (event) =>
      answerOf(await sources(event as Record<string, unknown>, localContext('sla-sources'))),
    async listed(name) {
      const { body } = await invoke(api, 'GET', '/v1/sources', {});
      return body.sources.find((s: { name: string }) => s.name === name);
    },
    async openSubjects(commitment) {
      const { body } = await app.call('GET', `/v1/commitments/${commitment}/subjects?state=open`);
      return body.subjects.map((s: { id: string }) => s.id);
    },
  };
}

function answerOf(result: unknown) {
  const structured = result as APIGatewayProxyStructuredResultV2;
  return {
    status: structured.statusCode ?? 200,
    body: structured.body ? JSON.parse(structured.body) : undefined,
  };
}
